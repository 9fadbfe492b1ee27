package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User mistakes fail before any data is processed, with one message that names the file and says
 * what to do, no stack trace, and no output written.
 */
class PreflightTest {
  @TempDir Path dir;
  Path input;
  Path out;

  @BeforeEach
  void writeInput() throws IOException {
    input = dir.resolve("in.tok");
    Files.writeString(input, "Hello world .\n");
    out = dir.resolve("out");
  }

  private CliRun.RunResult expectUserError(String... args) throws IOException {
    long start = System.nanoTime();
    CliRun.RunResult r = CliRun.runJob(args);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(2, r.code, "exit code 2 for a user mistake; stderr: " + r.err);
    assertTrue(r.err.startsWith("tagpipe: error: "), r.err);
    assertFalse(
        r.err.contains("\tat ") || r.err.contains("Exception in thread"),
        "no stack trace: " + r.err);
    assertTrue(seconds < 30, "fails fast, took " + seconds + " s");
    if (Files.exists(out)) {
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(0, files.count(), "no output written");
      }
    }
    return r;
  }

  private String[] args(String... extra) {
    String[] base = {"--input=" + input, "--output=" + out.resolve("tagged")};
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void missingModel() throws IOException {
    Path model = dir.resolve("nope.tagger");
    var r = expectUserError(args("--model=" + model));
    assertTrue(r.err.contains(model.toString()) && r.err.contains("not found"), r.err);
  }

  @Test
  void truncatedModel() throws IOException {
    Path model = dir.resolve("truncated.tagger");
    byte[] bytes = TestData.modelBytes();
    Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));
    var r = expectUserError(args("--model=" + model));
    assertTrue(r.err.contains(model.toString()) && r.err.contains("truncated"), r.err);
  }

  @Test
  void randomBytesModel() throws IOException {
    Path model = dir.resolve("random.tagger");
    byte[] bytes = new byte[100_000];
    new Random(42).nextBytes(bytes);
    Files.write(model, bytes);
    var r = expectUserError(args("--model=" + model));
    assertTrue(
        r.err.contains(model.toString()) && r.err.contains("not a CoreNLP tagger model"), r.err);
  }

  @Test
  void textFileAsModel() throws IOException {
    Path model = dir.resolve("model.txt");
    Files.writeString(model, "this is not a model\n".repeat(100), StandardCharsets.UTF_8);
    var r = expectUserError(args("--model=" + model));
    assertTrue(r.err.contains(model.toString()) && r.err.contains("text file"), r.err);
  }

  @Test
  void unreadableModel() throws IOException {
    Path model = dir.resolve("dir.tagger");
    Files.createDirectory(model);
    var r = expectUserError(args("--model=" + model));
    assertTrue(r.err.contains(model.toString()), r.err);
  }

  @Test
  void missingInput() throws IOException {
    Path missing = dir.resolve("missing.txt");
    var r = expectUserError("--input=" + missing, "--output=" + out.resolve("tagged"));
    assertTrue(r.err.contains(missing.toString()) && r.err.contains("matches no file"), r.err);
  }

  @Test
  void globMatchingNothing() throws IOException {
    String glob = dir.resolve("*.nothing").toString();
    var r = expectUserError("--input=" + glob, "--output=" + out.resolve("tagged"));
    assertTrue(r.err.contains(glob), r.err);
  }

  @Test
  void unwritableOutput() throws IOException {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    var r = expectUserError("--input=" + input, "--output=" + file.resolve("sub/tagged"));
    assertTrue(r.err.contains("output directory"), r.err);
  }

  @Test
  void badOptionValues() throws IOException {
    var r = expectUserError(args("--inputFormat=xml"));
    assertTrue(r.err.contains("xml"), r.err);
    r = expectUserError(args("--numShards=-1"));
    assertTrue(r.err.contains("--numShards"), r.err);
    r = expectUserError(args("--modelSha256=abc"));
    assertTrue(r.err.contains("64 hexadecimal"), r.err);
    r = expectUserError(args("--readShards=-1"));
    assertTrue(r.err.contains("--readShards must be 0 (automatic) or more"), r.err);
  }

  @Test
  void watchingWithCheckpointsOnAClusterThatKeepsThemInMemory() throws IOException {
    Files.createDirectories(dir.resolve("watched"));
    try (var jobManager =
        new dev.tagpipe.cli.StandInJobManager(
            Map.of("/jobmanager/config", "[{\"key\":\"rest.port\",\"value\":\"8081\"}]"))) {
      String master = jobManager.master();
      var r =
          expectUserError(
              "--runner=FlinkRunner",
              "--flinkMaster=" + master,
              "--checkpointingInterval=1000",
              "--watchInput=1s",
              "--input=" + dir.resolve("watched") + "/*.tok",
              "--output=" + out.resolve("tagged"));
      assertTrue(r.err.contains("state.checkpoints.dir") && r.err.contains(master), r.err);
    }
  }
}
