package dev.tagpipe;

import dev.tagpipe.io.ReadSentences;
import dev.tagpipe.io.WriteRejections;
import dev.tagpipe.io.WriteTagged;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Assembles the tagging pipeline from its transforms:
 *
 * <pre>
 *   ReadTaggerModel ──(side input)──┐
 *   ReadSentences ── TagSentences ── WriteTagged
 *        └── rejected ──────┴──────── WriteRejections
 * </pre>
 */
public final class TagPipelineBuilder {
  private TagPipelineBuilder() {}

  /**
   * Shares the input is dealt into, at least: two per worker thread where the launcher knows the
   * parallelism, so that a worker that finishes early takes another share instead of waiting.
   * Elsewhere the runner's split size decides (Dataflow asks for as many as it wants workers).
   */
  static int readShards(TagPipelineOptions options) {
    if (options.getReadShards() > 0) {
      return options.getReadShards();
    }
    if (options.getRunner() == DirectRunner.class) {
      return 2 * Math.max(1, options.as(DirectOptions.class).getTargetParallelism());
    }
    if (options.getRunner() == FlinkRunner.class) {
      int parallelism = options.as(FlinkPipelineOptions.class).getParallelism();
      return parallelism > 0 ? 2 * parallelism : 1;
    }
    return 1;
  }

  /** Adds the whole job to {@code pipeline}. Options must already be validated. */
  public static void build(Pipeline pipeline, TagPipelineOptions options) {
    PCollectionView<Iterable<TaggerModel>> model =
        pipeline.apply("ReadTaggerModel",
            ReadTaggerModel.from(options.getModel()).withExpectedSha256(options.getModelSha256()));

    ReadSentences readSentences =
        ReadSentences.from(options.getInput(), options.getInputFormat())
            .withMaxLineBytes(options.getMaxLineBytes())
            .withMinShards(readShards(options));
    if (options.getDryRun()) {
      readSentences = readSentences.withoutListingInputWhileBuilding();
    }
    PCollectionTuple read = pipeline.apply("ReadSentences", readSentences);

    // No shuffle: each reader's sentences are tagged where they are read, fused with it.
    PCollectionTuple tagged =
        read.get(ReadSentences.SENTENCES).apply("TagSentences",
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
