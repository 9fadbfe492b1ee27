package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes rendered records (such as {@link RenderDocuments}' documents), one per line or block, to
 * files named as {@link WriteTagged} names them: {@code <prefix>-SSSSS-of-NNNNN<suffix>}, or one
 * set per window for a stream.
 */
public final class WriteLines extends PTransform<PCollection<String>, WriteFilesResult<Void>> {
  private final String prefix;
  private final String suffix;
  private final int numShards;
  private final boolean windowed;

  private WriteLines(String prefix, String suffix, int numShards, boolean windowed) {
    this.prefix = prefix;
    this.suffix = suffix;
    this.numShards = numShards;
    this.windowed = windowed;
  }

  /** Writes to files whose names start with {@code prefix} (any Beam filesystem). */
  public static WriteLines to(String prefix) {
    checkArgument(prefix != null && !prefix.isBlank(), "WriteLines.to: the prefix is empty");
    return new WriteLines(prefix, ".jsonl", 0, false);
  }

  /** What ends the file names ({@code .jsonl} by default). */
  public WriteLines withSuffix(String suffix) {
    checkArgument(suffix != null, "WriteLines.withSuffix: the suffix is null");
    return new WriteLines(prefix, suffix, numShards, windowed);
  }

  /** Output files; 0 lets the runner decide. */
  public WriteLines withNumShards(int numShards) {
    checkArgument(
        numShards >= 0, "numShards must be 0 (runner decides) or more, not %s", numShards);
    return new WriteLines(prefix, suffix, numShards, windowed);
  }

  /** One set of files per window, as {@link WriteTagged#withWindowedWrites}. */
  public WriteLines withWindowedWrites() {
    return new WriteLines(prefix, suffix, numShards, true);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("prefix", prefix).withLabel("Output prefix"))
        .add(DisplayData.item("suffix", suffix).withLabel("Output suffix"))
        .addIfNotDefault(
            DisplayData.item("numShards", numShards).withLabel("Output shards (0: runner decides)"),
            0)
        .addIfNotDefault(
            DisplayData.item("windowed", windowed).withLabel("One set of files per window"), false);
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<String> lines) {
    return WriteTagged.writeLines(lines, prefix, suffix, numShards, windowed);
  }
}
