package dev.tagpipe.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;

/** Prints the run's counts every {@code periodSeconds} while it runs; close to stop. */
final class ProgressReporter implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tagpipe-progress");
            t.setDaemon(true);
            return t;
          });

  ProgressReporter(PipelineResult result, long startNanos, int periodSeconds, PrintStream out) {
    timer.scheduleAtFixedRate(
        () -> show(result, startNanos, out), periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  private static void show(PipelineResult result, long startNanos, PrintStream out) {
    try {
      RunSummary s =
          RunSummary.from(result, (System.nanoTime() - startNanos) / 1e9, ModelCheck.Outcome.NONE);
      out.println("tagpipe: " + s.progress());
    } catch (RuntimeException e) {
      // metrics not available yet
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
