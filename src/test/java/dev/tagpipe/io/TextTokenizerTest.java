package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text in French, Spanish and German is split into the sentences and tokens CoreNLP's own pipeline
 * gives for that language ({@code tokenize.language}, and German's post-processor), with blank
 * lines ending paragraphs as tagpipe reads them ({@code ssplit.newlineIsSentenceBreak=two}).
 */
class TextTokenizerTest {
  /** PUD's held-out sentences as paragraphs of three, some wrapped over two lines. */
  private static String paragraphs(String language) throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of("src/test/resources/lid-pud", language + ".txt"));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String line = lines.get(i);
      if (i % 7 == 3 && line.indexOf(' ', line.length() / 2) > 0) {
        int cut = line.indexOf(' ', line.length() / 2);
        line = line.substring(0, cut) + "\n" + line.substring(cut + 1);
      }
      text.append(line).append(i % 3 == 2 ? "\n\n" : " ");
    }
    // German ordinals and ranges, which CoreNLP's German post-processing keeps whole.
    text.append("Der Vertrag läuft bis zum 31. Dezember 1992. Von 1989 - 1990 war er hier.\n");
    return text.toString();
  }

  private static List<List<String>> ours(String text, String language) throws IOException {
    List<List<String>> sentences = new ArrayList<>();
    new PlainTextParser(1000, SettingNames.LIBRARY, TextTokenizer.forLanguage(language))
        .parse(
            "t",
            new LineReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1 << 20),
            new Shard(0, 1, 16),
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                sentences.add(sentence.tokens());
              }

              @Override
              public void rejected(Rejection rejection) {
                throw new AssertionError(rejection.reason());
              }
            },
            ResumePoint.START);
    return sentences;
  }

  @ParameterizedTest
  @CsvSource({"fr", "es", "de", "en"})
  void sentencesAndTokensAreCoreNlpsForTheLanguage(String language) throws IOException {
    String text = paragraphs(language.equals("de") ? "de" : language);
    List<List<String>> expected = dev.tagpipe.EwtDocuments.referenceSentences(text, language);
    assertTrue(expected.size() > 250, "sentences: " + expected.size());
    assertEquals(expected, ours(text, language));
  }

  @Test
  void frenchElisionsAreTokensOfTheirOwn() throws IOException {
    List<List<String>> s = ours("L'homme qu'il a vu est là.\n", "fr");
    assertEquals(List.of("L'", "homme", "qu'", "il", "a", "vu", "est", "là", "."), s.get(0));
  }

  @Test
  void germanOrdinalsStayWhole() throws IOException {
    List<List<String>> s = ours("Er kam am 31. Dezember 1992 an.\n", "de");
    assertEquals(List.of("Er", "kam", "am", "31.", "Dezember", "1992", "an", "."), s.get(0));
  }
}
