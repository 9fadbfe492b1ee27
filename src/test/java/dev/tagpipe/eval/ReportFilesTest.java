package dev.tagpipe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.tagger.ModelLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report goes wherever Beam's {@code FileSystems} can write: here to {@code memfs://}, a
 * filesystem registered for the tests only ({@link MemoryFileSystem}), after a real evaluation of
 * EWT dev sentences; an output no registered filesystem takes is refused before anything is read.
 */
class ReportFilesTest {
  @TempDir Path dir;

  @Test
  void anEvaluationWritesItsReportThroughARegisteredBeamFileSystem() throws IOException {
    Path gold = EvaluateTest.ewtPart(dir.resolve("gold.conllu"), 0, 200);
    long goldTokens =
        Files.readAllLines(gold).stream()
            .map(l -> l.split("\t", -1))
            .filter(c -> c.length == 10 && c[0].matches("[0-9]+"))
            .count();
    String out = "memfs://reports/ewt/eval";

    EvaluateTest.Run r = EvaluateTest.run("--input=" + gold, "--output=" + out);

    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("tagpipe: evaluation: " + out + "-evaluation.json\n"), r.out());
    assertTrue(r.out().contains("tagpipe: report:     " + out + "-evaluation.html\n"), r.out());
    assertEquals(
        List.of(
            out + "-evaluation-counts.json", out + "-evaluation.html", out + "-evaluation.json"),
        MemoryFileSystem.list("memfs://reports/ewt/"),
        "the counts, the JSON and the HTML; no temporary file left");
    assertFalse(Files.exists(Path.of("memfs:")), "nothing written to a local folder 'memfs:'");

    MemoryFileSystem.File json = MemoryFileSystem.file(out + "-evaluation.json");
    assertEquals("application/json", json.mimeType());
    JsonNode report = new ObjectMapper().readTree(json.content());
    assertEquals(
        List.of("input", "goldColumn", "models", "sentencesWithoutGold"), fieldNames(report));
    assertEquals(gold.toString(), report.get("input").asText());
    assertEquals("xpos", report.get("goldColumn").asText());
    JsonNode m = report.get("models").get(0);
    assertEquals(
        List.of(
            "model",
            "tokens",
            "correct",
            "accuracy",
            "sentences",
            "sentencesCorrect",
            "sentenceAccuracy",
            "unknownTokens",
            "unknownCorrect",
            "unknownAccuracy",
            "perTag",
            "confusions"),
        fieldNames(m));
    assertEquals(List.of("name", "sha256"), fieldNames(m.get("model")));
    assertEquals(ModelLocation.BUNDLED_MODEL, m.get("model").get("name").asText());
    assertEquals(goldTokens, m.get("tokens").asLong());
    assertEquals(200, m.get("sentences").asLong());
    assertEquals(
        m.get("correct").asDouble() / m.get("tokens").asDouble(),
        m.get("accuracy").asDouble(),
        1e-6);
    assertTrue(m.get("accuracy").asDouble() > 0.9, m.get("accuracy").toString());
    JsonNode nn = m.get("perTag").get("NN");
    assertEquals(
        List.of("gold", "predicted", "correct", "precision", "recall", "f1"), fieldNames(nn));
    assertEquals(
        nn.get("correct").asDouble() / nn.get("gold").asDouble(),
        nn.get("recall").asDouble(),
        1e-6);
    assertEquals(List.of("gold", "predicted", "count"), fieldNames(m.get("confusions").get(0)));

    MemoryFileSystem.File html = MemoryFileSystem.file(out + "-evaluation.html");
    assertNotNull(html);
    assertEquals("text/html", html.mimeType());
    String page = new String(html.content(), StandardCharsets.UTF_8);
    assertTrue(page.startsWith("<!doctype html>") && page.endsWith("</body></html>\n"), page);
    assertTrue(page.contains("<p>Gold: " + gold + " (column xpos)</p>"), page);
    String shortName =
        ModelLocation.BUNDLED_MODEL + " " + m.get("model").get("sha256").asText().substring(0, 12);
    assertTrue(page.contains("<h2>Confusions of " + shortName + "</h2>"), page);
    assertEquals(2, page.split("data:image/png;base64,").length - 1, "F1 chart + heat map");
  }

  @Test
  void anOutputNoRegisteredFileSystemTakesIsAOneLineErrorBeforeAnythingIsRead() throws IOException {
    Path gold = EvaluateTest.ewtPart(dir.resolve("gold.conllu"), 0, 10);

    EvaluateTest.Run r = EvaluateTest.run("--input=" + gold, "--output=nofs://reports/eval");

    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals(
        "tagpipe: error: cannot write the report to --output=nofs://reports/eval: No filesystem"
            + " found for scheme nofs\n",
        r.err());
    assertEquals("", r.out(), "nothing evaluated");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
