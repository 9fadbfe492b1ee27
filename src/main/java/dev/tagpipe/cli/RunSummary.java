package dev.tagpipe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tagpipe.kafka.ReadTopic;
import dev.tagpipe.metrics.Counters;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The counts of a run, read back from Beam metrics, printed and written as JSON. */
final class RunSummary {
  public final long read;
  public final long tagged;
  public final long rejected;
  public final long tokens;
  public final long taggerLoads;
  public final long taggerLoadMillis;
  public final double wallSeconds;

  /** Sentences tagged per model, by the model's full SHA-256. */
  public final Map<String, Long> models;

  /** Input files opened. */
  public final long files;

  /** New versions of a watched model refused (hostile, truncated, half-written). */
  public final long modelsRefused;

  /** A streaming job's newest window whose files are final (its end, epoch millis), or -1. */
  public final long latestWindowWritten;

  /**
   * Failures the job recovered from (Flink restores from a checkpoint). Flink keeps the counts of
   * the attempt that finished only, so after one the counts cover part of the run.
   */
  public final int failuresRecovered;

  /** JSON Lines input: the documents read, tagged (a sentence or more) and wholly rejected. */
  public final Documents documents;

  /**
   * Documents read = documents with at least one sentence tagged + documents wholly rejected (all
   * their sentences rejected, or their line rejected as it was read).
   */
  /** Routing by language: sentences and documents tagged per language (ISO 639-1), else empty. */
  public final Map<String, Language> languages;

  record Language(long sentences, long documents) {}

  record Documents(long read, long tagged, long rejected) {
    static final Documents NONE = new Documents(0, 0, 0);

    boolean reconciles() {
      return read == tagged + rejected;
    }
  }

  /** Kafka input: records read per partition ({@code <topic>-<partition>}), else empty. */
  public final Map<String, Long> partitions;

  /** Sentences tagged per implementation ({@code kernel}, {@code corenlp}): what really tagged. */
  public final Map<String, Long> taggers;

  /** What some runs have besides the counts every run has. */
  private record Extras(
      int failuresRecovered,
      Documents documents,
      Map<String, Language> languages,
      Map<String, Long> partitions,
      Map<String, Long> taggers) {
    static final Extras NONE = new Extras(0, Documents.NONE, Map.of(), Map.of(), Map.of());
  }

  RunSummary(
      long read,
      long tagged,
      long rejected,
      long tokens,
      long taggerLoads,
      long taggerLoadMillis,
      double wallSeconds,
      Map<String, Long> models,
      long files,
      long modelsRefused,
      long latestWindowWritten) {
    this(
        read,
        tagged,
        rejected,
        tokens,
        taggerLoads,
        taggerLoadMillis,
        wallSeconds,
        models,
        files,
        modelsRefused,
        latestWindowWritten,
        Extras.NONE);
  }

  private RunSummary(
      long read,
      long tagged,
      long rejected,
      long tokens,
      long taggerLoads,
      long taggerLoadMillis,
      double wallSeconds,
      Map<String, Long> models,
      long files,
      long modelsRefused,
      long latestWindowWritten,
      Extras extras) {
    this.read = read;
    this.tagged = tagged;
    this.rejected = rejected;
    this.tokens = tokens;
    this.taggerLoads = taggerLoads;
    this.taggerLoadMillis = taggerLoadMillis;
    this.wallSeconds = wallSeconds;
    this.models = Map.copyOf(models);
    this.files = files;
    this.modelsRefused = modelsRefused;
    this.latestWindowWritten = latestWindowWritten;
    this.failuresRecovered = extras.failuresRecovered();
    this.documents = extras.documents();
    this.languages = Map.copyOf(extras.languages());
    this.partitions = new TreeMap<>(extras.partitions());
    this.taggers = new TreeMap<>(extras.taggers());
  }

  private RunSummary with(Extras extras) {
    return new RunSummary(
        read,
        tagged,
        rejected,
        tokens,
        taggerLoads,
        taggerLoadMillis,
        wallSeconds,
        models,
        files,
        modelsRefused,
        latestWindowWritten,
        extras);
  }

  private Extras extras() {
    return new Extras(failuresRecovered, documents, languages, partitions, taggers);
  }

  /** The same counts, from a job that recovered from {@code failures} failures. */
  RunSummary withFailuresRecovered(int failures) {
    Extras e = extras();
    return with(new Extras(failures, e.documents(), e.languages(), e.partitions(), e.taggers()));
  }

