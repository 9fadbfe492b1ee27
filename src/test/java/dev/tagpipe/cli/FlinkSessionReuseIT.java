package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived Flink session cluster: 20 tagging jobs one after another on one TaskManager, and its
 * heap after a full GC (read through Flink's REST metrics) does not grow with the number of jobs.
 * Each job has its own class loader holding a tagger (86 MB), so a job whose loader stayed
 * reachable would show as that much heap. (The JDK's serialization caches keep one finished job's
 * classes softly reachable until memory is short, so the heap after the second job, not before the
 * first, is the baseline; the model filter no longer pins the first job for good.)
 */
class FlinkSessionReuseIT {
  @TempDir Path dir;

  private static final int JOBS = 20;
  private static final long ONE_TAGGER_BYTES = 86L << 20;

  @Test
  void twentyJobsLeaveTheTaskManagersHeapWhereItWas() throws Exception {
    Path input = dir.resolve("in.tok");
    List<String> lines = new ArrayList<>();
    for (List<String> s : TestData.conlluSentences(TestData.EWT_DEV).values()) {
      if (lines.size() < 200) {
        lines.add(String.join(" ", s));
      }
    }
    Files.write(input, lines);
    FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"), 1);
    try {
      String tm = cluster.rest("/taskmanagers").get("taskmanagers").get(0).get("id").asText();
      long taskManagerPid = taskManagerPid(cluster);
      long empty = heapAfterGc(cluster, tm, taskManagerPid);
      long afterTwo = 0;
      for (int job = 1; job <= JOBS; job++) {
        Path log = dir.resolve("job-" + job + ".log");
        Process p =
            FlinkClusterIT.runJar(
                log,
                "--runner=FlinkRunner",
                "--flinkMaster=" + cluster.master(),
                "--parallelism=2",
                "--input=" + input,
                "--output=" + dir.resolve("out-" + job + "/tagged"));
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "job " + job + " timed out");
        assertEquals(0, p.exitValue(), Files.readString(log));
        if (job == 2) {
          afterTwo = heapAfterGc(cluster, tm, taskManagerPid);
        }
      }
      assertEquals(
          JOBS,
          cluster.countInLog("taskmanager-1", "Loaded tagger"),
          "each job loads its own tagger in its own class loader");
      long after = heapAfterGc(cluster, tm, taskManagerPid);
      System.out.printf(
          "TaskManager heap after GC: %d MB before any job, %d MB after 2 jobs,"
              + " %d MB after %d jobs%n",
          empty >> 20, afterTwo >> 20, after >> 20, JOBS);
      assertTrue(
          after - afterTwo < ONE_TAGGER_BYTES / 2,
          "the TaskManager's heap grew by "
              + ((after - afterTwo) >> 20)
              + " MB from job 2 to job "
              + JOBS
              + " ("
              + (afterTwo >> 20)
              + " -> "
              + (after >> 20)
              + " MB): finished jobs stay in memory");
      assertTrue(
          after - empty < ONE_TAGGER_BYTES * 3 / 2,
          "more than one job's tagger stays: " + (empty >> 20) + " -> " + (after >> 20) + " MB");
    } finally {
      cluster.close();
    }
  }

  private static long taskManagerPid(FlinkCluster cluster) throws Exception {
    for (long pid : cluster.pids()) {
      String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
      if (cmd.contains("TaskManagerRunner")) {
        return pid;
      }
    }
    throw new IllegalStateException("no TaskManager among " + cluster.pids());
  }

  /**
   * Heap used after a full GC of the TaskManager (jcmd, from the JDK), as Flink's REST metrics
   * report it once they have been refreshed after the GC.
   */
  private static long heapAfterGc(FlinkCluster cluster, String tm, long pid) throws Exception {
    for (int i = 0; i < 2; i++) { // twice: the first may only free what finalization releases
      Process gc =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  String.valueOf(pid),
                  "GC.run")
              .redirectErrorStream(true)
              .start();
      assertTrue(gc.waitFor(1, TimeUnit.MINUTES), "jcmd GC.run hung");
      Thread.sleep(2000);
    }
    // The REST server fetches metrics when asked and then every 10 s: ask, wait for a fetch
    // made after the GC, ask again.
    String query = "/taskmanagers/" + tm + "/metrics?get=Status.JVM.Memory.Heap.Used";
    cluster.rest(query);
    Thread.sleep(12_000);
    for (int tries = 0; tries < 10; tries++) {
      JsonNode metrics = cluster.rest(query);
      if (metrics.size() > 0 && metrics.get(0).has("value")) {
        return metrics.get(0).get("value").asLong();
      }
      Thread.sleep(2000);
    }
    throw new IllegalStateException("Flink's REST API gave no heap metric for " + tm);
  }
}
