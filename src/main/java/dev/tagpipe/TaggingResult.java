package dev.tagpipe;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggedSentence;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What a tagging transform gives: the tagged sentences and, for every sentence that could not be
 * tagged, a {@link Rejection} with its id and reason (as Beam's {@code WithFailures.Result}). Every
 * sentence read is in exactly one of the two.
 */
public final class TaggingResult implements POutput {
  private static final TupleTag<TaggedSentence> TAGGED = new TupleTag<>("tagged");
  private static final TupleTag<Rejection> REJECTED = new TupleTag<>("rejected");

  private final Pipeline pipeline;
  private final PCollection<TaggedSentence> tagged;
  private final PCollection<Rejection> rejected;

  TaggingResult(PCollection<TaggedSentence> tagged, PCollection<Rejection> rejected) {
    this.pipeline = tagged.getPipeline();
    this.tagged = tagged;
    this.rejected = rejected;
  }

  /** The tagged sentences: id, tokens, one tag per token, and the model that tagged them. */
  public PCollection<TaggedSentence> tagged() {
    return tagged;
  }

  /** The sentences that could not be tagged, each with its reason. */
  public PCollection<Rejection> rejected() {
    return rejected;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(TAGGED, tagged, REJECTED, rejected);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
