package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import dev.tagpipe.io.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled jar submitted to a real multi-process Flink session cluster (deploy/flink): the job
 * finishes, its output equals the DirectRunner's sentence by sentence, and each TaskManager JVM
 * deserialized the tagger at most once.
 */
class FlinkClusterIT {
  @TempDir Path dir;

  static Process runJar(Path log, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("java", "-Xmx1g", "-jar", System.getProperty("tagpipe.bundledJar")));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  @Test
  void submittedJobMatchesTheDirectRunnerWithOneTaggerPerTaskManager() throws Exception {
    Path input = TestData.EWT_DEV;
    Path flinkOut = dir.resolve("flink/tagged");
    Path directOut = dir.resolve("direct/tagged");
    Files.createDirectories(flinkOut.getParent());
    FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"), 2);
    List<Long> pids = cluster.pids();
    try {
      assertEquals(3, pids.size(), "a JobManager and two TaskManagers");
      JsonNode tms = cluster.rest("/taskmanagers").get("taskmanagers");
      assertEquals(2, tms.size());

      Path log = dir.resolve("submit.log");
      Process p =
          runJar(
              log,
              "--runner=FlinkRunner",
              "--flinkMaster=" + cluster.master(),
              "--parallelism=2",
              "--input=" + input,
              "--inputFormat=conllu",
              "--output=" + flinkOut,
              "--outputFormat=conllu");
      assertTrue(p.waitFor(10, TimeUnit.MINUTES), "job timed out");
      assertEquals(0, p.exitValue(), Files.readString(log));

      JsonNode jobs = cluster.rest("/jobs/overview").get("jobs");
      assertEquals(1, jobs.size());
      assertEquals("FINISHED", jobs.get(0).get("state").asText());

      long loads1 = cluster.countInLog("taskmanager-1", "Loaded tagger");
      long loads2 = cluster.countInLog("taskmanager-2", "Loaded tagger");
      assertTrue(
          loads1 <= 1 && loads2 <= 1,
          "at most one deserialization per TaskManager JVM: " + loads1 + ", " + loads2);
      JsonNode summary = CliRun.summary(flinkOut);
      assertEquals(
          loads1 + loads2,
          summary.get("taggerLoads").asLong(),
          "the job's metric agrees with the TaskManagers' logs");
      assertTrue(summary.get("reconciled").asBoolean());
    } finally {
      cluster.close();
    }
    for (long pid : pids) {
      assertFalse(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "stop-cluster.sh left process " + pid + " running");
    }

    CliRun.RunResult direct =
        CliRun.runJob(
            "--input=" + input,
            "--inputFormat=conllu",
            "--output=" + directOut,
            "--outputFormat=conllu");
    assertEquals(0, direct.code, direct.err);
    TaggedOutput onFlink = TaggedOutput.read(flinkOut.getParent(), "tagged", OutputFormat.conllu);
    TaggedOutput onDirect = TaggedOutput.read(directOut.getParent(), "tagged", OutputFormat.conllu);
    assertEquals(TestData.conlluSentences(input).size(), onFlink.records);
    assertEquals(onDirect.blocks, onFlink.blocks, "same output, sentence by sentence");
  }
}
