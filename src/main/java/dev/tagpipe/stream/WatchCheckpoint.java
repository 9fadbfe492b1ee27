package dev.tagpipe.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.UnboundedSource;

/**
 * What a watch reader has done, for a restart (runners restart readers from their marks, the
 * DirectRunner every few bundles): the files' state ({@link SeenFiles.Snapshot}: the names given,
 * those waiting with their first-seen times), the model given, the time of the last new file (the
 * idle clock) and whether the watch had ended.
 */
final class WatchCheckpoint implements UnboundedSource.CheckpointMark {
  final SeenFiles.Snapshot files;
  final String modelSha256; // null before the first model was given
  final long lastNewFileMillis;
  final boolean finished;
  // The reader that made this mark, told when the runner has made the mark durable; null in a
  // mark restored from a checkpoint (it was durable, so its files are given at once).
  private final WatchReader reader;

  WatchCheckpoint(
      SeenFiles.Snapshot files,
      String modelSha256,
      long lastNewFileMillis,
      boolean finished,
      WatchReader reader) {
    this.files = files;
    this.modelSha256 = modelSha256;
    this.lastNewFileMillis = lastNewFileMillis;
    this.finished = finished;
    this.reader = reader;
  }

  @Override
  public void finalizeCheckpoint() {
    if (reader != null) {
      reader.durable(files.waitingNames());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchCheckpoint c
        && files.equals(c.files)
        && Objects.equals(modelSha256, c.modelSha256)
        && lastNewFileMillis == c.lastNewFileMillis
        && finished == c.finished;
  }

  @Override
  public int hashCode() {
    return Objects.hash(files, modelSha256, lastNewFileMillis, finished);
  }

  @Override
  public String toString() {
    return "WatchCheckpoint{" + files + ", model " + modelSha256 + "}";
  }

  /**
   * The files' state (front-coded names, see {@link SeenFiles.Snapshot#writeTo}), then the model's
   * SHA-256, the idle clock and the end flag. Deterministic: equal marks encode to equal bytes.
   */
  static final class Coder extends AtomicCoder<WatchCheckpoint> {
    private static final Coder INSTANCE = new Coder();
    private static final NullableCoder<String> SHA256 = NullableCoder.of(StringUtf8Coder.of());

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(WatchCheckpoint c, OutputStream out) throws IOException {
      c.files.writeTo(out);
      SHA256.encode(c.modelSha256, out);
      VarLongCoder.of().encode(c.lastNewFileMillis, out);
      BooleanCoder.of().encode(c.finished, out);
    }

    @Override
    public WatchCheckpoint decode(InputStream in) throws IOException {
      SeenFiles.Snapshot files = SeenFiles.Snapshot.readFrom(in);
      String sha256 = SHA256.decode(in);
      long lastNewFile = VarLongCoder.of().decode(in);
      boolean finished = BooleanCoder.of().decode(in);
      return new WatchCheckpoint(files, sha256, lastNewFile, finished, null);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
