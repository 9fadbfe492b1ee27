package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watching job on the session cluster from deploy/flink, checkpointing on: files are dropped into
 * the watched folder one by one, a TaskManager that is tagging is killed mid-stream, Flink restores
 * the job from its last checkpoint on the spare TaskManager, more files arrive, and the job ends by
 * itself. Every sentence of every file is in the windows' output exactly once, with the reference
 * tags.
 */
class FlinkStreamingFailoverIT {
  private static final int FILES = 14;
  private static final int SENTENCES_PER_FILE = 120;

  @TempDir Path dir;

  @Test
  void aKilledTaskManagerLosesAndRepeatsNothing() throws Exception {
    List<List<String>> ewt = new ArrayList<>(TestData.conlluSentences(TestData.EWT_DEV).values());
    Path in = Files.createDirectories(dir.resolve("in"));
    Path out = dir.resolve("out/tagged");
    Files.createDirectories(out.getParent());
    Map<String, List<String>> expected = new HashMap<>(); // id -> tokens

    FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"), 3); // one spare
    try {
      Path log = dir.resolve("submit.log");
      Process job =
          FlinkClusterIT.runJar(
              log,
              "--runner=FlinkRunner",
              "--flinkMaster=" + cluster.master(),
              "--parallelism=2",
              // Windows shorter than the checkpoint interval: windows are written between two
              // checkpoints, so the kill lands after some window was written but before the next
              // checkpoint, the case where a restored job could write sentences twice.
              "--checkpointingInterval=4000",
              "--window=PT1S",
              "--input=" + in + "/*.tok",
              "--inputFormat=tokens",
              "--output=" + out,
              "--numShards=2",
              "--watchInput=PT1S",
              "--stopAfterIdle=PT30S");

      String victim = null;
      for (int f = 0; f < FILES; f++) {
        List<String> lines = new ArrayList<>();
        Path file = in.resolve(String.format("part-%02d.tok", f));
        for (int i = 0; i < SENTENCES_PER_FILE; i++) {
          List<String> tokens = ewt.get((f * SENTENCES_PER_FILE + i) % ewt.size());
          lines.add(String.join(" ", tokens));
          expected.put(file + ":" + (i + 1), tokens);
        }
        Path temp = in.resolve("." + file.getFileName() + ".part"); // not matched by *.tok
        Files.write(temp, lines);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(1500);
        if (f == FILES / 2) {
          victim =
              cluster.killATaggingTaskManager(
                  job, log, () -> windowWritten(out), "tagged and wrote a window");
        }
      }

      assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the job did not end by itself");
      assertEquals(0, job.exitValue(), Files.readString(log));
      JsonNode jobs = cluster.rest("/jobs/overview").get("jobs");
      assertEquals("FINISHED", jobs.get(0).get("state").asText());
      JsonNode history =
          cluster
              .rest("/jobs/" + jobs.get(0).get("jid").asText() + "/exceptions")
              .path("exceptionHistory")
              .path("entries");
      assertTrue(history.size() > 0, "killing " + victim + " interrupted the job");
      // Flink kept the counts of the last attempt only: the summary says so rather than
      // claiming a complete, reconciled count of part of the run.
      JsonNode summary = CliRun.summary(out);
      assertEquals(false, summary.path("countsComplete").asBoolean(true), summary.toString());
      assertEquals(history.size(), summary.path("failuresRecovered").asInt(), summary.toString());
      assertTrue(
          Files.readString(log)
              .contains("the job recovered from " + history.size() + " failure(s)"),
          Files.readString(log));
    } finally {
      cluster.close();
    }

    Map<String, Integer> times = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : TestData.readShards(out.getParent(), "tagged-2", ".jsonl")) {
      JsonNode o = json.readTree(line);
      String id = o.get("id").asText();
      times.merge(id, 1, Integer::sum);
      List<String> tokens = expected.get(id);
      assertTrue(tokens != null, "a sentence that was never dropped in: " + id);
      List<String> tags = new ArrayList<>();
      o.get("tags").forEach(t -> tags.add(t.asText()));
      assertEquals(TestData.referenceTags(tokens), tags, id);
    }
    List<String> missing =
        expected.keySet().stream().filter(id -> !times.containsKey(id)).sorted().toList();
    List<String> twice =
        times.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    assertEquals(
        List.of(),
        missing.subList(0, Math.min(10, missing.size())),
        missing.size() + " sentences lost");
    assertEquals(
        List.of(),
        twice.subList(0, Math.min(10, twice.size())),
        twice.size() + " sentences written more than once");
    assertEquals(FILES * SENTENCES_PER_FILE, times.size());
  }

  /** Some window's files are written: the restored job must not write them again. */
  private static boolean windowWritten(Path out) {
    try {
      return !TestData.readShards(out.getParent(), "tagged-2", ".jsonl").isEmpty();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
