package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import dev.tagpipe.io.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager killed (by its pid) while the job runs: Flink restarts the work on the spare
 * TaskManager and the output is exactly the clean result, no sentence lost and none duplicated.
 */
class FlinkWorkerFailureIT {
  @TempDir Path dir;

  @Test
  void jobSurvivesAKilledTaskManager() throws Exception {
    // EWT dev eight times over: long enough to kill a worker mid-job. Lines are unique ids.
    List<List<String>> sentences =
        new ArrayList<>(TestData.conlluSentences(TestData.EWT_DEV).values());
    List<String> lines = new ArrayList<>();
    for (int copy = 0; copy < 8; copy++) {
      for (List<String> s : sentences) {
        lines.add(String.join(" ", s));
      }
    }
    Path input = dir.resolve("corpus.tok");
    Files.write(input, lines);
    Path out = dir.resolve("out/tagged");
    Files.createDirectories(out.getParent());

    FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"), 3); // one spare
    try {
      Path log = dir.resolve("submit.log");
      Process job =
          FlinkClusterIT.runJar(
              log,
              "--runner=FlinkRunner",
              "--flinkMaster=" + cluster.master(),
              "--parallelism=2",
              "--input=" + input,
              "--output=" + out,
              "--numShards=2");

      // Kill a TaskManager that is tagging: one whose log shows it loaded the tagger.
      String victim = null;
      for (int i = 0; i < 240 && victim == null && job.isAlive(); i++) {
        for (int tm = 1; tm <= 3; tm++) {
          if (cluster.countInLog("taskmanager-" + tm, "Loaded tagger") > 0) {
            victim = "taskmanager-" + tm;
            break;
          }
        }
        Thread.sleep(500);
      }
      assertTrue(victim != null, "no TaskManager started tagging; " + Files.readString(log));
      Thread.sleep(2000); // mid-tagging
      long pid = Long.parseLong(Files.readString(cluster.runDir.resolve(victim + ".pid")).trim());
      assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "kill " + victim);

      assertTrue(job.waitFor(10, TimeUnit.MINUTES), "job timed out");
      assertEquals(0, job.exitValue(), Files.readString(log));
      JsonNode jobs = cluster.rest("/jobs/overview").get("jobs");
      assertEquals("FINISHED", jobs.get(0).get("state").asText());
      String jobId = jobs.get(0).get("jid").asText();
      JsonNode history =
          cluster.rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
      assertTrue(history.size() > 0, "the kill interrupted the job (it was restarted)");
    } finally {
      cluster.close();
    }

    TaggedOutput got = TaggedOutput.read(out.getParent(), "tagged", OutputFormat.jsonl);
    assertEquals(lines.size(), got.records, "no sentence lost or duplicated");
    assertEquals(lines.size(), got.tokens.size(), "every id exactly once");
    for (int i = 0; i < sentences.size(); i++) {
      List<String> expected = TestData.referenceTags(sentences.get(i));
      for (int copy = 0; copy < 8; copy++) {
        String id = input + ":" + (copy * sentences.size() + i + 1);
        assertEquals(sentences.get(i), got.tokens.get(id), id);
        assertEquals(expected, got.tags.get(id), id);
      }
    }
    JsonNode summary = CliRun.summary(out);
    assertEquals(lines.size(), summary.get("read").asLong());
    assertEquals(lines.size(), summary.get("tagged").asLong());
  }
}
