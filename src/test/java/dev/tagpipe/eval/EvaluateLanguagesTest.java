package dev.tagpipe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.nio.file.Path;
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

    // CoreNLP's evaluator on the same words and gold UPOS tags.
    Path goldTsv = EvaluateTest.goldTsv(gold, 3, dir.resolve("gold.tsv"));
    EvaluateTest.assertCountsEqual(m, new MaxentTagger(tagger.toString()), goldTsv, sentences);
    assertTrue(
        m.get("correct").asLong() > 0.9 * m.get("tokens").asLong(),
        "a real tagger of that language: " + m);
  }
}
