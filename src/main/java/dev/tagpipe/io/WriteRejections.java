package dev.tagpipe.io;

import dev.tagpipe.model.Rejection;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Writes rejections as JSON Lines {@code {"id", "reason", "input"}} to {@code <prefix>-*.jsonl}. */
public final class WriteRejections extends PTransform<PCollection<Rejection>, PDone> {
  private final String prefix;

  private WriteRejections(String prefix) {
    this.prefix = prefix;
  }

  public static WriteRejections to(String prefix) {
    return new WriteRejections(prefix);
  }

  @Override
  public PDone expand(PCollection<Rejection> rejections) {
    return rejections
        .apply("RenderJson", MapElements.into(TypeDescriptors.strings()).via(Formats::rejection))
        .apply("WriteFiles", TextIO.write().to(prefix).withSuffix(".jsonl").withNumShards(1));
  }
}
