package dev.tagpipe.io;

import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.DefaultFilenamePolicy;
import org.apache.beam.sdk.io.DynamicFileDestinations;
import org.apache.beam.sdk.io.FileBasedSink;
import org.apache.beam.sdk.io.ShardingFunction;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.values.ShardedKey;

/**
 * UTF-8 lines into one set of files per window, named {@code prefix-window-pane-shard-of-n suffix},
 * as TextIO writes them, for {@link org.apache.beam.sdk.io.WriteFiles} with {@link
 * #SHARD_BY_CONTENT}.
 *
 * <p>Why not TextIO: it deals lines to shards at random. A streaming job restored from a checkpoint
 * writes a window again if the window had fired after that checkpoint; with random shards the same
 * lines may land in other shard files, and a shard file of the first attempt that the second leaves
 * empty would stay beside the new ones, its lines twice in the output. Sharded by content, the
 * second attempt writes the same lines into the same files, replacing them.
 */
final class WindowedLinesSink extends FileBasedSink<String, Void, String> {
  /** Each line's shard is a function of the line. */
  static final ShardingFunction<String, Void> SHARD_BY_CONTENT =
      (destination, line, shards) -> ShardedKey.of(0, Math.floorMod(line.hashCode(), shards));

  WindowedLinesSink(String prefix, String suffix) {
    this(FileBasedSink.convertToFileResourceIfPossible(prefix), suffix);
  }

  private WindowedLinesSink(ResourceId prefix, String suffix) {
    super(
        StaticValueProvider.of(prefix.getCurrentDirectory()),
        DynamicFileDestinations.constant(
            DefaultFilenamePolicy.fromStandardParameters(
                StaticValueProvider.of(prefix), "-W-P-SSSSS-of-NNNNN", suffix, true)));
  }

  @Override
  public WriteOperation<Void, String> createWriteOperation() {
    return new WriteOperation<>(this) {
      @Override
      public FileBasedSink.Writer<Void, String> createWriter() {
        return new FileBasedSink.Writer<>(this, "text/plain") {
          private OutputStreamWriter out;

          @Override
          protected void prepareWrite(WritableByteChannel channel) {
            out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
          }

          @Override
          public void write(String line) throws Exception {
            out.write(line);
            out.write('\n');
          }

          @Override
          protected void finishWrite() throws Exception {
            out.flush();
          }
        };
      }
    };
  }
}
