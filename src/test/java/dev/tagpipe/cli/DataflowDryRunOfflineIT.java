package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented dry run, as a user types it, inside an empty network namespace. */
class DataflowDryRunOfflineIT {
  @TempDir Path dir;

  @Test
  void dryRunNeedsNoNetworkAndNoCredentials() throws Exception {
    Process probe = new ProcessBuilder("unshare", "-n", "true").start();
    assumeTrue(
        probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "unshare -n is not permitted here");
    Path job = dir.resolve("job.json");
    Path log = dir.resolve("dryrun.log");
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(
                List.of(
                    "unshare",
                    "-n",
                    "java",
                    "-jar",
                    System.getProperty("tagpipe.bundledJar"),
                    "--runner=DataflowRunner",
                    "--dryRun=true",
                    "--dataflowJobFile=" + job,
                    "--project=demo",
                    "--region=europe-west1",
                    "--tempLocation=gs://demo/tmp",
                    "--input=gs://demo/in/*.txt",
                    "--inputFormat=tokens",
                    "--output=gs://demo/out/tagged",
                    "--outputFormat=jsonl"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the dry run hung");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, p.exitValue(), Files.readString(log));
    assertTrue(seconds < 60, "well under a minute: took " + seconds + " s");
    String spec = Files.readString(job);
    assertTrue(spec.contains("CollectionToSingleton") && spec.contains("TagSentences"));
  }
}
