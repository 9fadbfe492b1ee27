package dev.tagpipe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker of deploy/kafka, for real: start, create a topic, restart, stop. */
class KafkaBrokerIT {
  @TempDir Path tmp;

  @Test
  void topicSurvivesARestartAndStopEndsTheBroker() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start(tmp.resolve("kafka"))) {
      assertEquals("127.0.0.1:" + broker.port(), broker.bootstrap());
      assertTrue(KafkaBroker.portOpen(broker.port()));

      broker.createTopic("restart-check", 2);
      assertTrue(broker.listTopics().contains("restart-check"), "topics: " + broker.listTopics());
      long firstPid = broker.pid().orElseThrow();

      broker.restart();
      long secondPid = broker.pid().orElseThrow();
      assertTrue(firstPid != secondPid, "restart started a new broker JVM");
      assertTrue(gone(firstPid), "the first broker JVM " + firstPid + " is still running");
      assertTrue(broker.listTopics().contains("restart-check"), "topics: " + broker.listTopics());
      String described = broker.kafka("topics", "--describe", "--topic", "restart-check");
      assertTrue(described.contains("PartitionCount: 2"), described);

      broker.stop();
      assertFalse(KafkaBroker.portOpen(broker.port()), "port still open after stop");
      assertTrue(gone(secondPid), "broker process " + secondPid + " still running after stop");
      assertFalse(Files.exists(broker.runDir().resolve("broker.pid")));
      assertTrue(Files.exists(broker.runDir().resolve("data/meta.properties")), "data kept");

      broker.stop(); // already stopped: does nothing, as close() after this block
    }
  }

  /**
   * True if the process has exited. A zombie counts as gone: it holds no ports or files, and until
   * its new parent (the broker outlives start-broker.sh) reaps it, Java calls it alive.
   */
  private static boolean gone(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return true;
    }
    String s;
    try {
      s = Files.readString(stat);
    } catch (NoSuchFileException e) {
      return true;
    }
    char state = s.substring(s.lastIndexOf(')') + 2).charAt(0);
    return state == 'Z' || state == 'X';
  }
}
