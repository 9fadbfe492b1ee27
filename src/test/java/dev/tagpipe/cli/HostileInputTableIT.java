package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.HostileInputs;
import dev.tagpipe.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile inputs, one row each, with the outcome defined for it: the run completes (exit 0) with
 * these counts, and every rejection carries the expected reason; read = tagged + rejected. (Inputs
 * refused before a run starts are PreflightTest's and StreamedInputIT's.)
 */
class HostileInputTableIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tagpipe.HostileInputs#cases")
  void definedOutcome(HostileInputs.Case c) throws IOException {
    Path input = dir.resolve("input." + c.format());
    Files.write(input, c.content());
    Path prefix = dir.resolve("tagged");
    CliRun.RunResult r =
        CliRun.runJob("--input=" + input, "--inputFormat=" + c.format(), "--output=" + prefix);
    assertEquals(0, r.code, r.err);
    assertFalse(r.err.contains("\tat "), r.err);
    JsonNode s = CliRun.summary(prefix);
    long read = s.get("read").asLong();
    long tagged = s.get("tagged").asLong();
    long rejected = s.get("rejected").asLong();
    assertEquals(read, tagged + rejected, "read = tagged + rejected");
    assertEquals(c.read(), read, "read");
    assertEquals(c.rejected(), rejected, "rejected");
    assertEquals(c.tagged(), tagged, "tagged");
    List<String> rejections = TestData.readShards(dir, "tagged-rejected", ".jsonl");
    assertEquals(rejected, rejections.size());
    if (c.reason() != null) {
      assertTrue(rejections.stream().allMatch(l -> l.contains(c.reason())), rejections.toString());
    }
  }
}
