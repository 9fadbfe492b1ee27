package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled jar as a user starts it, with small heaps: text without blank lines is tagged in
 * bounded memory, too little heap for the model is said before anything is read, and a worker that
 * runs out of memory ends the process with exit code 1 and what to do, never a hang.
 */
class LauncherAlwaysEndsIT {
  @TempDir Path dir;

  private record Run(int code, String output, double seconds) {}

  private Run run(String heap, int timeoutSeconds, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("java", heap, "-jar", System.getProperty("tagpipe.bundledJar")));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "run", ".log");
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(
        ended,
        "still running after " + timeoutSeconds + " s: " + cmd + "\n" + Files.readString(log));
    return new Run(p.exitValue(), Files.readString(log), seconds);
  }

  /** EWT dev as prose wrapped at 70 columns, repeated, with no blank line anywhere. */
  private Path proseWithoutBlankLines(int repeats) throws IOException {
    String text = TestData.ewtProse();
    Path file = dir.resolve("prose.txt");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < repeats; i++) {
        out.write(text);
      }
    }
    return file;
  }

  @Test
  void textWithoutBlankLinesIsTaggedInASmallHeap() throws Exception {
    Path prose = proseWithoutBlankLines(6); // 150,000 tokens in one 800 KB paragraph
    Path out = dir.resolve("prose/tagged");
    Run r = run("-Xmx300m", 600, "--input=" + prose, "--inputFormat=text", "--output=" + out);
    assertEquals(0, r.code(), r.output());
    JsonNode summary = CliRun.summary(out);
    assertTrue(summary.get("reconciled").asBoolean(), summary.toString());
    assertEquals(0, summary.get("rejected").asLong(), summary.toString());
    assertTrue(summary.get("tokens").asLong() > 140_000, summary.toString());
  }

  @Test
  void tooLittleHeapForTheModelIsSaidBeforeAnythingIsRead() throws Exception {
    Path input = dir.resolve("in.tok");
    Files.writeString(input, "Hello world .\n");
    Run r = run("-Xmx160m", 60, "--input=" + input, "--output=" + dir.resolve("o/tagged"));
    assertEquals(2, r.code(), r.output());
    assertTrue(
        r.output().contains("too little memory for the model")
            && r.output().contains("JAVA_OPTS=-Xmx"),
        r.output());
    assertFalse(r.output().contains("\tat "), "no stack trace: " + r.output());
    try (var written = Files.list(dir.resolve("o"))) {
      assertEquals(0, written.count(), "nothing written");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void aWorkerOutOfMemoryEndsTheProcessWithWhatToDo(String runner) throws Exception {
    // One 120 MB line, allowed by --maxLineBytes: buffering it exhausts a 300 MB heap in the
    // reading worker, after the launcher's checks passed.
    Path input = dir.resolve("huge-line.tok");
    try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      w.write("ok .\n");
      String chunk = "w ".repeat(1 << 20);
      for (int i = 0; i < 60; i++) {
        w.write(chunk);
      }
      w.write("\nok .\n");
    }
    Path out = dir.resolve(runner + "/tagged");
    Run r =
        run(
            "-Xmx300m",
            120,
            "--runner=" + runner,
            "--input=" + input,
            "--maxLineBytes=1000000000",
            "--output=" + out);
    assertEquals(1, r.code(), r.output());
    assertTrue(r.seconds() < 30, "ended after " + r.seconds() + " s");
    assertTrue(
        r.output().contains("tagpipe: error: ")
            && r.output().contains("out of memory")
            && r.output().contains("JAVA_OPTS=-Xmx"),
        r.output());
    assertFalse(Files.exists(Path.of(out + "-summary.json")), "no summary for a failed run");
  }
}
