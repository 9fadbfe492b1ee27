package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.model.Rejection;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The dead letter: writes rejections as JSON Lines {@code {"id", "reason", "input"}} to one file
 * {@code <prefix>-00000-of-00001.jsonl} (rejections are few; one file is easy to find). Its output
 * gives the name of the file written, as {@link WriteTagged}'s does.
 */
public final class WriteRejections
    extends PTransform<PCollection<Rejection>, WriteFilesResult<Void>> {
  private final String prefix;
  private final boolean windowed;

  private WriteRejections(String prefix, boolean windowed) {
    this.prefix = prefix;
    this.windowed = windowed;
  }

  /** Writes to {@code <prefix>-00000-of-00001.jsonl} (any Beam filesystem). */
  public static WriteRejections to(String prefix) {
    checkArgument(prefix != null && !prefix.isBlank(), "WriteRejections.to: the prefix is empty");
    return new WriteRejections(prefix, false);
  }

  /** One file per window, for a streaming job (see {@link WriteTagged#withWindowedWrites}). */
  public WriteRejections withWindowedWrites() {
    return new WriteRejections(prefix, true);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("prefix", prefix).withLabel("Rejected output prefix"));
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<Rejection> rejections) {
    return WriteTagged.writeLines(
        rejections.apply(
            "RenderJson", MapElements.into(TypeDescriptors.strings()).via(Formats::rejection)),
        prefix,
        ".jsonl",
        1,
        windowed);
  }
}
