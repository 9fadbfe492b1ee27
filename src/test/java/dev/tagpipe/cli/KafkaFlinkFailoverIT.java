package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import dev.tagpipe.kafka.KafkaBroker;
import dev.tagpipe.kafka.TopicClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic-to-topic job on the session cluster from deploy/flink, exactly once (checkpointing on):
 * records arrive in batches, a TaskManager that is tagging is killed mid-stream, Flink restores the
 * job from its last checkpoint on the spare TaskManager, more records arrive, and the job ends by
 * itself. A {@code read_committed} consumer of the output topic sees every input record's sentence
 * exactly once, keyed as its record was, with the reference tags.
 */
class KafkaFlinkFailoverIT {
  private static final int BATCHES = 12;
  private static final int RECORDS_PER_BATCH = 60;

  @TempDir Path dir;

  @Test
  void aKilledTaskManagerLosesAndRepeatsNoRecord() throws Exception {
    List<List<String>> ewt = new ArrayList<>(TestData.conlluSentences(TestData.EWT_DEV).values());
    try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"));
        TopicClient client = new TopicClient(broker.bootstrap())) {
      broker.createTopic("in", 2);
      broker.createTopic("out", 2);
      broker.createTopic("out-rejected", 1);
      FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"), 3); // one spare
      List<TopicClient.Sent> sent = new ArrayList<>();
      try {
        Path log = dir.resolve("submit.log");
        Process job =
            FlinkClusterIT.runJar(
                log,
                "--runner=FlinkRunner",
                "--flinkMaster=" + cluster.master(),
                "--parallelism=2",
                "--checkpointingInterval=3000",
                "--inputTopic=in",
                "--outputTopic=out",
                "--bootstrapServers=" + broker.bootstrap(),
                "--inputFormat=tokens",
                "--stopAfterIdle=PT30S");
        String victim = null;
        for (int b = 0; b < BATCHES; b++) {
          List<Map.Entry<byte[], byte[]>> batch = new ArrayList<>();
          for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            int n = b * RECORDS_PER_BATCH + i;
            batch.add(
                Map.entry(
                    ("k" + n).getBytes(StandardCharsets.UTF_8),
                    String.join(" ", ewt.get(n % ewt.size())).getBytes(StandardCharsets.UTF_8)));
          }
          sent.addAll(client.send("in", batch));
          Thread.sleep(1500);
          if (b == BATCHES / 2) {
            victim = cluster.killATaggingTaskManager(job, log, () -> true, "loaded the tagger");
          }
        }
        assertTrue(job.waitFor(6, TimeUnit.MINUTES), "the job did not end by itself");
        assertEquals(0, job.exitValue(), Files.readString(log));
        JsonNode jobs = cluster.rest("/jobs/overview").get("jobs");
        assertEquals("FINISHED", jobs.get(0).get("state").asText());
        JsonNode history =
            cluster
                .rest("/jobs/" + jobs.get(0).get("jid").asText() + "/exceptions")
                .path("exceptionHistory")
                .path("entries");
        assertTrue(history.size() > 0, "killing " + victim + " interrupted the job");
      } finally {
        cluster.close();
      }

      List<TopicClient.Received> out =
          client.readCommitted("out", Duration.ofSeconds(20), () -> false);
      Map<String, TopicClient.Received> byId = new HashMap<>();
      List<String> twice = new ArrayList<>();
      for (TopicClient.Received r : out) {
        if (byId.put(r.value().get("id").asText(), r) != null) {
          twice.add(r.value().get("id").asText());
        }
      }
      List<String> missing = new ArrayList<>();
      for (TopicClient.Sent s : sent) {
        TopicClient.Received r = byId.get(s.id("in"));
        if (r == null) {
          missing.add(s.id("in"));
          continue;
        }
        assertArrayEquals(s.key(), r.key(), s.id("in"));
        List<String> tokens = new ArrayList<>();
        r.value().get("tokens").forEach(t -> tokens.add(t.asText()));
        List<String> tags = new ArrayList<>();
        r.value().get("tags").forEach(t -> tags.add(t.asText()));
        assertEquals(List.of(new String(s.value(), StandardCharsets.UTF_8).split(" ")), tokens);
        assertEquals(TestData.referenceTags(tokens), tags, s.id("in"));
      }
      assertEquals(
          List.of(), twice.subList(0, Math.min(10, twice.size())), twice.size() + " twice");
      assertEquals(
          List.of(), missing.subList(0, Math.min(10, missing.size())), missing.size() + " lost");
      assertEquals(BATCHES * RECORDS_PER_BATCH, out.size());
    }
  }
}
