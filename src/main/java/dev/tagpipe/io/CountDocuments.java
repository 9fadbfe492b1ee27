package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggedSentence;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Counts the documents (JSON Lines input) that had at least one sentence tagged ({@code
 * tagpipe/documentsTagged}) and those that had none ({@code documentsRejected}: every sentence
 * rejected, or the line rejected whole), from the tagged sentences and the rejections, without
 * gathering the sentences themselves: one flag per sentence, combined per document (per window on a
 * stream). For runs that write sentences; {@link AssembleDocuments} counts as it assembles.
 */
public final class CountDocuments extends PTransform<PCollectionTuple, PCollection<Void>> {
  private CountDocuments() {}

  /**
   * Counts the documents of an input made by {@link AssembleDocuments#inputs} (its documents are
   * not needed: any collection of them, even empty, will do).
   */
  public static CountDocuments create() {
    return new CountDocuments();
  }

  @Override
  public PCollection<Void> expand(PCollectionTuple input) {
    checkArgument(
        input.has(AssembleDocuments.TAGGED) && input.has(AssembleDocuments.REJECTED),
        "CountDocuments: the input is not AssembleDocuments.inputs(documents, tagged, rejected)");
    KvCoder<String, Boolean> coder = KvCoder.of(StringUtf8Coder.of(), BooleanCoder.of());
    PCollection<KV<String, Boolean>> wasTagged =
        keyTagged(input.get(AssembleDocuments.TAGGED))
            .apply(
                "Tagged",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.booleans()))
                    .via(kv -> KV.of(kv.getKey(), true)))
            .setCoder(coder);
    PCollection<KV<String, Boolean>> wasRejected =
        keyRejected(input.get(AssembleDocuments.REJECTED))
            .apply(
                "Rejected",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.booleans()))
                    .via(kv -> KV.of(kv.getKey(), false)))
            .setCoder(coder);
    return PCollectionList.of(wasTagged)
        .and(wasRejected)
        .apply("Outcomes", Flatten.pCollections())
        .apply("AnyTagged", Combine.perKey((Iterable<Boolean> flags) -> anyTrue(flags)))
        .apply("CountDocuments", ParDo.of(new CountFn()));
  }

  private static boolean anyTrue(Iterable<Boolean> flags) {
    for (boolean flag : flags) {
      if (flag) {
        return true;
      }
    }
    return false;
  }

  private static final class CountFn extends DoFn<KV<String, Boolean>, Void> {
    @ProcessElement
    public void process(@Element KV<String, Boolean> document) {
      (document.getValue() ? Counters.DOCUMENTS_TAGGED : Counters.DOCUMENTS_REJECTED).inc();
    }
  }

  /** The sentences of documents, keyed by their document. */
  static PCollection<KV<String, TaggedSentence>> keyTagged(PCollection<TaggedSentence> tagged) {
    return tagged
        .apply(
            "SentencesOfDocuments",
            Filter.by((TaggedSentence s) -> s.sentence().document() != null))
        .apply(
            "KeySentencesByDocument",
            WithKeys.of((TaggedSentence s) -> s.sentence().document().documentKey())
                .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.TaggedSentenceCoder.of()));
  }

  /** The rejections that belong to a document, keyed by it. */
  static PCollection<KV<String, Rejection>> keyRejected(PCollection<Rejection> rejected) {
    return rejected
        .apply("RejectionsOfDocuments", Filter.by((Rejection r) -> r.documentKey() != null))
        .apply(
            "KeyRejectionsByDocument",
            WithKeys.of(Rejection::documentKey).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.RejectionCoder.of()));
  }
}
