package dev.tagpipe.tagger;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import dev.tagpipe.model.TaggedSentence;
import dev.tagpipe.model.TaggerModel;
import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Tags sentences with the tagger given as a side input ({@link ReadTaggerModel}). Sentences that
 * cannot be tagged (too long, or anything the tagger throws on) go to {@link #REJECTED} with their
 * reason; the job never fails on one sentence.
 */
public final class TagSentences extends PTransform<PCollection<Sentence>, PCollectionTuple> {
  public static final TupleTag<TaggedSentence> TAGGED = new TupleTag<TaggedSentence>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<Rejection>() {};

  /** Sentences with more tokens are rejected (the tagger's time and memory grow with length). */
  public static final int DEFAULT_MAX_SENTENCE_TOKENS = 1000;

  private final PCollectionView<Iterable<TaggerModel>> model;
  private final int maxSentenceTokens;
  private final int maxCachedTaggers;
  private final SettingNames names;
  private final boolean lemmas;
  private final TaggerImplementation implementation;

  private TagSentences(
      PCollectionView<Iterable<TaggerModel>> model,
      int maxSentenceTokens,
      int maxCached,
      SettingNames names,
      boolean lemmas,
      TaggerImplementation implementation) {
    this.model = model;
    this.maxSentenceTokens = maxSentenceTokens;
    this.maxCachedTaggers = maxCached;
    this.names = names;
    this.lemmas = lemmas;
    this.implementation = implementation;
  }

  /** Tags with the model in {@code model}, a side input made by {@link ReadTaggerModel}. */
  public static TagSentences with(PCollectionView<Iterable<TaggerModel>> model) {
    checkArgument(model != null, "TagSentences.with: the model side input is null");
    return new TagSentences(
        model,
        DEFAULT_MAX_SENTENCE_TOKENS,
        TaggerCache.DEFAULT_CAPACITY,
        SettingNames.LIBRARY,
        false,
        TaggerImplementation.kernel);
  }

  /** Sentences with more tokens than this are rejected instead of tagged. */
  public TagSentences withMaxSentenceTokens(int max) {
    checkArgument(max >= 1, "maxSentenceTokens must be at least 1, not %s", max);
    return new TagSentences(model, max, maxCachedTaggers, names, lemmas, implementation);
  }

  /** How many models one worker JVM keeps loaded (the cache is shared by the whole JVM). */
  public TagSentences withMaxCachedTaggers(int max) {
    checkArgument(max >= 1, "maxCachedTaggers must be at least 1, not %s", max);
    return new TagSentences(model, maxSentenceTokens, max, names, lemmas, implementation);
  }

  /**
   * How rejection reasons name this transform's settings: {@code maxSentenceTokens=1000} by default
   * ({@link SettingNames#LIBRARY}); a command line that sets it from a flag passes its flag form.
   */
  public TagSentences withSettingNames(SettingNames names) {
    checkArgument(names != null, "withSettingNames: the names are null");
    return new TagSentences(
        model, maxSentenceTokens, maxCachedTaggers, names, lemmas, implementation);
  }

  /**
   * Give each token its English lemma (CoreNLP's {@code Morphology}), which needs Penn Treebank
   * tags: use it with an English model.
   */
  public TagSentences withLemmas() {
    return new TagSentences(
        model, maxSentenceTokens, maxCachedTaggers, names, true, implementation);
  }

  /**
   * What tags: the kernel (the default) or {@link TaggerImplementation#corenlp CoreNLP's
   * MaxentTagger}; both give the same tags.
   */
  public TagSentences withTagger(TaggerImplementation implementation) {
    checkArgument(implementation != null, "withTagger: the implementation is null");
    return new TagSentences(
        model, maxSentenceTokens, maxCachedTaggers, names, lemmas, implementation);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(
            DisplayData.item("maxSentenceTokens", maxSentenceTokens)
                .withLabel("Longest sentence tagged (tokens)"))
        .add(
            DisplayData.item("maxCachedTaggers", maxCachedTaggers)
                .withLabel("Models kept loaded per worker JVM"))
        .add(DisplayData.item("lemmas", lemmas).withLabel("English lemmas"))
        .add(
            DisplayData.item("tagger", implementation.name())
                .withLabel("What tags (the kernel or CoreNLP's MaxentTagger)"));
  }

  @Override
  public PCollectionTuple expand(PCollection<Sentence> sentences) {
    PCollectionTuple result =
        sentences.apply(
            ParDo.of(
                    new TagFn(
                        model, maxSentenceTokens, maxCachedTaggers, names, lemmas, implementation))
                .withSideInputs(model)
                .withOutputTags(TAGGED, TupleTagList.of(REJECTED)));
    result.get(TAGGED).setCoder(Coders.TaggedSentenceCoder.of());
    result.get(REJECTED).setCoder(Coders.RejectionCoder.of());
    return result;
  }

  static final class TagFn extends DoFn<Sentence, TaggedSentence> {
    private final Tagging tagging;

    TagFn(
        PCollectionView<Iterable<TaggerModel>> modelView,
        int maxSentenceTokens,
        int maxCachedTaggers,
        SettingNames names,
        boolean lemmas,
        TaggerImplementation implementation) {
      this.tagging =
          new Tagging(
              modelView, maxSentenceTokens, maxCachedTaggers, names, lemmas, implementation);
    }

    @Setup
    public void setup() {
      tagging.setup();
    }

    @StartBundle
    public void startBundle() {
      tagging.startBundle();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window, MultiOutputReceiver out) {
      Sentence sentence = c.element();
      Object outcome =
          tagging.tag(sentence, window, () -> c.sideInput(tagging.modelView), sentence.language());
      if (outcome instanceof TaggedSentence tagged) {
        out.get(TAGGED).output(tagged);
      } else {
        out.get(REJECTED).output((Rejection) outcome);
      }
    }
  }

  /**
   * Tags one sentence at a time inside a DoFn ({@link TagFn}, {@link TagDocuments}), counting what
   * it tags and rejects. The tagger is resolved once per bundle and window, not per element: the
   * side-input lookup and the cache's lock stay off the per-sentence path.
   */
  static final class Tagging implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final PCollectionView<Iterable<TaggerModel>> modelView;
    private final int maxSentenceTokens;
    private final int maxCachedTaggers;
    private final SettingNames names;
    private final boolean lemmas; // routing: for English documents only (PTB tags)
    private final TaggerImplementation implementation;

    private transient Resolved resolved; // the one model's, when not routing
    private transient Map<String, Resolved> byLanguage; // routing: each language's model
    private transient BoundedWindow taggerWindow;
    private transient Lemmatizer lemmatizer;

    Tagging(
        PCollectionView<Iterable<TaggerModel>> modelView,
        int maxSentenceTokens,
        int maxCachedTaggers,
        SettingNames names,
        boolean lemmas,
        TaggerImplementation implementation) {
      this.modelView = modelView;
      this.maxSentenceTokens = maxSentenceTokens;
      this.maxCachedTaggers = maxCachedTaggers;
      this.names = names;
      this.lemmas = lemmas;
      this.implementation = implementation;
    }

    /** A model's tagger and its counter, resolved once per bundle and window. */
    private record Resolved(
        SentenceTagger tagger,
        String sha256,
        Counter tagged,
        Counter taggedInLanguage,
        Counter taggedWith) {
      static Resolved of(TaggerModel model, String language, TaggerImplementation wanted) {
        SentenceTagger tagger = TaggerCache.shared().sentenceTagger(model, wanted);
        return new Resolved(
            tagger,
            model.sha256(),
            Counters.taggedBy(model.sha256()),
            language == null ? null : Counters.sentencesIn(language),
            Counters.taggedWith(tagger.implementation().name()));
      }
    }

    void setup() {
      TaggerCache.shared().setCapacity(maxCachedTaggers);
      if (lemmas) {
        lemmatizer = new Lemmatizer();
      }
    }

    void startBundle() {
      resolved = null;
      byLanguage = null;
      taggerWindow = null;
    }

    /**
     * The sentence tagged (a {@link TaggedSentence}) or its {@link Rejection}. {@code models} gives
     * the side input's value, asked only when the window's tagger is not yet resolved.
     */
    Object tag(
        Sentence sentence,
        BoundedWindow window,
        java.util.function.Supplier<Iterable<TaggerModel>> models) {
      return tag(sentence, window, models, null);
    }

    /**
     * As above, with the model for {@code language} (ISO 639-1) when routing by language; null: the
     * side input's one model.
     */
    Object tag(
        Sentence sentence,
        BoundedWindow window,
        java.util.function.Supplier<Iterable<TaggerModel>> models,
        String language) {
      int n = sentence.tokens().size();
      if (n == 0) {
        return reject(sentence, "no tokens");
      }
      if (n > maxSentenceTokens) {
        return reject(
            sentence,
            n + " tokens, more than " + names.of("maxSentenceTokens") + "=" + maxSentenceTokens);
      }
      if (!window.equals(taggerWindow)) {
        resolved = null;
        byLanguage = null;
        taggerWindow = window;
      }
      Resolved model;
      if (language == null) {
        if (resolved == null) {
          resolved = Resolved.of(ReadTaggerModel.theModel(models.get()), null, implementation);
        }
        model = resolved;
      } else {
        if (byLanguage == null) {
          byLanguage = new HashMap<>();
        }
        model = byLanguage.get(language);
        if (model == null) {
          model =
              Resolved.of(
                  ReadTaggerModel.modelFor(models.get(), language), language, implementation);
          byLanguage.put(language, model);
        }
      }
      List<String> tags;
      try {
        tags = model.tagger().tag(sentence.tokens());
      } catch (RuntimeException | StackOverflowError e) {
        return reject(sentence, "the tagger failed on this sentence: " + e);
      }
      Counters.TAGGED.inc();
      model.tagged().inc();
      model.taggedWith().inc();
      if (model.taggedInLanguage() != null) {
        model.taggedInLanguage().inc();
      }
      Counters.TOKENS.inc(n);
      return new TaggedSentence(
          sentence,
          tags,
          model.sha256(),
          language,
          lemmatizer != null && (language == null || language.equals("en"))
              ? lemmatizer.lemmas(sentence.tokens(), tags)
              : null);
    }

    private static Rejection reject(Sentence sentence, String reason) {
      Counters.REJECTED.inc();
      return Rejection.of(sentence, reason);
    }
  }

  /** Tags one sentence exactly as {@code MaxentTagger.tagSentence} does. */
  public static List<String> tag(MaxentTagger tagger, List<String> tokens) {
    List<Word> words = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      words.add(new Word(token));
    }
    List<TaggedWord> tagged = tagger.tagSentence(words);
    List<String> tags = new ArrayList<>(tagged.size());
    for (TaggedWord w : tagged) {
      tags.add(w.tag());
    }
    return tags;
  }
}
