package dev.tagpipe;

import dev.tagpipe.metrics.Counters;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The counts of a run, read back from Beam metrics, printed and written as JSON. */
public final class RunSummary {
  public final long read;
  public final long tagged;
  public final long rejected;
  public final long tokens;
  public final long taggerLoads;
  public final long taggerLoadMillis;
  public final double wallSeconds;

  RunSummary(long read, long tagged, long rejected, long tokens, long taggerLoads,
      long taggerLoadMillis, double wallSeconds) {
    this.read = read;
    this.tagged = tagged;
    this.rejected = rejected;
    this.tokens = tokens;
    this.taggerLoads = taggerLoads;
    this.taggerLoadMillis = taggerLoadMillis;
    this.wallSeconds = wallSeconds;
  }

  /**
   * The run's counts from its metrics. {@code modelCheck}: a model the launcher loaded for the
   * workers of its own JVM is the run's load, done early, and counts as one.
   */
  static RunSummary from(PipelineResult result, double wallSeconds,
      ModelCheck.Outcome modelCheck) {
    MetricQueryResults metrics =
        result.metrics().queryMetrics(
            MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.inNamespace(Counters.NAMESPACE))
                .build());
    Map<String, Long> counters = new LinkedHashMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), value(c), Long::sum);
    }
    long loadMillis = 0;
    for (MetricResult<DistributionResult> d : metrics.getDistributions()) {
      if (d.getName().getName().equals("taggerLoadMillis")) {
        DistributionResult r = value(d);
        loadMillis += r == null ? 0 : r.getSum();
      }
    }
    return new RunSummary(
        counters.getOrDefault("read", 0L),
        counters.getOrDefault("tagged", 0L),
        counters.getOrDefault("rejected", 0L),
        counters.getOrDefault("tokens", 0L),
        counters.getOrDefault("taggerLoads", 0L) + modelCheck.loadsSharedWithWorkers(),
        loadMillis + modelCheck.loadMillis(),
        wallSeconds);
  }

  /** Committed values where the runner has them, attempted ones otherwise (Flink). */
  private static <T> T value(MetricResult<T> r) {
    try {
      T committed = r.getCommitted();
      if (committed != null) {
        return committed;
      }
    } catch (UnsupportedOperationException e) {
      // fall through
    }
    return r.getAttempted();
  }

  public boolean reconciles() {
    return read == tagged + rejected;
  }

  public double tokensPerSecond() {
    return wallSeconds > 0 ? tokens / wallSeconds : 0;
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", read);
    m.put("tagged", tagged);
    m.put("rejected", rejected);
    m.put("tokens", tokens);
    m.put("taggerLoads", taggerLoads);
    m.put("taggerLoadMillis", taggerLoadMillis);
    m.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
    m.put("tokensPerSecond", Math.round(tokensPerSecond()));
    m.put("reconciled", reconciles());
    return m;
  }

  void write(String path) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    WritableByteChannel channel =
        FileSystems.create(FileSystems.matchNewResource(path, false), "application/json");
    try (OutputStream out = Channels.newOutputStream(channel)) {
      json.writeValue(out, asMap());
    }
  }

  String describe() {
    return String.format(
        "read %d = tagged %d + rejected %d%s%n"
            + "%d tokens in %.1f s (%.0f tokens/s); tagger loaded %d time(s), %d ms in all",
        read, tagged, rejected, reconciles() ? "" : "   <-- DOES NOT RECONCILE",
        tokens, wallSeconds, tokensPerSecond(), taggerLoads, taggerLoadMillis);
  }
}
