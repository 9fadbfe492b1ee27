package dev.tagpipe.eval;

import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TaggerCache;
import dev.tagpipe.tagger.TaggerImplementation;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Tags gold CoNLL-U sentences with one or two models (side inputs, as in tagging) and adds up the
 * {@link Scores} with a Beam combine, where the sentences were tagged: the launcher only receives
 * the one merged result.
 */
public final class ScoreSentences extends PTransform<PCollection<Sentence>, PCollection<Scores>> {
  private final List<PCollectionView<Iterable<TaggerModel>>> models;
  private final GoldColumn goldColumn;
  private final TaggerImplementation implementation;

  /** Tags with the kernel (the default), as {@code --tagger=kernel}. */
  public ScoreSentences(
      List<PCollectionView<Iterable<TaggerModel>>> models, GoldColumn goldColumn) {
    this(models, goldColumn, TaggerImplementation.kernel);
  }

  public ScoreSentences(
      List<PCollectionView<Iterable<TaggerModel>>> models,
      GoldColumn goldColumn,
      TaggerImplementation implementation) {
    if (models.isEmpty() || models.size() > 2) {
      throw new IllegalArgumentException("one or two models, not " + models.size());
    }
    this.models = List.copyOf(models);
    if (implementation == null) {
      throw new IllegalArgumentException("ScoreSentences: the tagger implementation is null");
    }
    this.goldColumn = goldColumn;
    this.implementation = implementation;
  }

  @Override
  public PCollection<Scores> expand(PCollection<Sentence> sentences) {
    int n = models.size();
    return sentences
        .apply(
            "TagWithEachModel",
            ParDo.of(new ScoreFn(models, goldColumn, implementation)).withSideInputs(models))
        .setCoder(SerializableCoder.of(Scored.class))
        .apply("AddUp", Combine.globally(new AddUpFn(n)))
        .setCoder(SerializableCoder.of(Scores.class)); // one value, merged from few accumulators
  }

  /** One sentence: gold tags, each model's tags, each model's unknown words. */
  static final class Scored implements Serializable {
    final List<String> gold;
    final List<List<String>> predicted;
    final List<boolean[]> unknown;
    final boolean withoutGold;

    Scored(
        List<String> gold,
        List<List<String>> predicted,
        List<boolean[]> unknown,
        boolean withoutGold) {
      this.gold = gold;
      this.predicted = predicted;
      this.unknown = unknown;
      this.withoutGold = withoutGold;
    }

    // Value semantics, which SerializableCoder asks of what it encodes.
    @Override
    public boolean equals(Object o) {
      return o instanceof Scored s
          && gold.equals(s.gold)
          && predicted.equals(s.predicted)
          && java.util.Arrays.deepEquals(unknown.toArray(), s.unknown.toArray())
          && withoutGold == s.withoutGold;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(gold, predicted, withoutGold);
    }
  }

  private static final class ScoreFn extends DoFn<Sentence, Scored> {
    private final List<PCollectionView<Iterable<TaggerModel>>> models;
    private final GoldColumn goldColumn;
    private final TaggerImplementation implementation;

    ScoreFn(
        List<PCollectionView<Iterable<TaggerModel>>> models,
        GoldColumn goldColumn,
        TaggerImplementation implementation) {
      this.models = models;
      this.goldColumn = goldColumn;
      this.implementation = implementation;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Sentence sentence = c.element();
      List<String> gold = GoldTags.of(sentence, goldColumn);
      if (gold == null) {
        c.output(new Scored(List.of(), List.of(), List.of(), true));
        return;
      }
      List<List<String>> predicted = new ArrayList<>();
      List<boolean[]> unknown = new ArrayList<>();
      for (PCollectionView<Iterable<TaggerModel>> view : models) {
        TaggerModel model = ReadTaggerModel.theModel(c.sideInput(view));
        MaxentTagger tagger = TaggerCache.shared().get(model);
        predicted.add(
            TaggerCache.shared().sentenceTagger(model, implementation).tag(sentence.tokens()));
        boolean[] u = new boolean[sentence.tokens().size()];
        for (int i = 0; i < u.length; i++) {
          u[i] = Lexicon.isUnknown(tagger, sentence.tokens().get(i));
        }
        unknown.add(u);
      }
      c.output(new Scored(gold, predicted, unknown, false));
    }
  }

  private static final class AddUpFn extends Combine.CombineFn<Scored, Scores, Scores> {
    private final int models;

    AddUpFn(int models) {
      this.models = models;
    }

    @Override
    public Scores createAccumulator() {
      return new Scores(models);
    }

    @Override
    public Scores addInput(Scores acc, Scored s) {
      if (s.withoutGold) {
        acc.sentencesWithoutGold++;
      } else {
        acc.addSentence(s.gold, s.predicted, s.unknown);
      }
      return acc;
    }

    @Override
    public Scores mergeAccumulators(Iterable<Scores> accs) {
      Scores merged = createAccumulator();
      for (Scores a : accs) {
        merged.merge(a);
      }
      return merged;
    }

    @Override
    public Scores extractOutput(Scores acc) {
      return acc;
    }
  }

  /**
   * Whether a word is unknown to a tagger, exactly as CoreNLP's evaluator decides it (its lexicon's
   * {@code isUnknown}, which CoreNLP does not make public).
   */
  static final class Lexicon {
    private static final Field DICT;
    private static final Field WORD_FUNCTION;
    private static final Method IS_UNKNOWN;

    static {
      try {
        DICT = MaxentTagger.class.getDeclaredField("dict");
        DICT.setAccessible(true);
        WORD_FUNCTION = MaxentTagger.class.getDeclaredField("wordFunction");
        WORD_FUNCTION.setAccessible(true);
        IS_UNKNOWN = DICT.getType().getDeclaredMethod("isUnknown", String.class);
        IS_UNKNOWN.setAccessible(true);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError("this CoreNLP has no tagger lexicon to ask: " + e);
      }
    }

    private Lexicon() {}

    /** As CoreNLP asks it: of the word after the model's word function (e.g. Americanize). */
    @SuppressWarnings("unchecked")
    static boolean isUnknown(MaxentTagger tagger, String word) {
      try {
        Function<String, String> f = (Function<String, String>) WORD_FUNCTION.get(tagger);
        return (Boolean) IS_UNKNOWN.invoke(DICT.get(tagger), f == null ? word : f.apply(word));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot ask the tagger's lexicon about " + word, e);
      }
    }
  }
}
