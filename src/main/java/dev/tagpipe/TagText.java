package dev.tagpipe;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.io.SplitText;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Part-of-speech tags raw text inside any Beam pipeline: each element of the input is a text, split
 * into sentences as CoreNLP's pipeline splits it ({@link SplitText}) and tagged with a CoreNLP
 * {@code MaxentTagger}.
 *
 * <pre>{@code
 * TaggingResult result = texts.apply(TagText.withModel("gs://bucket/models/my.tagger"));
 * result.tagged();   // PCollection<TaggedSentence>
 * result.rejected(); // PCollection<Rejection>
 * }</pre>
 *
 * <p>The model is given by its location (the English model in tagpipe's jar by default, or a {@code
 * .tagger} file on any Beam filesystem): the transform reads it once in the pipeline, the runner
 * broadcasts its bytes as a side input, and each worker JVM loads it once, through tagpipe's safe
 * loader, into a cache shared by all its threads.
 */
public final class TagText extends PTransform<PCollection<String>, TaggingResult> {
  private final String model;
  private final String modelSha256; // null: not pinned
  private final int maxSentenceTokens;

  private TagText(String model, String modelSha256, int maxSentenceTokens) {
    this.model = model;
    this.modelSha256 = modelSha256;
    this.maxSentenceTokens = maxSentenceTokens;
  }

  /** Tags with the English model in tagpipe's jar ({@value ModelLocation#BUNDLED_MODEL}). */
  public static TagText withDefaultModel() {
    return withModel(ModelLocation.BUNDLED_MODEL);
  }

  /** Tags with the CoreNLP tagger model at {@code location} (any Beam filesystem). */
  public static TagText withModel(String location) {
    checkArgument(
        location != null && !location.isBlank(),
        "TagText.withModel: the location is"
            + " empty; give a .tagger file, or use TagText.withDefaultModel()");
    return new TagText(location, null, TagSentences.DEFAULT_MAX_SENTENCE_TOKENS);
  }

  /** Refuses, at run time, a model whose bytes do not have this SHA-256. */
  public TagText withModelSha256(String sha256) {
    return new TagText(model, sha256, maxSentenceTokens);
  }

  /** Longer sentences (and text with no sentence end within as many tokens) are rejected. */
  public TagText withMaxSentenceTokens(int maxSentenceTokens) {
    checkArgument(
        maxSentenceTokens >= 1,
        "TagText.withMaxSentenceTokens must be at least 1, not %s",
        maxSentenceTokens);
    return new TagText(model, modelSha256, maxSentenceTokens);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("model", model).withLabel("Tagger model"))
        .add(
            DisplayData.item("maxSentenceTokens", maxSentenceTokens)
                .withLabel("Longest sentence tagged (tokens)"));
  }

  @Override
  public TaggingResult expand(PCollection<String> texts) {
    PCollectionView<Iterable<TaggerModel>> modelView =
        texts
            .getPipeline()
            .apply("ReadTaggerModel", ReadTaggerModel.from(model).withExpectedSha256(modelSha256));
    PCollectionTuple split =
        texts.apply("SplitText", SplitText.create().withMaxSentenceTokens(maxSentenceTokens));
    PCollectionTuple tagged =
        split
            .get(SplitText.SENTENCES)
            .apply(
                "TagSentences",
                TagSentences.with(modelView).withMaxSentenceTokens(maxSentenceTokens));
    PCollection<Rejection> rejected =
        PCollectionList.of(split.get(SplitText.REJECTED))
            .and(tagged.get(TagSentences.REJECTED))
            .apply("AllRejections", Flatten.pCollections());
    rejected.setCoder(Coders.RejectionCoder.of());
    return new TaggingResult(tagged.get(TagSentences.TAGGED), rejected);
  }
}
