package dev.tagpipe;

import dev.tagpipe.io.ReadSentences;
import dev.tagpipe.io.WriteRejections;
import dev.tagpipe.io.WriteTagged;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Assembles the tagging pipeline from its transforms, the same graph on every runner (runner
 * choices live in {@link dev.tagpipe.runner.RunnerPolicy}):
 *
 * <pre>
 *   ReadTaggerModel ──(side input)──┐
 *   ReadSentences ── TagSentences ── WriteTagged
 *        └── rejected ──────┴──────── WriteRejections
 * </pre>
 */
public final class TagPipelineBuilder {
  private TagPipelineBuilder() {}

  /** Adds the whole job to {@code pipeline}. Options must already be validated. */
  public static void build(Pipeline pipeline, TagPipelineOptions options) {
    PCollectionView<Iterable<TaggerModel>> model =
        pipeline.apply("ReadTaggerModel",
            ReadTaggerModel.from(options.getModel()).withExpectedSha256(options.getModelSha256()));

    PCollectionTuple read =
        pipeline.apply("ReadSentences",
            ReadSentences.from(options.getInput(), options.getInputFormat())
                .withMaxLineBytes(options.getMaxLineBytes())
                .withMaxSentenceTokens(options.getMaxSentenceTokens())
                .withMinShards(options.getReadShards()));

    // No shuffle: each reader's sentences are tagged where they are read, fused with it.
    PCollectionTuple tagged =
        read.get(ReadSentences.SENTENCES).apply("TagSentences",
            TagSentences.with(model)
                .withMaxSentenceTokens(options.getMaxSentenceTokens())
                .withMaxCachedTaggers(options.getMaxCachedTaggers()));

    tagged.get(TagSentences.TAGGED)
        .apply("WriteTagged",
            WriteTagged.to(options.getOutput())
                .withFormat(options.getOutputFormat())
                .withNumShards(options.getNumShards()));

    PCollectionList.of(read.get(ReadSentences.REJECTED))
        .and(tagged.get(TagSentences.REJECTED))
        .apply("AllRejections", Flatten.<Rejection>pCollections())
        .apply("WriteRejections", WriteRejections.to(options.getOutput() + "-rejected"));
  }
}
