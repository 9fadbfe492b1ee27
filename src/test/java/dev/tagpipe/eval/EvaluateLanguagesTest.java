package dev.tagpipe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import edu.stanford.nlp.tagger.maxent.TestClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code pipelines/evaluate --goldColumn=upos} with CoreNLP's French, German and Italian taggers on
 * held-out UD treebanks (French GSD r2.4 test, German GSD r2.14 test, Italian PUD:
 * src/test/resources/ud-*) gives the counts of CoreNLP's own evaluator ({@code TestClassifier}) on
 * the same words and UPOS tags.
 */
class EvaluateLanguagesTest {
  private static final Path MODELS =
      Path.of(
          System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"),
          "pos-tagger");

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "french-ud.tagger, ud-french-gsd/fr_gsd-ud-test.conllu, 416",
    "german-ud.tagger, ud-german-gsd/de_gsd-ud-test.conllu, 977",
    "italian.tagger, ud-italian-pud/it_pud-ud-test.conllu, 1000"
  })
  void countsEqualCoreNlpsOwnEvaluator(String model, String treebank, int sentences)
      throws Exception {
    Path gold = Path.of("src/test/resources", treebank);
    Path tagger = MODELS.resolve(model);
    Path out = dir.resolve("eval");
    EvaluateTest.Run r =
        EvaluateTest.run(
            "--input=" + gold, "--model=" + tagger, "--goldColumn=upos", "--output=" + out);
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode m =
        new ObjectMapper()
            .readTree(Path.of(out + "-evaluation.json").toFile())
            .get("models")
            .get(0);

    // CoreNLP's evaluator on the same words and gold tags: CoNLL-U's word lines (not the
    // multi-word token ranges such as "3-4 du"), FORM and UPOS.
    List<String> tsv = new ArrayList<>();
    for (String line : Files.readAllLines(gold)) {
      String[] c = line.split("\t");
      if (line.isBlank()) {
        tsv.add("");
      } else if (c.length == 10 && c[0].matches("[0-9]+")) {
        tsv.add(c[1] + "\t" + c[3]);
      }
    }
    Path goldTsv = Files.write(dir.resolve("gold.tsv"), tsv);
    MaxentTagger reference = new MaxentTagger(tagger.toString());
    String core =
        new TestClassifier(reference, "format=TSV,wordColumn=0,tagColumn=1," + goldTsv)
            .resultsString(reference);
    long right = number(core, "Total tags right: (\\d+)");
    long wrong = number(core, "Total tags right: \\d+ \\([^)]*\\); wrong: (\\d+)");
    assertEquals(right + wrong, m.get("tokens").asLong(), core);
    assertEquals(right, m.get("correct").asLong(), core);
    assertEquals(number(core, "of which (\\d+) were unknown"), m.get("unknownTokens").asLong());
    assertEquals(number(core, "Unknown words right: (\\d+)"), m.get("unknownCorrect").asLong());
    assertEquals(number(core, "Total sentences right: (\\d+)"), m.get("sentencesCorrect").asLong());
    assertEquals(sentences, m.get("sentences").asLong());
    assertTrue(right > 0.9 * (right + wrong), "a real tagger of that language: " + core);
  }

  private static long number(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), regex + " in " + text);
    return Long.parseLong(matcher.group(1));
  }
}
