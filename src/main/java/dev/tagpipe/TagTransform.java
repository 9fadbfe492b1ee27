package dev.tagpipe;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Schemas;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.TaggedSentence;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TagSentences;
import dev.tagpipe.tagger.TaggerImplementation;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * What the tagging transforms ({@link TagText}, {@link TagTokenLines}, {@link TagTokens}) share:
 * the model, given by its location, and the settings of the tagging. Each turns its input into
 * sentences its own way; from there the tagging is the same.
 *
 * <p>The transform reads the model once in the pipeline and makes it the tagging's side input
 * itself (as RunInference's model handler does): the runner broadcasts its bytes, and each worker
 * JVM loads it once, through tagpipe's safe loader, into a cache shared by all its threads. For a
 * stream, {@link #withModelUpdates} gives new versions while the job runs.
 *
 * @param <InputT> the elements tagged
 * @param <SelfT> the concrete transform, returned by the {@code with...} methods
 */
public abstract class TagTransform<InputT, SelfT extends TagTransform<InputT, SelfT>>
    extends PTransform<PCollection<InputT>, TaggingResult> {
  final String model;
  final String modelSha256; // null: not pinned
  final int maxSentenceTokens;
  final transient PCollection<String> modelUpdates; // null: the model is read once
  private TaggerImplementation tagger = TaggerImplementation.kernel; // set on copies only

  TagTransform(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    checkArgument(
        model != null && !model.isBlank(),
        "%s.withModel: the location is empty; give a .tagger file, or use withDefaultModel()",
        getClass().getSimpleName());
    this.model = model;
    this.modelSha256 = modelSha256;
    this.maxSentenceTokens = maxSentenceTokens;
    this.modelUpdates = modelUpdates;
  }

  /** The English model in tagpipe's jar, when no other is given. */
  static final String DEFAULT_MODEL = ModelLocation.BUNDLED_MODEL;

  /** The same transform with other settings. */
  abstract SelfT with(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates);

  /** The input as sentences, and what could not be made a sentence. */
  abstract Split toSentences(PCollection<InputT> input, int maxSentenceTokens);

  /**
   * The sentences of the input, and its parts that are not sentences, with their reasons (null when
   * nothing is rejected before the tagging).
   */
  record Split(PCollection<Sentence> sentences, PCollection<Rejection> rejected) {}

  /**
   * Refuses, at run time, a model whose bytes do not have this SHA-256 (hex, any case), so that a
   * model replaced at its location is not used by mistake.
   */
  public SelfT withModelSha256(String sha256) {
    checkArgument(
        sha256 != null && sha256.matches("[0-9a-fA-F]{64}"),
        "%s.withModelSha256: '%s' is not a SHA-256 (64 hex digits)",
        getClass().getSimpleName(),
        sha256);
    return copy(model, sha256, maxSentenceTokens, modelUpdates);
  }

  /**
   * Longer sentences are rejected, and so is text with no sentence end within as many tokens;
   * {@value TagSentences#DEFAULT_MAX_SENTENCE_TOKENS} unless given.
   */
  public SelfT withMaxSentenceTokens(int maxSentenceTokens) {
    checkArgument(
        maxSentenceTokens >= 1,
        "%s.withMaxSentenceTokens must be at least 1, not %s",
        getClass().getSimpleName(),
        maxSentenceTokens);
    return copy(model, modelSha256, maxSentenceTokens, modelUpdates);
  }

  /**
   * New versions of the model while a stream runs: each element is the location of a model, read
   * when it arrives; a version that fails the safe loader is refused (logged, counted as {@code
   * tagpipe/modelsRefused}) and tagging goes on with the last good one. Sentences are tagged by the
   * newest version the runner has delivered to the worker; each tagged sentence names the model
   * that tagged it.
   */
  public SelfT withModelUpdates(PCollection<String> modelLocations) {
    checkArgument(modelLocations != null, "%s.withModelUpdates: null", getClass().getSimpleName());
    return copy(model, modelSha256, maxSentenceTokens, modelLocations);
  }

  /**
   * What tags: tagpipe's kernel (the default; MaxentTagger's own tags, faster) or {@link
   * TaggerImplementation#corenlp CoreNLP's MaxentTagger}.
   */
  public SelfT withTagger(TaggerImplementation implementation) {
    checkArgument(implementation != null, "%s.withTagger: null", getClass().getSimpleName());
    SelfT next = with(model, modelSha256, maxSentenceTokens, modelUpdates);
    ((TagTransform<?, ?>) next).tagger = implementation;
    return next;
  }

  /** {@link #with}, keeping the tagger chosen. */
  private SelfT copy(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    SelfT next = with(model, modelSha256, maxSentenceTokens, modelUpdates);
    ((TagTransform<?, ?>) next).tagger = tagger;
    return next;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("model", model).withLabel("Tagger model"))
        .addIfNotNull(DisplayData.item("modelSha256", modelSha256).withLabel("Pinned SHA-256"))
        .add(
            DisplayData.item("maxSentenceTokens", maxSentenceTokens)
                .withLabel("Longest sentence tagged (tokens)"))
        .add(
            DisplayData.item("modelUpdates", modelUpdates != null)
                .withLabel("Model updated while running"))
        .add(DisplayData.item("tagger", tagger.name()).withLabel("What tags"));
  }

  @Override
  public final TaggingResult expand(PCollection<InputT> input) {
    ReadTaggerModel reading = ReadTaggerModel.from(model).withExpectedSha256(modelSha256);
    if (modelUpdates != null) {
      reading = reading.withUpdates(modelUpdates);
    }
    PCollectionView<Iterable<TaggerModel>> modelView =
        input.getPipeline().apply("ReadTaggerModel", reading);
    Split split = toSentences(input, maxSentenceTokens);
    PCollectionTuple tagged =
        split
            .sentences()
            .apply(
                "TagSentences",
                TagSentences.with(modelView)
                    .withMaxSentenceTokens(maxSentenceTokens)
                    .withTagger(tagger));
    PCollection<Rejection> rejected = tagged.get(TagSentences.REJECTED);
    if (split.rejected() != null) {
      rejected =
          PCollectionList.of(split.rejected())
              .and(rejected)
              .apply("AllRejections", Flatten.pCollections());
      rejected.setCoder(Coders.RejectionCoder.of());
    }
    PCollection<TaggedSentence> taggedSentences = tagged.get(TagSentences.TAGGED);
    Schemas.attach(taggedSentences);
    Schemas.attachToRejections(rejected);
    return new TaggingResult(taggedSentences, rejected);
  }
}
