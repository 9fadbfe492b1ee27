package dev.tagpipe.metrics;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;

/** The pipeline's Beam metrics. The run summary reads them back by these names. */
public final class Counters {
  private Counters() {}

  public static final String NAMESPACE = "tagpipe";

  /** Sentences tagged per model: one counter per model, named by its full SHA-256. */
  public static final String MODELS_NAMESPACE = "tagpipe.models";

  public static final Counter READ = Metrics.counter(NAMESPACE, "read");
  public static final Counter TAGGED = Metrics.counter(NAMESPACE, "tagged");
  public static final Counter REJECTED = Metrics.counter(NAMESPACE, "rejected");
  public static final Counter TOKENS = Metrics.counter(NAMESPACE, "tokens");
  public static final Counter TAGGER_LOADS = Metrics.counter(NAMESPACE, "taggerLoads");

  /** New versions of a watched model refused (hostile, truncated, half-written). */
  public static final Counter MODELS_REFUSED = Metrics.counter(NAMESPACE, "modelsRefused");

  /** JSON Lines documents read (a line that cannot be one counts too: it is rejected whole). */
  public static final Counter DOCUMENTS_READ = Metrics.counter(NAMESPACE, "documentsRead");

  /** Documents with at least one sentence tagged. */
  public static final Counter DOCUMENTS_TAGGED = Metrics.counter(NAMESPACE, "documentsTagged");

  /** Documents none of whose sentences was tagged (or whose line was rejected whole). */
  public static final Counter DOCUMENTS_REJECTED = Metrics.counter(NAMESPACE, "documentsRejected");

  /** Input files opened (by the reader that reports for the whole file). */
  public static final Counter FILES = Metrics.counter(NAMESPACE, "files");

  /** A streaming job's newest window whose files are final: its end, in epoch millis. */
  public static final Gauge LATEST_WINDOW_WRITTEN = Metrics.gauge(NAMESPACE, "latestWindowWritten");

  public static final Distribution TAGGER_LOAD_MILLIS =
      Metrics.distribution(NAMESPACE, "taggerLoadMillis");

  /**
   * Routing by language: sentences and documents tagged per language, named {@code
   * sentences.<code>} and {@code documents.<code>} (ISO 639-1).
   */
  public static final String LANGUAGES_NAMESPACE = "tagpipe.languages";

  /** The counter of sentences tagged in this language (routing by language). */
  public static Counter sentencesIn(String language) {
    return Metrics.counter(LANGUAGES_NAMESPACE, "sentences." + language);
  }

  /** The counter of documents with a sentence tagged in this language (routing by language). */
  public static Counter documentsIn(String language) {
    return Metrics.counter(LANGUAGES_NAMESPACE, "documents." + language);
  }

  /** The counter of sentences tagged by the model with this SHA-256. */
  public static Counter taggedBy(String modelSha256) {
    return Metrics.counter(MODELS_NAMESPACE, modelSha256);
  }

  /** Sentences tagged per implementation ({@code kernel}, {@code corenlp}): what really tagged. */
  public static final String TAGGERS_NAMESPACE = "tagpipe.taggers";

  /** The counter of sentences tagged by this implementation. */
  public static Counter taggedWith(String implementation) {
    return Metrics.counter(TAGGERS_NAMESPACE, implementation);
  }
}
