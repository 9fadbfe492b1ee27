package dev.tagpipe;

import dev.tagpipe.io.ReadSentences;
import dev.tagpipe.io.WriteRejections;
import dev.tagpipe.io.WriteTagged;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Assembles the tagging pipeline from its transforms:
 *
 * <pre>
 *   ReadTaggerModel ──(singleton side input)──┐
 *   ReadSentences ── SpreadOverWorkers ── TagSentences ── WriteTagged
 *        └──────────── rejected ─────────────────┴──────── WriteRejections
 * </pre>
 */
public final class TagPipelineBuilder {
  private TagPipelineBuilder() {}

  private static SpreadOverWorkers spreadOverWorkers(TagPipelineOptions options) {
    int buckets = options.getShuffleBuckets();
    if (buckets == 0 && options.getRunner() == DirectRunner.class) {
      // The DirectRunner keeps timers and state per key: with a key per batch it ran 2.4x
      // slower (1.6M tokens) than with a few keys per thread.
      buckets = 4 * Math.max(1, options.as(DirectOptions.class).getTargetParallelism());
    }
    return SpreadOverWorkers.inBatchesOf(options.getBatchTokens())
        .withBuckets(buckets);
  }

  /** Adds the whole job to {@code pipeline}. Options must already be validated. */
  public static void build(Pipeline pipeline, TagPipelineOptions options) {
    PCollectionView<TaggerModel> model =
        pipeline.apply("ReadTaggerModel",
            ReadTaggerModel.from(options.getModel()).withExpectedSha256(options.getModelSha256()));

    PCollectionTuple read =
        pipeline.apply("ReadSentences",
            ReadSentences.from(options.getInput(), options.getInputFormat())
                .withMaxLineBytes(options.getMaxLineBytes()));

    // Files are parsed whole by one worker each; redistribute so every worker tags.
    PCollection<Sentence> sentences =
        read.get(ReadSentences.SENTENCES)
            .apply("SpreadOverWorkers", spreadOverWorkers(options));

    PCollectionTuple tagged =
        sentences.apply("TagSentences",
            TagSentences.with(model)
                .withMaxSentenceTokens(options.getMaxSentenceTokens())
                .withMaxCachedTaggers(options.getMaxCachedTaggers()));

    tagged.get(TagSentences.TAGGED)
        .apply("WriteTagged",
            WriteTagged.to(options.getOutput(), options.getOutputFormat(), options.getNumShards()));

    PCollectionList.of(read.get(ReadSentences.REJECTED))
        .and(tagged.get(TagSentences.REJECTED))
        .apply("AllRejections", Flatten.<Rejection>pCollections())
        .apply("WriteRejections", WriteRejections.to(options.getOutput() + "-rejected"));
  }
}
