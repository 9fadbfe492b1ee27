package dev.tagpipe.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

  /**
   * {@code result}: the job whose live metrics to show, or null where the runner has none while the
   * job runs; {@code extra}: more to say on each line (a topic's lag), or null.
   */
  ProgressReporter(
      PipelineResult result,
      long startNanos,
      int periodSeconds,
      PrintStream out,
      Supplier<String> extra) {
    timer.scheduleAtFixedRate(
        () -> show(result, startNanos, out, extra), periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  private static void show(
      PipelineResult result, long startNanos, PrintStream out, Supplier<String> extra) {
    String more = extra == null ? "" : extra.get();
    if (result == null) {
      if (!more.isEmpty()) {
        out.printf("tagpipe: ... %.0f s: %s%n", (System.nanoTime() - startNanos) / 1e9, more);
      }
      return;
    }
    try {
      RunSummary s =
          RunSummary.from(result, (System.nanoTime() - startNanos) / 1e9, ModelCheck.Outcome.NONE);
      out.println("tagpipe: " + s.progress() + (more.isEmpty() ? "" : ", " + more));
    } catch (RuntimeException e) {
      // metrics not available yet
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
