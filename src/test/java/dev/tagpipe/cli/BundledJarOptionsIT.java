package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled jar leaves the Google Cloud options out of its service files (they cost ~1.5 s per
 * start); these runs of the real jar check that they are still there when a command line needs
 * them, and that an unknown option still gets the plain error.
 */
class BundledJarOptionsIT {
  @TempDir Path dir;

  private record Run(int code, String output) {}

  private Run run(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("java", "-jar", System.getProperty("tagpipe.bundledJar")));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("run.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "hung: " + cmd);
    return new Run(p.exitValue(), Files.readString(log));
  }

  private Path sample() throws Exception {
    Path input = dir.resolve("in.tok");
    Files.writeString(input, "The cat sat .\n");
    return input;
  }

  @Test
  void aGoogleCloudOptionOnAnotherRunnerIsRecognised() throws Exception {
    Run r =
        run(
            "--input=" + sample(),
            "--output=" + dir.resolve("out/tagged"),
            "--dryRun=true",
            "--project=demo",
            "--gcpTempLocation=gs://demo/tmp");
    assertEquals(0, r.code(), r.output());
  }

  @Test
  void helpForTheDataflowOptionsFindsThem() throws Exception {
    Run r = run("--help=DataflowPipelineOptions");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("--region"), r.output());
  }

  @Test
  void anUnknownOptionIsStillAPlainUserError() throws Exception {
    Run r = run("--input=" + sample(), "--bogusOption=1");
    assertEquals(2, r.code(), r.output());
    assertTrue(r.output().contains("missing a property named 'bogusOption'"), r.output());
    assertTrue(!r.output().contains("\tat "), "no stack trace: " + r.output());
  }
}
