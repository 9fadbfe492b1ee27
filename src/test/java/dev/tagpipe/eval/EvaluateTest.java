package dev.tagpipe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.TestData;
import dev.tagpipe.tagger.ModelLocation;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import edu.stanford.nlp.tagger.maxent.TestClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation on real files: the counts equal CoreNLP's own evaluator on the same sentences, to the
 * token (on the DirectRunner here, on embedded Flink in EvaluateOnFlinkIT); two models are compared
 * with a verdict and a p-value; the HTML report embeds its charts; bad input is a clear error.
 */
class EvaluateTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  static Path gold; // 400 sentences of EWT dev, CoNLL-U
  static Path goldTsv; // the same, word<TAB>xpos, for CoreNLP's evaluator
  static Path small; // a model trained here on other EWT dev sentences

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Evaluate.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Blocks {@code from} to {@code to} of EWT dev as a CoNLL-U file. */
  static Path ewtPart(Path file, int from, int to) throws IOException {
    return Files.writeString(file, TestData.ewtBlocks(from, to));
  }

  @BeforeAll
  static void data() throws IOException {
    writeGold(shared);
    trainSmallModel();
  }

  /** The gold files, CoNLL-U and CoreNLP's TSV, in {@code folder}. */
  static void writeGold(Path folder) throws IOException {
    gold = ewtPart(folder.resolve("gold.conllu"), 0, 400);
    goldTsv = goldTsv(gold, 4, folder.resolve("gold.tsv"));
  }

  /**
   * CoreNLP's TSV of a CoNLL-U file's word lines (not multi-word ranges): FORM and the tag in
   * {@code tagColumn} (3 UPOS, 4 XPOS), a blank line between sentences.
   */
  static Path goldTsv(Path conllu, int tagColumn, Path tsvFile) throws IOException {
    List<String> tsv = new ArrayList<>();
    for (String line : Files.readAllLines(conllu)) {
      String[] c = line.split("\t");
      if (line.isBlank()) {
        tsv.add("");
      } else if (c.length == 10 && c[0].matches("[0-9]+")) {
        tsv.add(c[1] + "\t" + c[tagColumn]);
      }
    }
    return Files.write(tsvFile, tsv);
  }

  private static void trainSmallModel() throws IOException {
    Path train = ewtPart(shared.resolve("train.conllu"), 400, 1000);
    small = shared.resolve("small.tagger");
    assertEquals(
        0,
        Train.run(
            new String[] {"--input=" + train, "--model=" + small, "--iterations=30"},
            System.out,
            System.err));
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), regex + " in " + text);
    return Long.parseLong(m.group(1));
  }

  @Test
  void countsEqualCoreNlpsOwnEvaluator() throws Exception {
    assertCountsEqualCoreNlps("DirectRunner", dir); // embedded Flink: EvaluateOnFlinkIT
  }

  @Test
  void eitherTaggerGivesCoreNlpsCounts() throws Exception {
    for (String tagger : List.of("kernel", "corenlp")) {
      assertCountsEqualCoreNlps(dir.resolve("eval-" + tagger), "--tagger=" + tagger);
    }
  }

  static void assertCountsEqualCoreNlps(String runner, Path dir) throws Exception {
    assertCountsEqualCoreNlps(dir.resolve("eval"), "--runner=" + runner);
  }

  /** Evaluates the gold file with {@code options} to {@code out}; the counts are CoreNLP's. */
  private static void assertCountsEqualCoreNlps(Path out, String... options) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(options));
    args.add("--input=" + gold);
    args.add("--output=" + out);
    Run r = run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode m =
        new ObjectMapper()
            .readTree(Path.of(out + "-evaluation.json").toFile())
            .get("models")
            .get(0);

    assertCountsEqual(m, new MaxentTagger(TestData.MODEL_RESOURCE), goldTsv, 400);
  }

  /** The report's counts for one model ({@code m}) are CoreNLP's TestClassifier's on the TSV. */
  static void assertCountsEqual(JsonNode m, MaxentTagger tagger, Path goldTsv, int sentences)
      throws IOException {
    String core =
        new TestClassifier(tagger, "format=TSV,wordColumn=0,tagColumn=1," + goldTsv)
            .resultsString(tagger);
    long right = number(core, "Total tags right: (\\d+)");
    long wrong = number(core, "Total tags right: \\d+ \\([^)]*\\); wrong: (\\d+)");
    assertEquals(right + wrong, m.get("tokens").asLong(), core);
    assertEquals(right, m.get("correct").asLong(), core);
    assertEquals(number(core, "of which (\\d+) were unknown"), m.get("unknownTokens").asLong());
    assertEquals(number(core, "Unknown words right: (\\d+)"), m.get("unknownCorrect").asLong());
    assertEquals(number(core, "Total sentences right: (\\d+)"), m.get("sentencesCorrect").asLong());
    assertEquals(sentences, m.get("sentences").asLong());
  }

  @Test
  void twoModelsAreComparedAndTheReportHasItsCharts() throws Exception {
    Path out = dir.resolve("cmp");
    Run r =
        run(
            "--input=" + gold,
            "--model=" + small + "," + ModelLocation.BUNDLED_MODEL,
            "--output=" + out);
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode report = new ObjectMapper().readTree(Path.of(out + "-evaluation.json").toFile());
    JsonNode cmp = report.get("comparison");
    assertTrue(cmp.get("mcNemarExactP").asDouble() < 0.05, cmp.toString());
    assertTrue(
        cmp.get("verdict").asText().startsWith("B (english-left3words-distsim.tagger"),
        cmp.toString());
    assertTrue(r.out().contains("is better than"), r.out());
    List<String> fields = new ArrayList<>();
    cmp.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "disagreements",
            "onlyARight",
            "onlyBRight",
            "bothRight",
            "bothWrong",
            "mcNemarExactP",
            "verdict"),
        fields,
        "the comparison's fields, in the order users read them");
    assertEquals(
        cmp.get("onlyARight").asLong()
            + cmp.get("onlyBRight").asLong()
            + cmp.get("bothWrong").asLong(),
        cmp.get("disagreements").asLong());
    JsonNode a = report.get("models").get(0);
    assertTrue(a.get("perTag").get("NN").get("f1").asDouble() > 0, a.toString());
    assertTrue(
        a.get("confusions").get(0).get("count").asLong()
            >= a.get("confusions").get(1).get("count").asLong(),
        "most frequent first");
    String html = Files.readString(Path.of(out + "-evaluation.html"));
    assertTrue(html.split("data:image/png;base64,").length - 1 >= 3, "F1 chart + 2 heatmaps");
    assertTrue(html.contains("is better than") && !html.contains("http"), "self-contained");
  }

  /** Gold tags that are the model's own: 100%, no confusion, and the report still renders. */
  @Test
  void aPerfectScoreHasAReportWithoutConfusions() throws Exception {
    StringBuilder silver = new StringBuilder();
    for (String line : Files.readAllLines(gold)) {
      String[] c = line.split("\t", -1);
      if (c.length == 10 && c[0].matches("[0-9]+")) {
        c[4] = "@"; // filled below, sentence by sentence
        line = String.join("\t", c);
      }
      silver.append(line).append('\n');
    }
    List<String> lines = new ArrayList<>(List.of(silver.toString().split("\n", -1)));
    List<Integer> words = new ArrayList<>();
    for (int i = 0; i <= lines.size(); i++) {
      if (i == lines.size() || lines.get(i).isBlank()) {
        List<String> forms = words.stream().map(w -> lines.get(w).split("\t")[1]).toList();
        List<String> tags = TestData.referenceTags(forms);
        for (int k = 0; k < words.size(); k++) {
          lines.set(
              words.get(k), lines.get(words.get(k)).replace("\t@\t", "\t" + tags.get(k) + "\t"));
        }
        words.clear();
      } else if (lines.get(i).contains("\t@\t")) {
        words.add(i);
      }
    }
    Path perfect = Files.writeString(dir.resolve("perfect.conllu"), String.join("\n", lines));
    Path out = dir.resolve("perfect");
    Run r = run("--input=" + perfect, "--output=" + out);
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode m =
        new ObjectMapper()
            .readTree(Path.of(out + "-evaluation.json").toFile())
            .get("models")
            .get(0);
    assertEquals(m.get("tokens").asLong(), m.get("correct").asLong(), m.toString());
    assertEquals(0, m.get("confusions").size());
    assertTrue(
        Files.readString(Path.of(out + "-evaluation.html")).contains("every token tagged right"));
  }

  @Test
  void mcNemarMatchesTheBinomialTest() {
    assertEquals(1.0, EvaluationReport.mcNemarExactP(5, 5), 1e-12);
    // two-sided binomial test of 1 success in 10 trials at 0.5: 2 * 11 / 1024
    assertEquals(22.0 / 1024, EvaluationReport.mcNemarExactP(1, 9), 1e-12);
    assertEquals(1.0, EvaluationReport.mcNemarExactP(0, 0), 1e-12);
  }

  @Test
  void goldColumnNotFilledIsAClearErrorBeforeAnythingIsRead() throws IOException {
    Path noXpos = dir.resolve("upos-only.conllu");
    Files.writeString(noXpos, "# sent_id = 1\n1\tHi\thi\tINTJ\t_\t_\t_\t_\t_\t_\n\n");
    Run r = run("--input=" + noXpos, "--output=" + dir.resolve("x"));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("gold column xpos") && r.err().contains("--goldColumn"), r.err());
    assertEquals(
        0, run("--input=" + noXpos, "--goldColumn=upos", "--output=" + dir.resolve("y")).code());
  }

  @Test
  void aModelThatIsNotATaggerIsAClearError() throws IOException {
    Path notAModel = Files.writeString(dir.resolve("notes.tagger"), "hello\n".repeat(50));
    Run r = run("--input=" + gold, "--model=" + notAModel, "--output=" + dir.resolve("z"));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("not a CoreNLP tagger model"), r.err());
  }
}
