package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggedSentence;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Tagged sentences and rejections as the lines the file writers write ({@link Formats}), each keyed
 * by the key of the stream record it came from ({@code recordKey}, null if none): what a topic
 * writer takes, so that the output's partitioning follows the input's.
 */
public final class KeyedLines {
  private KeyedLines() {}

  /** Each tagged sentence as one line of {@code format} (not {@code documents}). */
  public static PTransform<PCollection<TaggedSentence>, PCollection<KV<byte[], String>>> sentences(
      OutputFormat format) {
    checkArgument(
        format != null && format != OutputFormat.documents,
        "KeyedLines.sentences: documents are rendered whole, by RenderDocuments.keyed()");
    return new PTransform<>("KeyedSentences") {
      @Override
      public PCollection<KV<byte[], String>> expand(PCollection<TaggedSentence> tagged) {
        return tagged
            .apply(
                "Render " + format,
                MapElements.into(new TypeDescriptor<KV<byte[], String>>() {})
                    .via(
                        (TaggedSentence s) ->
                            KV.of(s.sentence().recordKey(), Formats.render(s, format))))
            .setCoder(CODER);
      }
    };
  }

  /** Each rejection as its JSON Lines record ({@code id}, {@code reason}, {@code input}). */
  public static PTransform<PCollection<Rejection>, PCollection<KV<byte[], String>>> rejections() {
    return new PTransform<>("KeyedRejections") {
      @Override
      public PCollection<KV<byte[], String>> expand(PCollection<Rejection> rejected) {
        return rejected
            .apply(
                "Render",
                MapElements.into(new TypeDescriptor<KV<byte[], String>>() {})
                    .via((Rejection r) -> KV.of(r.recordKey(), Formats.rejection(r))))
            .setCoder(CODER);
      }
    };
  }

  private static final KvCoder<byte[], String> CODER =
      KvCoder.of(NullableCoder.of(ByteArrayCoder.of()), StringUtf8Coder.of());
}
