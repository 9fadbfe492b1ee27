package dev.tagpipe.lang;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which model tags a text, by its language: the languages that have a model, the fallback that tags
 * texts whose language is uncertain, and the confidence below which a guess is uncertain. A text in
 * a language with no model, or uncertain with no fallback, is rejected with a reason that says the
 * guess and what to add. Serializable: the readers of a pipeline carry it.
 */
public final class LanguageRouting implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Guesses less sure than this are uncertain. OpenNLP's confidence is spread over 103 languages:
   * on held-out two-sentence texts every guess is above 0.05 (and 99.96% right); on one sentence,
   * 89% are, 99.8% of them right (docs/performance.md).
   */
  public static final double DEFAULT_MIN_CONFIDENCE = 0.05;

  private final TreeMap<String, String> missingHints; // language without a model -> what to do
  private final List<String> languages;
  private final String fallback; // null: uncertain texts are rejected
  private final double minConfidence;

  private LanguageRouting(
      List<String> languages,
      String fallback,
      double minConfidence,
      TreeMap<String, String> missingHints) {
    this.languages = languages;
    this.fallback = fallback;
    this.minConfidence = minConfidence;
    this.missingHints = missingHints;
  }

  /** Routing to these languages (ISO 639-1 codes), each of which has a model. */
  public static LanguageRouting to(Collection<String> languages) {
    checkArgument(!languages.isEmpty(), "LanguageRouting.to: no language");
    for (String language : languages) {
      checkArgument(
          language.matches("[a-z]{2,3}"),
          "a language is an ISO 639-1 code such as en or fr, not '%s'",
          language);
    }
    return new LanguageRouting(
        List.copyOf(new java.util.TreeSet<>(languages)),
        null,
        DEFAULT_MIN_CONFIDENCE,
        new TreeMap<>());
  }

  /** Texts whose guess is below the minimum confidence are tagged as {@code language}. */
  public LanguageRouting withFallback(String language) {
    if (language == null || language.isEmpty()) {
      return new LanguageRouting(languages, null, minConfidence, missingHints);
    }
    checkArgument(
        languages.contains(language),
        "the fallback language %s has no model; the models are for %s",
        language,
        String.join(", ", languages));
    return new LanguageRouting(languages, language, minConfidence, missingHints);
  }

  /** Guesses below {@code confidence} (0 to 1) are uncertain. */
  public LanguageRouting withMinConfidence(double confidence) {
    checkArgument(
        confidence >= 0 && confidence <= 1,
        "the minimum language confidence must be between 0 and 1, not %s",
        confidence);
    return new LanguageRouting(languages, fallback, confidence, missingHints);
  }

  /**
   * What a rejection says to do for texts in languages that have no model, by language (e.g. "fetch
   * it with: pipelines/models fetch italian"); others get {@code add xx:NAME to --model}.
   */
  public LanguageRouting withMissingModelHints(Map<String, String> hints) {
    return new LanguageRouting(languages, fallback, minConfidence, new TreeMap<>(hints));
  }

  public List<String> languages() {
    return languages;
  }

  public String fallback() {
    return fallback;
  }

  public double minConfidence() {
    return minConfidence;
  }

  /** A text's route: the language whose model tags it, or why it is rejected. */
  public record Route(String language, LanguageIdentifier.Guess guess, String rejection) {
    public boolean rejected() {
      return rejection != null;
    }
  }

  /** Where a text with this guess goes. */
  public Route route(LanguageIdentifier.Guess guess) {
    if (guess.confidence() < minConfidence) {
      if (fallback != null) {
        return new Route(fallback, guess, null);
      }
      return new Route(
          null,
          guess,
          String.format(
              Locale.ROOT,
              "its language is uncertain: the best guess is %s, below --minLanguageConfidence=%s;"
                  + " give --fallbackLanguage to tag such texts with one model",
              guess,
              minConfidence));
    }
    if (languages.contains(guess.language())) {
      return new Route(guess.language(), guess, null);
    }
    String hint =
        missingHints.getOrDefault(
            guess.language(),
            "no model given for it: add " + guess.language() + ":NAME to --model");
    return new Route(null, guess, "detected " + guess + "; " + hint);
  }
}
