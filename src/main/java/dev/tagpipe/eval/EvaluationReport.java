package dev.tagpipe.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an evaluation found, as an immutable value computed once from the merged {@link Scores}: per
 * model its accuracies, per-tag precision, recall and F1 and its confusions, and for two models
 * their comparison (McNemar's exact test and a verdict). Rendered by {@link JsonReport} ({@code
 * <output>-evaluation.json}), {@link ConsoleReport} (the table the launcher prints) and {@link
 * HtmlReport} ({@code <output>-evaluation.html}); written by {@link ReportFiles}.
 *
 * <p>Ratios are rounded to six decimals here, so every rendering shows the same figures.
 *
 * @param input the gold data, as given to {@code --input}
 * @param goldColumn the column the gold tags were read from
 * @param models one result per model, in the order given to {@code --model}
 * @param sentencesWithoutGold sentences skipped because their gold column was not filled
 * @param comparison for two models, how they compare; empty for one
 */
record EvaluationReport(
    String input,
    GoldColumn goldColumn,
    List<ModelResult> models,
    long sentencesWithoutGold,
    Optional<Comparison> comparison) {

  EvaluationReport {
    models = List.copyOf(models);
  }

  /**
   * A model as given to {@code --model} and the SHA-256 of its bytes.
   *
   * @param name the model's path, URI or bundled name, as given
   * @param sha256 the hex SHA-256 of the model file
   */
  record Model(String name, String sha256) {
    /**
     * The file name without its folder: {@code mine.tagger} for {@code gs://b/models/mine.tagger}.
     */
    String fileName() {
      String path = name;
      while (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * How the reports name the model in a line, a legend or a heading: its file name and the first
     * 12 hex digits of its SHA-256, which tell two models of the same name apart.
     */
    String shortName() {
      return fileName() + " " + sha256.substring(0, Math.min(12, sha256.length()));
    }
  }

  /**
   * One model's figures.
   *
   * @param perTag per tag (every tag that is gold or predicted somewhere), in tag order
   * @param confusions every (gold, predicted) pair of different tags, most frequent first
   */
  record ModelResult(
      Model model,
      long tokens,
      long correct,
      double accuracy,
      long sentences,
      long sentencesCorrect,
      double sentenceAccuracy,
      long unknownTokens,
      long unknownCorrect,
      double unknownAccuracy,
      SortedMap<String, TagResult> perTag,
      List<Confusion> confusions) {

    ModelResult {
      perTag = Collections.unmodifiableSortedMap(new TreeMap<>(perTag));
      confusions = List.copyOf(confusions);
    }

    /** The figures of one model's counts. */
    static ModelResult of(Model model, Scores.ModelScores s) {
      Map<String, Long> goldCount = new TreeMap<>();
      Map<String, Long> predictedCount = new TreeMap<>();
      Map<String, Long> correctCount = new TreeMap<>();
      List<Confusion> confusions = new ArrayList<>();
      new TreeMap<>(s.confusion)
          .forEach(
              (gold, row) ->
                  new TreeMap<>(row)
                      .forEach(
                          (predicted, n) -> {
                            goldCount.merge(gold, n, Long::sum);
                            predictedCount.merge(predicted, n, Long::sum);
                            if (gold.equals(predicted)) {
                              correctCount.merge(gold, n, Long::sum);
                            } else {
                              confusions.add(new Confusion(gold, predicted, n));
                            }
                          }));
      // A stable sort: equal counts stay in (gold, predicted) order.
      confusions.sort(Comparator.comparingLong(Confusion::count).reversed());
      TreeSet<String> tags = new TreeSet<>(goldCount.keySet());
      tags.addAll(predictedCount.keySet());
      SortedMap<String, TagResult> perTag = new TreeMap<>();
      for (String tag : tags) {
        perTag.put(
            tag,
            TagResult.of(
                goldCount.getOrDefault(tag, 0L),
                predictedCount.getOrDefault(tag, 0L),
                correctCount.getOrDefault(tag, 0L)));
      }
      return new ModelResult(
          model,
          s.tokens,
          s.correct,
          ratio(s.correct, s.tokens),
          s.sentences,
          s.sentencesCorrect,
          ratio(s.sentencesCorrect, s.sentences),
          s.unknownTokens,
          s.unknownCorrect,
          ratio(s.unknownCorrect, s.unknownTokens),
          perTag,
          confusions);
    }
  }

  /**
   * One tag's figures for one model.
   *
   * @param gold tokens whose gold tag this is
   * @param predicted tokens the model gave this tag
   * @param correct tokens with this tag in both
   */
  record TagResult(
      long gold, long predicted, long correct, double precision, double recall, double f1) {

    static TagResult of(long gold, long predicted, long correct) {
      double precision = ratio(correct, predicted);
      double recall = ratio(correct, gold);
      double f1 =
          precision + recall == 0 ? 0.0 : round(2 * precision * recall / (precision + recall));
      return new TagResult(gold, predicted, correct, precision, recall, f1);
    }
  }

  /** Tokens of gold tag {@code gold} the model tagged {@code predicted}, a different tag. */
  record Confusion(String gold, String predicted, long count) {}

  /**
   * Two models compared token by token (A is the first model given, B the second).
   *
   * @param disagreements tokens not both right: only A right, only B right, or both wrong
   * @param mcNemarExactP McNemar's exact test of only-A-right against only-B-right
   * @param verdict the comparison in a sentence, naming the models
   */
  record Comparison(
      long disagreements,
      long onlyARight,
      long onlyBRight,
      long bothRight,
      long bothWrong,
      double mcNemarExactP,
      String verdict) {

    static Comparison of(Scores counts, Model a, Model b) {
      long onlyA = counts.onlyFirstRight;
      long onlyB = counts.onlySecondRight;
      double p = EvaluationReport.mcNemarExactP(onlyA, onlyB);
      return new Comparison(
          onlyA + onlyB + counts.bothWrong,
          onlyA,
          onlyB,
          counts.bothRight,
          counts.bothWrong,
          p,
          verdict(a.shortName(), b.shortName(), onlyA, onlyB, p));
    }

    // The counts go in as %s: plain ASCII digits in any locale, as the JSON's numbers are.
    private static String verdict(String a, String b, long onlyA, long onlyB, double p) {
      String test = " (McNemar's exact test p = " + formatP(p) + ")";
      if (p < 0.05 && onlyB > onlyA) {
        return String.format(
            "B (%s) is better than A (%s) on this data: it is right on %s tokens where A is"
                + " wrong, A on %s where B is wrong%s",
            b, a, onlyB, onlyA, test);
      }
      if (p < 0.05) {
        return String.format(
            "A (%s) is better than B (%s) on this data: it is right on %s tokens where B is"
                + " wrong, B on %s where A is wrong%s",
            a, b, onlyA, onlyB, test);
      }
      return String.format(
          "no significant difference between A (%s) and B (%s) on this data: %s tokens only A"
              + " gets right, %s only B%s",
          a, b, onlyA, onlyB, test);
    }

    private static String formatP(double p) {
      return p < 0.0001 ? String.format("%.2e", p) : String.format("%.4f", p);
    }
  }

  /**
   * The report of merged counts.
   *
   * @param counts the merged counts, one entry per model in the order of {@code models}
   * @param models the models, as checked by the launcher
   */
  static EvaluationReport of(
      Scores counts, List<Model> models, String input, GoldColumn goldColumn) {
    if (counts.models.size() != models.size()) {
      throw new IllegalArgumentException(
          "counts for " + counts.models.size() + " model(s), but " + models.size() + " given");
    }
    List<ModelResult> results = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      results.add(ModelResult.of(models.get(m), counts.models.get(m)));
    }
    Optional<Comparison> comparison =
        models.size() == 2
            ? Optional.of(Comparison.of(counts, models.get(0), models.get(1)))
            : Optional.empty();
    return new EvaluationReport(
        input, goldColumn, results, counts.sentencesWithoutGold, comparison);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0.0 : round((double) a / b);
  }

  private static double round(double v) {
    return Math.round(v * 1_000_000) / 1_000_000.0;
  }

  /**
   * McNemar's exact (binomial) test, two-sided: the chance of a split at least this uneven of the
   * {@code b + c} tokens the two models disagree on, were both equally good.
   */
  static double mcNemarExactP(long b, long c) {
    long n = b + c;
    if (n == 0) {
      return 1.0;
    }
    long k = Math.min(b, c);
    double logHalfToN = (double) n * Math.log(0.5);
    double logChoose = 0; // log C(n, 0)
    double sum = 0;
    for (long i = 0; i <= k; i++) {
      if (i > 0) {
        logChoose += Math.log((double) (n - i + 1)) - Math.log((double) i);
      }
      sum += Math.exp(logChoose + logHalfToN);
    }
    return Math.min(1.0, 2 * sum);
  }
}
