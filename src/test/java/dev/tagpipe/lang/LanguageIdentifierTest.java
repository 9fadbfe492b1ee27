package dev.tagpipe.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The language identifier on held-out text (PUD's sentences in five languages,
 * src/test/resources/lid-pud): right on two-sentence texts, the same guesses as OpenNLP's own
 * detector, and the routing's decisions.
 */
class LanguageIdentifierTest {
  static List<String> sentences(String language) throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/lid-pud", language + ".txt"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "fr", "de", "it", "es"})
  void twoSentenceTextsAreAtLeast99PercentRightAndAsOpenNlpsDetectorSays(String language)
      throws IOException {
    LanguageIdentifier identifier = LanguageIdentifier.create();
    LanguageDetectorME openNlp;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("langdetect-183.bin")) {
      openNlp = new LanguageDetectorME(new LanguageDetectorModel(in));
    }
    List<String> lines = sentences(language);
    int right = 0;
    int texts = 0;
    for (int i = 0; i + 2 <= lines.size(); i += 2) {
      String text = lines.get(i) + " " + lines.get(i + 1);
      LanguageIdentifier.Guess guess = identifier.identify(text);
      Language theirs =
          openNlp.predictLanguage(
              text.substring(0, Math.min(text.length(), LanguageIdentifier.MAX_CHARS)));
      assertEquals(LanguageIdentifier.toIso6391(theirs.getLang()), guess.language(), text);
      assertEquals(theirs.getConfidence(), guess.confidence(), 1e-9, text);
      texts++;
      if (guess.language().equals(language)) {
        right++;
      }
    }
    assertTrue(texts > 450, "texts: " + texts);
    assertTrue(right >= 0.99 * texts, language + ": " + right + " of " + texts);
  }

  @Test
  void featuresAreOpenNlpsGeneratorsOnOddTextToo() throws IOException {
    opennlp.tools.langdetect.LanguageDetectorContextGenerator theirs;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("langdetect-183.bin")) {
      theirs = new LanguageDetectorModel(in).getFactory().getContextGenerator();
    }
    for (String text :
        List.of(
            "İSTANBUL'DA Ünlü ÇİÇEKLER 😀😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐐀𐐁 (Deseret) ΣΊΣΥΦΟΣ",
            "visit https://example.org/a?b=1 or mail me@example.org #tag @user RT: hahaha xD",
            "Numbers 1234 and 12.5%, aaaaaa!!!!   spaces\tand\nlines ß ẞ ǅ",
            "")) {
      java.util.Set<String> expected = strings((CharSequence[]) theirs.getContext(text));
      assertEquals(
          expected, new java.util.TreeSet<>(List.of(LanguageIdentifier.features(text))), text);
    }
    for (String language : new String[] {"en", "fr", "de", "it", "es"}) {
      for (String line : sentences(language).subList(0, 200)) {
        java.util.Set<String> expected = strings((CharSequence[]) theirs.getContext(line));
        assertEquals(
            expected, new java.util.TreeSet<>(List.of(LanguageIdentifier.features(line))), line);
      }
    }
  }

  /** The same features: a set (the model adds each feature's weight once, in any order). */
  private static java.util.Set<String> strings(CharSequence[] values) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (CharSequence v : values) {
      out.add(v.toString());
    }
    assertEquals(values.length, out.size(), "distinct features");
    return out;
  }

  @Test
  void isoCodesAreTwoLetterWhereTheyExist() {
    assertEquals("fr", LanguageIdentifier.toIso6391("fra"));
    assertEquals("de", LanguageIdentifier.toIso6391("deu"));
    assertEquals("zh", LanguageIdentifier.toIso6391("cmn"));
    assertEquals("en", LanguageIdentifier.toIso6391("eng"));
  }

  @Test
  void routingTagsKnownLanguagesAndRejectsOthersSayingWhatToAdd() {
    LanguageRouting routing = LanguageRouting.to(Set.of("en", "fr")).withMinConfidence(0.3);
    assertEquals("fr", routing.route(new LanguageIdentifier.Guess("fr", 0.9)).language());
    LanguageRouting.Route italian = routing.route(new LanguageIdentifier.Guess("it", 0.97));
    assertNull(italian.language());
    assertEquals(
        "detected it (0.97); no model given for it: add it:NAME to --model", italian.rejection());
    LanguageRouting.Route unsure = routing.route(new LanguageIdentifier.Guess("fr", 0.2));
    assertTrue(unsure.rejected() && unsure.rejection().contains("fr (0.20)"), unsure.rejection());
    assertEquals(
        "en", routing.withFallback("en").route(new LanguageIdentifier.Guess("fr", 0.2)).language());
  }
}
