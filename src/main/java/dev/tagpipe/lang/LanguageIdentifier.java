package dev.tagpipe.lang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;

/**
 * Guesses a text's language with Apache OpenNLP's language detector and its 103-language model
 * (langdetect-183.bin, from Maven Central). The model is read once per JVM and shared; a detector
 * (its feature generator) is not thread-safe, so each identifier has its own: one per parser, which
 * one thread uses.
 *
 * <p>Only the first {@link #MAX_CHARS} characters are looked at: the guess is as good after a few
 * sentences, and a 40,000-character document must not cost more than its tagging.
 */
public final class LanguageIdentifier {
  /**
   * How much of a text the guess is made on: about two sentences, which are enough for 99.96% on
   * held-out text (docs/performance.md); the guess's cost grows with its length, the tagging's with
   * the whole document's.
   */
  public static final int MAX_CHARS = 300;

  private static final String MODEL_RESOURCE = "langdetect-183.bin";

  /** ISO 639-3 (OpenNLP's codes) to ISO 639-1, for every language Java knows both codes of. */
  private static final Map<String, String> TO_ISO_639_1 = iso6391Codes();

  /**
   * The normalizers of the model's feature generator ({@code LanguageDetectorFactory}), in its
   * order: emoji, URLs and e-mail addresses, Twitter marks, numbers, repeated characters.
   */
  private static final CharSequenceNormalizer[] NORMALIZERS = {
    EmojiCharSequenceNormalizer.getInstance(),
    UrlCharSequenceNormalizer.getInstance(),
    TwitterCharSequenceNormalizer.getInstance(),
    NumberCharSequenceNormalizer.getInstance(),
    ShrinkCharSequenceNormalizer.getInstance()
  };

  /** The generator's n-gram lengths: every character, pair and triple. */
  private static final int MAX_GRAM = 3;

  private final MaxentModel model;

  private LanguageIdentifier(LanguageDetectorModel model) {
    this.model = model.getMaxentModel();
  }

  /** A new identifier, sharing this JVM's one copy of the model. */
  public static LanguageIdentifier create() {
    return new LanguageIdentifier(SharedModel.MODEL);
  }

  /** A language and how sure the detector is of it (0 to 1). */
  public record Guess(String language, double confidence) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s (%.2f)", language, confidence);
    }
  }

  /**
   * The most likely language of {@code text}: its ISO 639-1 code where it has one (else OpenNLP's
   * ISO 639-3 code), and the detector's confidence.
   */
  public Guess identify(CharSequence text) {
    String probe =
        text.length() > MAX_CHARS ? text.subSequence(0, MAX_CHARS).toString() : text.toString();
    // The model's scores for the text's features, as LanguageDetectorME computes them, without
    // its ranking of all 103 languages: only the best one is wanted.
    double[] scores = model.eval(features(probe));
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return new Guess(toIso6391(model.getOutcome(best)), scores[best]);
  }

  /**
   * The features OpenNLP 2.5's generator gives for {@code text} (its {@code
   * DefaultLanguageDetectorContextGenerator}, which the tests hold this to): the normalized text,
   * lowercased by code point, and its distinct n-grams of 1 to 3 characters. The generator counts
   * them in an {@code NGramCharModel} of {@code CharBuffer}s, most of the guess's time; only the
   * distinct n-grams are features, so a set of strings gives the same, faster.
   */
  static String[] features(CharSequence text) {
    CharSequence normalized = text;
    for (CharSequenceNormalizer normalizer : NORMALIZERS) {
      normalized = normalizer.normalize(normalized);
    }
    StringBuilder lower = new StringBuilder(normalized.length());
    normalized.codePoints().forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
    String s = lower.toString();
    Set<String> grams = new LinkedHashSet<>(2 * MAX_GRAM * s.length());
    for (int length = 1; length <= MAX_GRAM; length++) {
      for (int start = 0; start + length <= s.length(); start++) {
        grams.add(s.substring(start, start + length));
      }
    }
    return grams.toArray(String[]::new);
  }

  /** The ISO 639-1 code of an ISO 639-3 one, or the code itself when it has none. */
  static String toIso6391(String iso6393) {
    return TO_ISO_639_1.getOrDefault(iso6393, iso6393);
  }

  private static Map<String, String> iso6391Codes() {
    Map<String, String> codes = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      codes.put(new Locale(two).getISO3Language(), two);
    }
    // OpenNLP's model names a few languages by their ISO 639-3 macrolanguage members.
    codes.put("cmn", "zh");
    codes.put("pes", "fa");
    codes.put("zlm", "ms");
    codes.put("ekk", "et");
    codes.put("lvs", "lv");
    codes.put("swh", "sw");
    codes.put("uzn", "uz");
    codes.put("azj", "az");
    return Map.copyOf(codes);
  }

  /** The model, read from the classpath the first time an identifier is made in this JVM. */
  private static final class SharedModel {
    static final LanguageDetectorModel MODEL = read();

    private static LanguageDetectorModel read() {
      try (InputStream in =
          LanguageIdentifier.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              MODEL_RESOURCE
                  + " (org.apache.opennlp:opennlp-models-langdetect) is not on the classpath;"
                  + " rebuild the jar with 'mvn package'");
        }
        return new LanguageDetectorModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the language model " + MODEL_RESOURCE, e);
      }
    }
  }
}
