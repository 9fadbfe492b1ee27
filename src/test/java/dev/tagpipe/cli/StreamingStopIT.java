package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watching job without --stopAfterIdle runs until stopped: SIGTERM (as Ctrl-C's SIGINT) ends the
 * bundled jar's process with exit code 130, the windows written stay, and the summary so far is
 * printed and written.
 */
class StreamingStopIT {
  @TempDir Path dir;

  @Test
  void aSignalStopsAWatchingJobWithItsSummary() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path out = dir.resolve("out/stream");
    Path log = dir.resolve("run.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    "java",
                    "-Xmx1g",
                    "-jar",
                    System.getProperty("tagpipe.bundledJar"),
                    "--input=" + inbox + "/*.conllu",
                    "--inputFormat=conllu",
                    "--watchInput=1s",
                    "--window=2s",
                    "--output=" + out))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Path part = dir.resolve("a.part");
      Files.copy(TestData.EWT_DEV, part);
      Files.move(part, inbox.resolve("a.conllu"), StandardCopyOption.ATOMIC_MOVE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (windowFiles(out.getParent()) == 0) {
        assertTrue(p.isAlive(), Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no window written: " + Files.readString(log));
        Thread.sleep(500);
      }
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop: " + Files.readString(log));
      assertEquals(130, p.exitValue(), Files.readString(log));
    } finally {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertTrue(output.contains("stopped by a signal"), output);
    JsonNode summary = CliRun.summary(out);
    assertEquals(1, summary.get("files").asLong(), summary.toString());
    assertTrue(summary.get("read").asLong() > 0, summary.toString());
    assertTrue(windowFiles(out.getParent()) > 0, "the windows written stay");
  }

  private static long windowFiles(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().matches("stream-\\d{4}-.*\\.jsonl"))
          .count();
    }
  }
}
