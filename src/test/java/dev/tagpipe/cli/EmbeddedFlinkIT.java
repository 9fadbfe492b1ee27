package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import dev.tagpipe.io.OutputFormat;
import dev.tagpipe.tagger.TaggerCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same job on embedded Flink at parallelism 2: same tags, one tagger for both subtasks. */
class EmbeddedFlinkIT {
  @TempDir Path dir;

  @Test
  void embeddedFlinkAtParallelismTwoMatchesTheReference() throws IOException {
    Path prefix = dir.resolve("tagged");
    long loadsBefore = TaggerCache.shared().loads();
    // Default --flinkMaster ([auto]) on purpose: outside a Flink client it must run embedded.
    CliRun.RunResult r =
        CliRun.runJob(
            "--runner=FlinkRunner",
            "--parallelism=2",
            "--input=" + TestData.EWT_DEV,
            "--inputFormat=conllu",
            "--output=" + prefix);
    assertEquals(0, r.code, r.err);
    Map<String, List<String>> expected = TestData.conlluSentences(TestData.EWT_DEV);
    TaggedOutput got = TaggedOutput.read(dir, "tagged", OutputFormat.jsonl);
    assertEquals(expected.size(), got.records);
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      assertEquals(TestData.referenceTags(e.getValue()), got.tags.get(e.getKey()), e.getKey());
    }
    JsonNode s = CliRun.summary(prefix);
    assertEquals(expected.size(), s.get("tagged").asLong());
    // Both subtasks share this JVM's tagger: one load at most (none if an earlier test in this
    // JVM loaded the model), and the summary counts exactly the loads that happened.
    long loads = TaggerCache.shared().loads() - loadsBefore;
    assertTrue(loads <= 1, "one load for both subtasks, not " + loads);
    assertEquals(loads, s.get("taggerLoads").asLong(), s.toString());
  }
}
