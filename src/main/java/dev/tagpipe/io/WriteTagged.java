package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.model.TaggedSentence;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes tagged sentences in one {@link OutputFormat} (default {@code jsonl}) to files {@code
 * <prefix>-SSSSS-of-NNNNN<suffix>}. The number of shards defaults to 0: the runner chooses, as
 * with TextIO.
 */
public final class WriteTagged extends PTransform<PCollection<TaggedSentence>, PDone> {
  private final String prefix;
  private final OutputFormat format;
  private final int numShards;

  private WriteTagged(String prefix, OutputFormat format, int numShards) {
    this.prefix = prefix;
    this.format = format;
    this.numShards = numShards;
  }

  /** Writes to files whose names start with {@code prefix} (any Beam filesystem). */
  public static WriteTagged to(String prefix) {
    checkArgument(prefix != null && !prefix.isBlank(), "WriteTagged.to: the prefix is empty");
    return new WriteTagged(prefix, OutputFormat.jsonl, 0);
  }

  public WriteTagged withFormat(OutputFormat format) {
    checkArgument(format != null, "WriteTagged.withFormat: the format is null");
    return new WriteTagged(prefix, format, numShards);
  }

  /** Output files; 0 lets the runner decide. */
  public WriteTagged withNumShards(int numShards) {
    checkArgument(numShards >= 0, "numShards must be 0 (runner decides) or more, not %s",
        numShards);
    return new WriteTagged(prefix, format, numShards);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("prefix", prefix).withLabel("Output prefix"))
        .add(DisplayData.item("format", format.name()).withLabel("Output format"))
        .addIfNotDefault(DisplayData.item("numShards", numShards)
            .withLabel("Output shards (0: runner decides)"), 0);
  }

  @Override
  public PDone expand(PCollection<TaggedSentence> tagged) {
    OutputFormat f = format;
    TextIO.Write write = TextIO.write().to(prefix).withSuffix(format.suffix());
    if (numShards > 0) {
      write = write.withNumShards(numShards);
    }
    return tagged
        .apply("Render " + format,
            MapElements.into(TypeDescriptors.strings()).via(s -> Formats.render(s, f)))
        .apply("WriteFiles", write);
  }
}
