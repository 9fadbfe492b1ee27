package dev.tagpipe.metrics;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/** The pipeline's Beam metrics. The run summary reads them back by these names. */
public final class Counters {
  private Counters() {}

  public static final String NAMESPACE = "tagpipe";

  public static final Counter READ = Metrics.counter(NAMESPACE, "read");
  public static final Counter TAGGED = Metrics.counter(NAMESPACE, "tagged");
  public static final Counter REJECTED = Metrics.counter(NAMESPACE, "rejected");
  public static final Counter TOKENS = Metrics.counter(NAMESPACE, "tokens");
  public static final Counter TAGGER_LOADS = Metrics.counter(NAMESPACE, "taggerLoads");
  public static final Distribution TAGGER_LOAD_MILLIS =
      Metrics.distribution(NAMESPACE, "taggerLoadMillis");
}
