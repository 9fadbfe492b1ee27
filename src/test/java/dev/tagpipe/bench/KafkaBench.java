package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tagpipe.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code pipelines/benchmark --kafka}: a job that reads a Kafka topic on embedded Flink, exactly
 * once (checkpoints every 2 s, transactional output), against the batch pipeline on the same
 * machine. Not a test. A local broker (in a temporary folder, stopped at the end, failure or not);
 * per repeat (medians reported), on topics of its own ({@code in}, {@code out}, {@code
 * out-rejected}; then {@code in-r2}, ...):
 *
 * <ul>
 *   <li>batch: the pipeline on embedded Flink on EWT dev+test repeated N/2 and N times in a file,
 *       whole processes, as the default mode measures them ({@link Benchmark#measure}); the
 *       marginal rate (the extra tokens over the extra seconds) leaves the fixed start-up out;
 *   <li>sustained: the same N copies produced into {@code in} (one sentence of tokens a record)
 *       <em>before</em> the job starts ({@code --startFrom=earliest}); {@code out} read {@code
 *       read_committed} here, each record's arrival timed: tokens/s from the end of the first
 *       commit seen to the last (the tokens of the first commit left out, as they were tagged
 *       before it), against the batch marginal rate (target: at least 0.9 of it);
 *   <li>latency: a second job ({@code --startFrom=latest}), first warmed up (a record a second
 *       until one comes out), then records of 10-20 tokens produced at a steady rate: from each
 *       record's send to its output record being seen committed (p50, p95, max), matched by id
 *       ({@code in-<partition>@<offset>}, from the producer's metadata); every record exactly once
 *       (duplicates and missing counted); target p95 under the checkpoint interval + 5 s (no window
 *       for topic output).
 * </ul>
 *
 * Both also count the sink's transactions: each committed one leaves a marker in each partition it
 * wrote, so the output partitions' end offsets less the records are the transactions. Every job is
 * {@code java -jar} on the bundled jar with the benchmark's JVM flags, as the other modes run it,
 * and ends by itself ({@code --stopAfterIdle=PT10S}); a job that writes nothing for 5 minutes fails
 * the run. Writes kafka.json.
 */
final class KafkaBench {
  private KafkaBench() {}

  private static final long CHECKPOINT_MILLIS = 2_000;
  private static final String IDLE = "PT10S";
  private static final long STALL_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static final long FIRST_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** What one sustained run measured. */
  record Sustained(
      long records,
      long tokens,
      double startToFirstCommitSeconds,
      double commitSpanSeconds,
      long tokensAfterFirstCommit,
      long transactions,
      double sustainedTokensPerSecond,
      double wholeTokensPerSecond,
      double jobSeconds,
      int duplicates,
      int missing,
      int rejected) {}

  /** What one latency run measured. */
  record Latency(
      int records,
      long tokens,
      double offeredRecordsPerSecond,
      double p50,
      double p95,
      double max,
      int duplicates,
      int missing,
      int rejected,
      long outputRecords,
      long transactions,
      double jobSeconds) {}

  static void run(
      Path root,
      Path out,
      String jar,
      String classpath,
      List<String> sentences,
      String heap,
      List<String> jvmFlags,
      int threads,
      int copies,
      int repeats,
      double rate,
      int seconds)
      throws Exception {
    if (copies < 2) {
      throw new IllegalArgumentException(
          "--copies=" + copies + ": at least 2 (the batch rate is marginal, N/2 to N copies)");
    }
    Files.createDirectories(out);
    // Kafka's clients log their whole configuration at INFO; the broker scripts find the project.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    System.setProperty("tagpipe.projectDir", root.toAbsolutePath().toString());
    int half = Math.max(1, copies / 2);
    Map<Integer, Path> corpus = Benchmark.writeCorpus(root, out, List.of(half, copies));
    List<String> bulk = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      bulk.addAll(sentences);
    }
    List<String> paced = sentences.stream().filter(s -> between(s, 10, 20)).toList();
    List<String> jobArgs = new ArrayList<>(Benchmark.flinkArgs(threads));
    jobArgs.add("--checkpointingInterval=" + CHECKPOINT_MILLIS);
    Benchmark.Config batch =
        new Benchmark.Config(
            "kafka-batch-flink-" + threads, threads, false, Benchmark.flinkArgs(threads));
    double target = CHECKPOINT_MILLIS / 1000.0 + 5;

    Path runDir = Files.createTempDirectory("tagpipe-kafka-bench-");
    Map<String, List<Double>> series = new LinkedHashMap<>();
    List<Map<String, Object>> runs = new ArrayList<>();
    boolean ok = false;
    KafkaBroker broker = null;
    try {
      System.err.println("kafka: starting a broker in " + runDir);
      broker = KafkaBroker.start(runDir);
      for (int r = 1; r <= repeats; r++) {
        String suffix = r == 1 ? "" : "-r" + r;
        String in = "in" + suffix;
        String outTopic = "out" + suffix;
        broker.createTopic(in, 2);
        broker.createTopic(outTopic, 2);
        broker.createTopic(outTopic + "-rejected", 1);

        Benchmark.Measurement bHalf =
            Benchmark.measure(batch, half, corpus.get(half), jar, classpath, heap, jvmFlags, out);
        Benchmark.Measurement bAll =
            Benchmark.measure(
                batch, copies, corpus.get(copies), jar, classpath, heap, jvmFlags, out);
        double[] fit =
            Benchmark.fit(
                List.of(
                    new double[] {bHalf.tokens(), bHalf.wallSeconds()},
                    new double[] {bAll.tokens(), bAll.wallSeconds()}));
        double marginal = 1 / fit[1];
        double batchWhole = bAll.tokens() / bAll.wallSeconds();
        System.err.printf(
            "repeat %d/%d batch: %d tokens %.2f s, %d tokens %.2f s: marginal %.0f tokens/s,"
                + " whole %.0f, fixed %.2f s%n",
            r,
            repeats,
            bHalf.tokens(),
            bHalf.wallSeconds(),
            bAll.tokens(),
            bAll.wallSeconds(),
            marginal,
            batchWhole,
            fit[0]);

        Path base = out.resolve("kafka/r" + r);
        Benchmark.deleteRecursively(base);
        Files.createDirectories(base);
        List<String> common =
            List.of(
                "--inputTopic=" + in,
                "--outputTopic=" + outTopic,
                "--bootstrapServers=" + broker.bootstrap(),
                "--inputFormat=tokens",
                "--stopAfterIdle=" + IDLE);
        Sustained s =
            sustained(
                broker.bootstrap(),
                in,
                outTopic,
                bulk,
                command(jar, heap, jvmFlags, common, "earliest", jobArgs),
                base.resolve("sustained.log"));
        System.err.printf(
            "repeat %d/%d sustained: %d records, %d tokens; first commit %.2f s after start;"
                + " %d tokens in %.2f s after it, %d transactions: %.0f tokens/s (%.3f of batch"
                + " marginal); whole %.0f tokens/s; job %.2f s; duplicates %d, missing %d,"
                + " rejected %d%n",
            r,
            repeats,
            s.records(),
            s.tokens(),
            s.startToFirstCommitSeconds(),
            s.tokensAfterFirstCommit(),
            s.commitSpanSeconds(),
            s.transactions(),
            s.sustainedTokensPerSecond(),
            s.sustainedTokensPerSecond() / marginal,
            s.wholeTokensPerSecond(),
            s.jobSeconds(),
            s.duplicates(),
            s.missing(),
            s.rejected());
        Latency l =
            latency(
                broker.bootstrap(),
                in,
                outTopic,
                paced,
                rate,
                seconds,
                command(jar, heap, jvmFlags, common, "latest", jobArgs),
                base.resolve("latency.log"));
        System.err.printf(
            "repeat %d/%d latency: %d records (%d tokens) at %.0f/s: p50 %.2f s, p95 %.2f s,"
                + " max %.2f s (target p95 < %.1f s); %d transactions; duplicates %d, missing %d,"
                + " rejected %d%n",
            r,
            repeats,
            l.records(),
            l.tokens(),
            l.offeredRecordsPerSecond(),
            l.p50(),
            l.p95(),
            l.max(),
            target,
            l.transactions(),
            l.duplicates(),
            l.missing(),
            l.rejected());
        add(series, "batchMarginal", marginal);
        add(series, "batchWhole", batchWhole);
        add(series, "batchFixedSeconds", fit[0]);
        add(series, "sustained", s.sustainedTokensPerSecond());
        add(series, "sustainedRatio", s.sustainedTokensPerSecond() / marginal);
        add(series, "kafkaWhole", s.wholeTokensPerSecond());
        add(series, "startToFirstCommitSeconds", s.startToFirstCommitSeconds());
        add(series, "p50", l.p50());
        add(series, "p95", l.p95());
        add(series, "max", l.max());
        add(series, "sustainedRecordsPerTransaction", (double) s.records() / s.transactions());
        add(series, "latencyRecordsPerTransaction", (double) l.outputRecords() / l.transactions());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("batchHalf", bHalf);
        run.put("batch", bAll);
        run.put("sustained", s);
        run.put("latency", l);
        runs.add(run);
        if (s.duplicates() + s.missing() + l.duplicates() + l.missing() > 0) {
          System.err.println("kafka: records lost or duplicated; see " + base);
        }
      }
      ok = true;
    } finally {
      if (broker != null) {
        broker.close();
      }
      if (ok) {
        Benchmark.deleteRecursively(runDir);
      } else {
        System.err.println("kafka: the broker's folder is kept: " + runDir);
      }
    }

    Map<String, Double> m = new LinkedHashMap<>();
    series.forEach((k, v) -> m.put(k, Benchmark.median(v)));
    int dupes = 0;
    int missing = 0;
    for (Map<String, Object> run : runs) {
      Sustained s = (Sustained) run.get("sustained");
      Latency l = (Latency) run.get("latency");
      dupes += s.duplicates() + l.duplicates();
      missing += s.missing() + l.missing();
    }
    Sustained s0 = (Sustained) runs.get(0).get("sustained");
    Latency l0 = (Latency) runs.get(0).get("latency");
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "kafka on embedded Flink, p=%d, exactly once (checkpoints every %d ms), medians of %d;"
                + " %d records (%d tokens, %dx EWT dev+test) produced before the job; latency: %d"
                + " records of 10-20 tokens at %.0f/s for %d s%n",
            threads,
            CHECKPOINT_MILLIS,
            repeats,
            s0.records(),
            s0.tokens(),
            copies,
            l0.records(),
            rate,
            seconds));
    String row = "%-34s %12s   %-44s%n";
    table.append(String.format(row, "figure", "kafka", "baseline / target"));
    table.append(
        String.format(
            row,
            "sustained tokens/s (commit span)",
            String.format("%.0f", m.get("sustained")),
            String.format(
                "batch marginal %.0f: ratio %.3f (target >= 0.9)",
                m.get("batchMarginal"), m.get("sustainedRatio"))));
    table.append(
        String.format(
            row,
            "whole job tokens/s (to last commit)",
            String.format("%.0f", m.get("kafkaWhole")),
            String.format("batch whole at %dx %.0f", copies, m.get("batchWhole"))));
    table.append(
        String.format(
            row,
            "start to first commit (s)",
            String.format("%.2f", m.get("startToFirstCommitSeconds")),
            String.format("batch fixed overhead %.2f s", m.get("batchFixedSeconds"))));
    table.append(String.format(row, "latency p50 (s)", String.format("%.2f", m.get("p50")), ""));
    table.append(
        String.format(
            row,
            "latency p95 (s)",
            String.format("%.2f", m.get("p95")),
            String.format("target < %.1f (checkpoint + 5 s)", target)));
    table.append(String.format(row, "latency max (s)", String.format("%.2f", m.get("max")), ""));
    table.append(
        String.format(
            row,
            "records per output transaction",
            String.format(
                "%.1f, %.1f",
                m.get("sustainedRecordsPerTransaction"), m.get("latencyRecordsPerTransaction")),
            "(sustained, latency runs)"));
    table.append(
        String.format(
            row, "duplicates / missing (all runs)", dupes + " / " + missing, "must be 0 / 0"));
    System.out.print(table);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", Benchmark.machine());
    result.put("jvmFlags", String.join(" ", heap, String.join(" ", jvmFlags)).trim());
    result.put("parallelism", threads);
    result.put("checkpointingIntervalMillis", CHECKPOINT_MILLIS);
    result.put("stopAfterIdle", IDLE);
    result.put("copies", copies);
    result.put("repeats", repeats);
    result.put("pacedRecordsPerSecond", rate);
    result.put("pacedSeconds", seconds);
    result.put("latencyTargetSeconds", target);
    result.put("medians", m);
    result.put("duplicates", dupes);
    result.put("missing", missing);
    result.put("runs", runs);
    result.put("table", table.toString());
    Path json = out.resolve("kafka.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    System.out.println("wrote " + json);
  }

  /** The job's command: {@code java -jar} on the bundled jar, as the other modes start it. */
  private static List<String> command(
      String jar,
      String heap,
      List<String> jvmFlags,
      List<String> common,
      String startFrom,
      List<String> runnerArgs) {
    List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
    cmd.addAll(List.of("-jar", jar));
    cmd.addAll(common);
    cmd.add("--startFrom=" + startFrom);
    cmd.addAll(runnerArgs);
    return cmd;
  }

  /** All of {@code lines} into {@code in}, then the job from the earliest record. */
  private static Sustained sustained(
      String bootstrap, String in, String out, List<String> lines, List<String> cmd, Path log)
      throws Exception {
    Map<String, Integer> indexOf = new HashMap<>(); // "<partition>@<offset>" -> line
    try (KafkaProducer<String, String> producer = producer(bootstrap, 20)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        sent.add(producer.send(new ProducerRecord<>(in, "s" + i, lines.get(i))));
      }
      producer.flush();
      for (int i = 0; i < sent.size(); i++) {
        RecordMetadata md = sent.get(i).get();
        indexOf.put(md.partition() + "@" + md.offset(), i);
      }
    }
    ObjectMapper json = new ObjectMapper();
    long[] arrival = new long[lines.size()];
    int[] tokens = new int[lines.size()];
    int[] count = new int[lines.size()];
    int seen = 0;
    int rejected = 0;
    int strays = 0;
    int received = 0;
    try (KafkaConsumer<String, String> consumer = consumer(bootstrap, out)) {
      long start = System.nanoTime();
      Process p = start(cmd, log);
      try {
        long lastProgress = start;
        long exitedAt = 0;
        long drainUntil = Long.MAX_VALUE;
        while (System.nanoTime() < drainUntil) {
          var records = consumer.poll(Duration.ofMillis(100));
          long now = System.nanoTime();
          if (!records.isEmpty()) {
            lastProgress = now;
          }
          for (ConsumerRecord<String, String> rec : records) {
            if (rec.topic().endsWith("-rejected")) {
              rejected++;
              continue;
            }
            received++;
            JsonNode node = json.readTree(rec.value());
            Integer i = indexOf.get(localId(node.get("id").asText(), in));
            if (i == null) {
              strays++;
              continue;
            }
            if (count[i]++ == 0) {
              arrival[i] = now;
              tokens[i] = node.get("tokens").size();
              seen++;
            }
          }
          if (exitedAt == 0 && !p.isAlive()) {
            exitedAt = System.nanoTime();
            drainUntil = exitedAt + TimeUnit.SECONDS.toNanos(2); // late duplicates, if any
          }
          if (now - lastProgress > STALL_NANOS) {
            throw new IllegalStateException(
                "the sustained job wrote nothing for 5 minutes ("
                    + seen
                    + " of "
                    + lines.size()
                    + " records out); see "
                    + log);
          }
        }
        double jobSeconds = (exitedAt - start) / 1e9;
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              "the sustained job exited " + p.exitValue() + "; see " + log);
        }
        if (seen == 0) {
          throw new IllegalStateException("the sustained job wrote nothing; see " + log);
        }
        int duplicates = strays;
        long first = Long.MAX_VALUE;
        long last = 0;
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
          duplicates += Math.max(0, count[i] - 1);
          if (count[i] > 0) {
            first = Math.min(first, arrival[i]);
            last = Math.max(last, arrival[i]);
            total += tokens[i];
          }
        }
        // The first commit: what arrived within 250 ms of the first record (one transaction's
        // records may come in several fetches, milliseconds apart); tagged before it was seen.
        long firstCommitEnd = first;
        long afterFirst = 0;
        for (int i = 0; i < lines.size(); i++) {
          if (count[i] > 0 && arrival[i] - first <= FIRST_COMMIT_NANOS) {
            firstCommitEnd = Math.max(firstCommitEnd, arrival[i]);
          }
        }
        for (int i = 0; i < lines.size(); i++) {
          if (count[i] > 0 && arrival[i] > firstCommitEnd) {
            afterFirst += tokens[i];
          }
        }
        double span = (last - firstCommitEnd) / 1e9;
        // Each committed transaction leaves one marker in each partition it wrote to.
        long transactions = endOffsets(consumer, out) - received;
        return new Sustained(
            lines.size(),
            total,
            (first - start) / 1e9,
            span,
            afterFirst,
            transactions,
            span > 0 ? afterFirst / span : Double.NaN,
            total / ((last - start) / 1e9),
            jobSeconds,
            duplicates,
            lines.size() - seen,
            rejected);
      } finally {
        stop(p);
      }
    }
  }

  /** A running, warmed-up job; records produced at {@code rate} a second for {@code seconds}. */
  private static Latency latency(
      String bootstrap,
      String in,
      String out,
      List<String> lines,
      double rate,
      int seconds,
      List<String> cmd,
      Path log)
      throws Exception {
    int n = (int) Math.round(rate * seconds);
    long[] sendNanos = new long[n];
    // "<partition>@<offset>", set by the producer's callback (its I/O thread)
    AtomicReferenceArray<String> idOf = new AtomicReferenceArray<>(n);
    Map<String, Long> firstSeen = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    Map<String, Integer> tokensOf = new ConcurrentHashMap<>();
    ObjectMapper json = new ObjectMapper();
    int rejected = 0;
    long start = System.nanoTime();
    Process p = start(cmd, log);
    try (KafkaConsumer<String, String> consumer = consumer(bootstrap, out);
        KafkaProducer<String, String> producer = producer(bootstrap, 0)) {
      consumer.seekToEnd(consumer.assignment());
      consumer.assignment().forEach(consumer::position); // now, not at the first poll
      long offsetsBefore = endOffsets(consumer, out);
      int received = 0;
      // Warm-up: a record a second until one comes out; the job is then reading and committing.
      long warmDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      long nextWarm = 0;
      int warm = 0;
      boolean warmedUp = false;
      while (!warmedUp) {
        if (System.nanoTime() >= nextWarm) {
          producer.send(new ProducerRecord<>(in, "warm" + warm, lines.get(warm % lines.size())));
          warm++;
          nextWarm = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        }
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(100))) {
          warmedUp |= rec.key() != null && rec.key().startsWith("warm");
          received += rec.topic().endsWith("-rejected") ? 0 : 1;
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("the latency job ended early; see " + log);
        }
        if (System.nanoTime() > warmDeadline) {
          throw new IllegalStateException("the latency job wrote nothing in 3 minutes; see " + log);
        }
      }
      System.err.printf(
          "kafka: latency job warmed up %.1f s after start (%d warm-up records)%n",
          (System.nanoTime() - start) / 1e9, warm);
      long period = (long) (1e9 / rate);
      Thread sender =
          new Thread(
              () -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                  long due = t0 + i * period;
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  final int k = i;
                  String line = lines.get(i % lines.size());
                  sendNanos[k] = System.nanoTime();
                  producer.send(
                      new ProducerRecord<>(in, "lat" + k, line),
                      (md, e) -> {
                        if (md != null) {
                          String id = md.partition() + "@" + md.offset();
                          tokensOf.put(id, line.split(" ").length);
                          idOf.set(k, id);
                        }
                      });
                }
                producer.flush();
              },
              "kafka-bench-producer");
      sender.start();
      long exitedAt = 0;
      long drainUntil = Long.MAX_VALUE;
      long lastProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < drainUntil) {
        var records = consumer.poll(Duration.ofMillis(50));
        long now = System.nanoTime();
        if (!records.isEmpty()) {
          lastProgress = Math.max(lastProgress, now);
        }
        for (ConsumerRecord<String, String> rec : records) {
          if (rec.topic().endsWith("-rejected")) {
            rejected++;
            continue;
          }
          received++;
          String id = localId(json.readTree(rec.value()).get("id").asText(), in);
          if (count.merge(id, 1, Integer::sum) == 1) {
            firstSeen.put(id, now);
          }
        }
        if (exitedAt == 0 && !p.isAlive()) {
          exitedAt = System.nanoTime();
          drainUntil = exitedAt + TimeUnit.SECONDS.toNanos(2); // late duplicates, if any
        }
        if (now - lastProgress > STALL_NANOS) {
          throw new IllegalStateException(
              "the latency job wrote nothing for 5 minutes; see " + log);
        }
      }
      sender.join();
      double jobSeconds = (exitedAt - start) / 1e9;
      if (p.exitValue() != 0) {
        throw new IllegalStateException("the latency job exited " + p.exitValue() + "; see " + log);
      }
      List<Double> latencies = new ArrayList<>();
      int duplicates = 0;
      int missing = 0;
      long tokens = 0;
      for (int i = 0; i < n; i++) {
        String id = idOf.get(i);
        Long seenAt = id == null ? null : firstSeen.get(id);
        if (seenAt == null) {
          missing++;
          continue;
        }
        duplicates += count.get(id) - 1;
        tokens += tokensOf.get(id);
        latencies.add((seenAt - sendNanos[i]) / 1e9);
      }
      for (Map.Entry<String, Integer> c : count.entrySet()) { // warm-up records too
        if (!tokensOf.containsKey(c.getKey())) {
          duplicates += c.getValue() - 1;
        }
      }
      long transactions = endOffsets(consumer, out) - offsetsBefore - received;
      latencies.sort(null);
      if (latencies.isEmpty()) {
        throw new IllegalStateException("no paced record came out; see " + log);
      }
      return new Latency(
          n,
          tokens,
          rate,
          latencies.get((int) Math.floor(0.5 * (latencies.size() - 1))),
          latencies.get((int) Math.ceil(0.95 * (latencies.size() - 1))),
          latencies.get(latencies.size() - 1),
          duplicates,
          missing,
          rejected,
          received,
          transactions,
          jobSeconds);
    } finally {
      stop(p);
    }
  }

  /** The end offsets of {@code out}'s two partitions, summed: records and transaction markers. */
  private static long endOffsets(KafkaConsumer<String, String> consumer, String out) {
    return consumer
        .endOffsets(List.of(new TopicPartition(out, 0), new TopicPartition(out, 1)))
        .values()
        .stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** {@code in-0@17} (the topic's name, its partition, the offset) as {@code 0@17}. */
  private static String localId(String id, String topic) {
    return id.startsWith(topic + "-") ? id.substring(topic.length() + 1) : id;
  }

  private static boolean between(String line, int min, int max) {
    int n = line.split(" ").length;
    return n >= min && n <= max;
  }

  private static Process start(List<String> cmd, Path log) throws Exception {
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Ends a job still running (after a failure here); a job that ended is left alone. */
  private static void stop(Process p) throws InterruptedException {
    if (p.isAlive()) {
      p.destroy();
      if (!p.waitFor(1, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap, int lingerMillis) {
    Properties c = new Properties();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMillis));
    return new KafkaProducer<>(c);
  }

  /** Reads {@code out} and {@code out-rejected} from the start, committed records only. */
  private static KafkaConsumer<String, String> consumer(String bootstrap, String out) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
    List<TopicPartition> partitions =
        List.of(
            new TopicPartition(out, 0),
            new TopicPartition(out, 1),
            new TopicPartition(out + "-rejected", 0));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static void add(Map<String, List<Double>> series, String name, double value) {
    series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }
}
