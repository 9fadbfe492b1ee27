package dev.tagpipe.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one evaluation: per model, tokens and sentences right, unknown words (not in the
 * model's lexicon, as CoreNLP's own evaluator counts them) and the confusion of gold with predicted
 * tags; for two models, how often each was right where the other was not. Mergeable, so that a Beam
 * combine adds them up where the sentences were tagged.
 */
public final class Scores implements Serializable {
  /** Per model, in the order the models were given. */
  public final List<ModelScores> models = new ArrayList<>();

  /** Tokens only the first model got right, and only the second (two models only). */
  public long onlyFirstRight;

  public long onlySecondRight;
  public long bothRight;
  public long bothWrong;

  /** Sentences whose gold column was not filled ("_"). */
  public long sentencesWithoutGold;

  /** One model's counts. */
  public static final class ModelScores implements Serializable {
    public long tokens;
    public long correct;
    public long sentences;
    public long sentencesCorrect;
    public long unknownTokens;
    public long unknownCorrect;

    /** gold tag -> predicted tag -> tokens. */
    public final Map<String, Map<String, Long>> confusion = new TreeMap<>();

    void add(String gold, String predicted, boolean unknown) {
      tokens++;
      boolean right = gold.equals(predicted);
      if (right) {
        correct++;
      }
      if (unknown) {
        unknownTokens++;
        if (right) {
          unknownCorrect++;
        }
      }
      confusion.computeIfAbsent(gold, g -> new TreeMap<>()).merge(predicted, 1L, Long::sum);
    }

    boolean sameAs(ModelScores o) {
      return tokens == o.tokens
          && correct == o.correct
          && sentences == o.sentences
          && sentencesCorrect == o.sentencesCorrect
          && unknownTokens == o.unknownTokens
          && unknownCorrect == o.unknownCorrect
          && confusion.equals(o.confusion);
    }

    void merge(ModelScores o) {
      tokens += o.tokens;
      correct += o.correct;
      sentences += o.sentences;
      sentencesCorrect += o.sentencesCorrect;
      unknownTokens += o.unknownTokens;
      unknownCorrect += o.unknownCorrect;
      o.confusion.forEach(
          (gold, row) ->
              row.forEach(
                  (pred, n) ->
                      confusion
                          .computeIfAbsent(gold, g -> new TreeMap<>())
                          .merge(pred, n, Long::sum)));
    }
  }

  public Scores(int modelCount) {
    for (int i = 0; i < modelCount; i++) {
      models.add(new ModelScores());
    }
  }

  /** For Jackson, which reads the merged counts back from their JSON. */
  @SuppressWarnings("unused")
  private Scores() {}

  /**
   * Adds one sentence: its gold tags, each model's predictions, and for each model which tokens are
   * unknown to it.
   */
  void addSentence(List<String> gold, List<List<String>> predicted, List<boolean[]> unknown) {
    for (int m = 0; m < models.size(); m++) {
      ModelScores s = models.get(m);
      boolean allRight = true;
      for (int i = 0; i < gold.size(); i++) {
        s.add(gold.get(i), predicted.get(m).get(i), unknown.get(m)[i]);
        allRight &= gold.get(i).equals(predicted.get(m).get(i));
      }
      s.sentences++;
      if (allRight) {
        s.sentencesCorrect++;
      }
    }
    if (models.size() == 2) {
      for (int i = 0; i < gold.size(); i++) {
        boolean a = gold.get(i).equals(predicted.get(0).get(i));
        boolean b = gold.get(i).equals(predicted.get(1).get(i));
        if (a && b) {
          bothRight++;
        } else if (a) {
          onlyFirstRight++;
        } else if (b) {
          onlySecondRight++;
        } else {
          bothWrong++;
        }
      }
    }
  }

  // Value semantics, which SerializableCoder asks of what it encodes.
  @Override
  public boolean equals(Object o) {
    return o instanceof Scores s
        && sentencesWithoutGold == s.sentencesWithoutGold
        && onlyFirstRight == s.onlyFirstRight
        && onlySecondRight == s.onlySecondRight
        && bothRight == s.bothRight
        && bothWrong == s.bothWrong
        && models.size() == s.models.size()
        && java.util.stream.IntStream.range(0, models.size())
            .allMatch(i -> models.get(i).sameAs(s.models.get(i)));
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(models.size(), onlyFirstRight, onlySecondRight, bothRight);
  }

  Scores merge(Scores o) {
    for (int m = 0; m < models.size(); m++) {
      models.get(m).merge(o.models.get(m));
    }
    onlyFirstRight += o.onlyFirstRight;
    onlySecondRight += o.onlySecondRight;
    bothRight += o.bothRight;
    bothWrong += o.bothWrong;
    sentencesWithoutGold += o.sentencesWithoutGold;
    return this;
  }
}
