package dev.tagpipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line run in this JVM, as the launcher tests and ITs run it. */
final class CliRun {
  private CliRun() {}

  /**
   * Runs the launcher in this JVM. Tests keep the DirectRunner's per-element immutability and
   * encodability checks on (the launcher turns them off for production runs).
   */
  static RunResult runJob(String... given) {
    List<String> all = new ArrayList<>(List.of(given));
    for (String check : List.of("--enforceImmutability", "--enforceEncodability")) {
      if (all.stream().noneMatch(a -> a.startsWith(check + "="))) {
        all.add(check + "=true");
      }
    }
    String[] args = all.toArray(String[]::new);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TagPipeline.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new RunResult(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static final class RunResult {
    final int code;
    final String out;
    final String err;

    RunResult(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  /** The summary a run wrote to {@code file} (--summary). */
  static JsonNode summaryAt(Path file) throws IOException {
    return new ObjectMapper().readTree(Files.readString(file));
  }

  static JsonNode summary(Path prefix) throws IOException {
    return new ObjectMapper().readTree(Files.readString(Path.of(prefix + "-summary.json")));
  }
}
