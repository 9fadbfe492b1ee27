package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.TaggedSentence;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.WriteFiles;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes tagged sentences in one {@link OutputFormat} (default {@code jsonl}) to files {@code
 * <prefix>-SSSSS-of-NNNNN<suffix>}. The number of shards defaults to 0: the runner chooses, as with
 * TextIO. Its output, TextIO's {@link WriteFilesResult}, gives the names of the files written
 * ({@link WriteFilesResult#getPerDestinationOutputFilenames}: one destination, {@code null}), once
 * they are final: to act on them in the same pipeline.
 */
public final class WriteTagged
    extends PTransform<PCollection<TaggedSentence>, WriteFilesResult<Void>> {
  private final String prefix;
  private final OutputFormat format;
  private final int numShards;
  private final boolean windowed;

  private WriteTagged(String prefix, OutputFormat format, int numShards, boolean windowed) {
    this.prefix = prefix;
    this.format = format;
    this.numShards = numShards;
    this.windowed = windowed;
  }

  /** Writes to files whose names start with {@code prefix} (any Beam filesystem). */
  public static WriteTagged to(String prefix) {
    checkArgument(prefix != null && !prefix.isBlank(), "WriteTagged.to: the prefix is empty");
    return new WriteTagged(prefix, OutputFormat.jsonl, 0, false);
  }

  /** Writes in {@code format} instead of {@code jsonl}; its suffix ends the file names. */
  public WriteTagged withFormat(OutputFormat format) {
    checkArgument(format != null, "WriteTagged.withFormat: the format is null");
    checkArgument(
        format != OutputFormat.documents,
        "WriteTagged writes sentences; documents are written by RenderDocuments and WriteLines");
    return new WriteTagged(prefix, format, numShards, windowed);
  }

  /** Output files; 0 lets the runner decide. */
  public WriteTagged withNumShards(int numShards) {
    checkArgument(
        numShards >= 0, "numShards must be 0 (runner decides) or more, not %s", numShards);
    return new WriteTagged(prefix, format, numShards, windowed);
  }

  /**
   * One set of files per window (for a streaming job), named {@code <prefix>-<window start>-<window
   * end>-<pane>-SSSSS-of-NNNNN<suffix>} so that they sort by window; each appears complete when its
   * window closes. The runner cannot choose the number of shards of a stream, so 0 means 1 here.
   */
  public WriteTagged withWindowedWrites() {
    return new WriteTagged(prefix, format, numShards, true);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("prefix", prefix).withLabel("Output prefix"))
        .add(DisplayData.item("format", format.name()).withLabel("Output format"))
        .addIfNotDefault(
            DisplayData.item("numShards", numShards).withLabel("Output shards (0: runner decides)"),
            0)
        .addIfNotDefault(
            DisplayData.item("windowed", windowed).withLabel("One set of files per window"), false);
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<TaggedSentence> tagged) {
    OutputFormat f = format;
    PCollection<String> lines =
        tagged.apply(
            "Render " + format,
            MapElements.into(TypeDescriptors.strings()).via(s -> Formats.render(s, f)));
    return writeLines(lines, prefix, format.suffix(), numShards, windowed);
  }

  /**
   * TextIO with our file naming; windowed: one set of files per window, each line's shard a
   * function of the line ({@link WindowedLinesSink} says why), and each window's end recorded as
   * the gauge {@code tagpipe/latestWindowWritten} once its files are final. Returns the files
   * written.
   */
  static WriteFilesResult<Void> writeLines(
      PCollection<String> lines, String prefix, String suffix, int numShards, boolean windowed) {
    TextIO.Write write = TextIO.write().to(prefix).withSuffix(suffix);
    if (!windowed) {
      return lines.apply(
          "WriteFiles",
          (numShards > 0 ? write.withNumShards(numShards) : write).<Void>withOutputFilenames());
    }
    int shards = Math.max(1, numShards);
    // A window written again after a restore must replace its files: with one shard it does;
    // with several, lines are sharded by content (see WindowedLinesSink), not at random.
    PTransform<PCollection<String>, ? extends WriteFilesResult<Void>> windowedWrite =
        shards == 1
            ? write
                .withWindowedWrites()
                .withShardNameTemplate("-W-P-SSSSS-of-NNNNN") // prefix-window-pane-shard, sortable
                .withNumShards(1)
                .withOutputFilenames()
            : WriteFiles.to(new WindowedLinesSink(prefix, suffix))
                .withWindowedWrites()
                .withNumShards(shards)
                .withShardingFunction(WindowedLinesSink.SHARD_BY_CONTENT);
    WriteFilesResult<Void> written = lines.apply("WriteWindows", windowedWrite);
    written
        .getPerDestinationOutputFilenames()
        .apply("RecordWindow", ParDo.of(new RecordWindowFn<>()));
    return written;
  }

  private static final class RecordWindowFn<K> extends DoFn<KV<K, String>, Void> {
    @ProcessElement
    public void process(BoundedWindow window) {
      Counters.LATEST_WINDOW_WRITTEN.set(window.maxTimestamp().getMillis() + 1);
    }
  }
}
