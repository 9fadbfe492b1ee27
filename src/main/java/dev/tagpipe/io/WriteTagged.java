package dev.tagpipe.io;

import dev.tagpipe.model.TaggedSentence;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes tagged sentences in one {@link OutputFormat} to files {@code <prefix>-SSSSS-of-NNNNN
 * <suffix>}. {@code numShards} 0 lets the runner choose, as with TextIO.
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

  public static WriteTagged to(String prefix, OutputFormat format, int numShards) {
    return new WriteTagged(prefix, format, numShards);
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