  /** The same counts, with these of documents. */
  RunSummary withDocuments(Documents documents) {
    Extras e = extras();
    return with(
        new Extras(e.failuresRecovered(), documents, e.languages(), e.partitions(), e.taggers()));
  }

  /** The same counts, with these per language. */
  RunSummary withLanguages(Map<String, Language> languages) {
    Extras e = extras();
    return with(
        new Extras(e.failuresRecovered(), e.documents(), languages, e.partitions(), e.taggers()));
  }

  /** The same counts, with the records read per Kafka partition. */
  RunSummary withPartitions(Map<String, Long> partitions) {
    Extras e = extras();
    return with(
        new Extras(e.failuresRecovered(), e.documents(), e.languages(), partitions, e.taggers()));
  }

  /** The same counts, with the sentences tagged per implementation. */
  RunSummary withTaggers(Map<String, Long> taggers) {
    Extras e = extras();
    return with(
        new Extras(e.failuresRecovered(), e.documents(), e.languages(), e.partitions(), taggers));
  }

  /** Whether the counts cover the whole run (not after a recovery on Flink). */
  public boolean countsComplete() {
    return failuresRecovered == 0;
  }

  /**
   * The run's counts from its metrics. {@code modelCheck}: a model the launcher loaded for the
   * workers of its own JVM is the run's load, done early, and counts as one.
   */
  static RunSummary from(PipelineResult result, double wallSeconds, ModelCheck.Outcome modelCheck) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(Counters.NAMESPACE))
                    .addNameFilter(MetricNameFilter.inNamespace(Counters.MODELS_NAMESPACE))
                    .addNameFilter(MetricNameFilter.inNamespace(Counters.LANGUAGES_NAMESPACE))
                    .addNameFilter(MetricNameFilter.inNamespace(ReadTopic.METRICS_NAMESPACE))
                    .addNameFilter(MetricNameFilter.inNamespace(Counters.TAGGERS_NAMESPACE))
                    .build());
    Map<String, Long> counters = new LinkedHashMap<>();
    Map<String, Long> models = new TreeMap<>();
    Map<String, Long> perLanguage = new TreeMap<>();
    Map<String, Long> partitions = new TreeMap<>();
    Map<String, Long> taggers = new TreeMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      String namespace = c.getName().getNamespace();
      if (namespace.equals(Counters.TAGGERS_NAMESPACE)) {
        taggers.merge(c.getName().getName(), value(c), Long::sum);
        continue;
      }
      if (namespace.equals(ReadTopic.METRICS_NAMESPACE)) {
        partitions.merge(
            c.getName().getName().replaceFirst("^records\\.", ""), value(c), Long::sum);
        continue;
      }
      (namespace.equals(Counters.MODELS_NAMESPACE)
              ? models
              : namespace.equals(Counters.LANGUAGES_NAMESPACE) ? perLanguage : counters)
          .merge(c.getName().getName(), value(c), Long::sum);
    }
    Map<String, Language> languages = new TreeMap<>();
    perLanguage.forEach(
        (name, n) -> {
          String language = name.substring(name.indexOf('.') + 1);
          Language was = languages.getOrDefault(language, new Language(0, 0));
          languages.put(
              language,
              name.startsWith("sentences.")
                  ? new Language(was.sentences() + n, was.documents())
                  : new Language(was.sentences(), was.documents() + n));
        });
    long loadMillis = 0;
    for (MetricResult<DistributionResult> d : metrics.getDistributions()) {
      if (d.getName().getName().equals("taggerLoadMillis")) {
        DistributionResult r = value(d);
        loadMillis += r == null ? 0 : r.getSum();
      }
    }
    long latestWindow = -1;
    for (MetricResult<GaugeResult> g : metrics.getGauges()) {
      GaugeResult r = value(g);
      if (g.getName().getName().equals("latestWindowWritten") && r != null) {
        latestWindow = Math.max(latestWindow, r.getValue());
      }
    }
    Documents documents =
        new Documents(
            counters.getOrDefault("documentsRead", 0L),
            counters.getOrDefault("documentsTagged", 0L),
            counters.getOrDefault("documentsRejected", 0L));
    return new RunSummary(
            counters.getOrDefault("read", 0L),
            counters.getOrDefault("tagged", 0L),
            counters.getOrDefault("rejected", 0L),
            counters.getOrDefault("tokens", 0L),
            counters.getOrDefault("taggerLoads", 0L) + modelCheck.loadsSharedWithWorkers(),
            loadMillis + modelCheck.loadMillis(),
            wallSeconds,
            models,
            counters.getOrDefault("files", 0L),
            counters.getOrDefault("modelsRefused", 0L),
            latestWindow)
        .withDocuments(documents)
        .withLanguages(languages)
        .withPartitions(partitions)
        .withTaggers(taggers);
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
    return read == tagged + rejected && documents.reconciles();
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
    if (documents.read() > 0) {
      m.put("documentsRead", documents.read());
      m.put("documentsTagged", documents.tagged());
      m.put("documentsRejected", documents.rejected());
    }
    if (!partitions.isEmpty()) {
      m.put("recordsPerPartition", new TreeMap<>(partitions));
    }
    m.put("reconciled", reconciles());
    m.put("models", new TreeMap<>(models));
    m.put("taggers", new TreeMap<>(taggers));
    if (!languages.isEmpty()) {
      Map<String, Object> byLanguage = new TreeMap<>();
      languages.forEach(
          (language, n) ->
              byLanguage.put(
                  language, Map.of("sentences", n.sentences(), "documents", n.documents())));
      m.put("languages", byLanguage);
    }
    m.put("files", files);
    m.put("modelsRefused", modelsRefused);
    if (!countsComplete()) {
      m.put("failuresRecovered", failuresRecovered);
      m.put("countsComplete", false);
    }
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

  private String describeLanguages() {
    StringBuilder b = new StringBuilder();
    languages.forEach(
        (language, n) ->
            b.append(String.format("%nlanguage %s: %d sentence(s) tagged", language, n.sentences()))
                .append(
                    n.documents() == 0 ? "" : String.format(" in %d document(s)", n.documents())));
    return b.toString();
  }

  private String describeModels() {
    StringBuilder b = new StringBuilder();
    models.forEach(
        (sha, n) ->
            b.append(
                String.format(
                    "%nmodel %s tagged %d sentence(s)",
                    sha.substring(0, Math.min(12, sha.length())), n)));
    return b.toString();
  }

  private String describeTaggers() {
    StringBuilder b = new StringBuilder();
    taggers.forEach(
        (implementation, n) ->
            b.append(String.format("%ntagger %s tagged %d sentence(s)", implementation, n)));
    return b.toString();
  }

  /** One progress line: the counts so far, per model, and a stream's newest window written. */
  String progress() {
    StringBuilder b =
        new StringBuilder(
            String.format(
                "... %.0f s: files %d, read %d, tagged %d, rejected %d",
                wallSeconds, files, read, tagged, rejected));
    if (!models.isEmpty()) {
      b.append(" (");
      models.forEach(
          (sha, n) ->
              b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ")
                  .append("model ")
                  .append(sha, 0, Math.min(12, sha.length()))
                  .append(": ")
                  .append(n));
      b.append(')');
    }
    if (!partitions.isEmpty()) {
      b.append(", records per partition ").append(partitions);
    }
    if (latestWindowWritten >= 0) {
      b.append(", latest window written ends ")
          .append(java.time.Instant.ofEpochMilli(latestWindowWritten));
    }
    return b.toString();
  }

  String describe() {
    return String.format(
            "read %d = tagged %d + rejected %d%s%n%s"
                + "%d tokens in %.1f s (%.0f tokens/s); tagger loaded %d time(s), %d ms in all",
            read,
            tagged,
            rejected,
            read == tagged + rejected ? "" : "   <-- DOES NOT RECONCILE",
            documents.read() == 0 && documents.reconciles()
                ? ""
                : String.format(
                    "documents read %d = with a sentence tagged %d + wholly rejected %d%s%n",
                    documents.read(),
                    documents.tagged(),
                    documents.rejected(),
                    documents.reconciles() ? "" : "   <-- DOES NOT RECONCILE"),
            tokens,
            wallSeconds,
            tokensPerSecond(),
            taggerLoads,
            taggerLoadMillis)
        + describeModels()
        + describeTaggers()
        + describeLanguages()
        + (partitions.isEmpty()
            ? ""
            : String.format("%nrecords read per partition: %s", partitions))
        + (countsComplete()
            ? ""
            : String.format(
                "%nthe job recovered from %d failure(s);"
                    + " Flink keeps the counts of its last attempt only, so these cover part of the run"
                    + " (the output is complete: count it there)",
                failuresRecovered));
  }
}
