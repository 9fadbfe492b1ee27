package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code pipelines/benchmark --streaming}: a watching job on the DirectRunner and on embedded Flink
 * while files are moved into its folder at a steady rate, next to the batch pipeline on the same
 * machine. Not a test. Per runner and repeat (medians reported):
 *
 * <ul>
 *   <li>batch on N/2 and on N files, whole processes: tokens/s of the N run, and the marginal rate
 *       (the extra tokens over the extra seconds), which leaves out the fixed start-up;
 *   <li>saturated, on N/2 and on N files offered faster than the batch pipeline tags ({@code
 *       --overload} times its marginal rate), so the job is busy from the first file on: the time
 *       from the first arrival to the last file's output being final, whole (N) and marginal (the
 *       extra tokens over the extra seconds, which leaves out the first poll and the last window's
 *       close as the batch marginal rate leaves out start-up);
 *   <li>paced: N files offered at {@code --load} times the marginal batch rate, under capacity:
 *       latency from a file's arrival to all its sentences being in final window files (p50, p95),
 *       against the target window + poll + 5 s.
 * </ul>
 */
final class StreamingBench {
  private StreamingBench() {}

  private static final long WINDOW_MILLIS = 5_000;
  private static final long POLL_MILLIS = 1_000;

  /** What one streaming run measured: seconds from the first arrival to the last file final. */
  record StreamRun(double wholeSeconds, double p50, double p95, List<Double> latencies) {}

  static void run(
      Path out,
      String jar,
      List<String> sentences,
      String heap,
      List<String> jvmFlags,
      int threads,
      int files,
      int sentencesPerFile,
      int repeats,
      double overload,
      double load,
      String runners,
      List<String> streamArgs)
      throws Exception {
    Files.createDirectories(out);
    List<String> chunk = new ArrayList<>();
    for (int i = 0; chunk.size() < sentencesPerFile; i++) {
      chunk.add(sentences.get(i % sentences.size()));
    }
    long tokensPerFile = chunk.stream().mapToLong(l -> l.split(" ").length).sum();
    int half = files / 2;
    long extraTokens = (files - half) * tokensPerFile;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", Benchmark.machine());
    result.put("files", files);
    result.put("tokensPerFile", tokensPerFile);
    result.put("repeats", repeats);
    result.put("overload", overload);
    result.put("load", load);
    result.put("windowMillis", WINDOW_MILLIS);
    result.put("pollMillis", POLL_MILLIS);
    result.put("streamArgs", streamArgs);
    double target = (WINDOW_MILLIS + POLL_MILLIS) / 1000.0 + 5;
    StringBuilder table =
        new StringBuilder(
            String.format(
                "medians of %d; %d files of %d tokens; saturated at %.2fx, paced at %.2fx the marginal"
                    + " batch rate%s%n%-7s %10s %10s %10s %10s %9s %9s %7s %7s %7s%n",
                repeats,
                files,
                tokensPerFile,
                overload,
                load,
                streamArgs.isEmpty() ? "" : "; stream " + streamArgs,
                "runner",
                "batch t/s",
                "marg t/s",
                "strm t/s",
                "s.marg t/s",
                "marg/marg",
                "whl/batch",
                "p50 s",
                "p95 s",
                "target"));
    for (String runner : runners.split(",")) {
      List<String> runnerArgs =
          runner.equals("flink") ? Benchmark.flinkArgs(threads) : Benchmark.directArgs(threads);
      Path base = out.resolve("streaming/" + runner);
      Benchmark.deleteRecursively(base);
      Path halfInput = Files.createDirectories(base.resolve("batch-half"));
      Path allInput = Files.createDirectories(base.resolve("batch-all"));
      for (int f = 0; f < files; f++) {
        Files.write(allInput.resolve("f" + f + ".tok"), chunk, StandardCharsets.UTF_8);
        if (f < half) {
          Files.write(halfInput.resolve("f" + f + ".tok"), chunk, StandardCharsets.UTF_8);
        }
      }
      List<String> streamRunnerArgs = new ArrayList<>(runnerArgs);
      streamRunnerArgs.addAll(streamArgs);
      Map<String, List<Double>> series = new LinkedHashMap<>();
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int r = 1; r <= repeats; r++) {
        double batchHalf =
            batch(jar, heap, jvmFlags, runnerArgs, halfInput, base, runner + " batch N/2");
        double batchAll =
            batch(jar, heap, jvmFlags, runnerArgs, allInput, base, runner + " batch N");
        double batchRate = files * tokensPerFile / batchAll;
        double marginal = extraTokens / (batchAll - batchHalf);
        long saturatedEvery = (long) (1000.0 * tokensPerFile / marginal / overload);
        StreamRun satHalf =
            stream(
                base.resolve("saturated-half"),
                jar,
                heap,
                jvmFlags,
                streamRunnerArgs,
                chunk,
                half,
                saturatedEvery);
        StreamRun satAll =
            stream(
                base.resolve("saturated"),
                jar,
                heap,
                jvmFlags,
                streamRunnerArgs,
                chunk,
                files,
                saturatedEvery);
        StreamRun paced =
            stream(
                base.resolve("paced"),
                jar,
                heap,
                jvmFlags,
                streamRunnerArgs,
                chunk,
                files,
                (long) (1000.0 * tokensPerFile / marginal / load));
        double streamRate = files * tokensPerFile / satAll.wholeSeconds();
        double streamMarginal = extraTokens / (satAll.wholeSeconds() - satHalf.wholeSeconds());
        System.err.printf(
            "repeat %d/%d %-6s batch %.0f t/s, marginal %.0f; saturated stream"
                + " %.0f t/s (%.3f of batch), marginal %.0f (%.3f of batch marginal); paced: p50"
                + " %.2f s, p95 %.2f s%n",
            r,
            repeats,
            runner,
            batchRate,
            marginal,
            streamRate,
            streamRate / batchRate,
            streamMarginal,
            streamMarginal / marginal,
            paced.p50(),
            paced.p95());
        add(series, "batch", batchRate);
        add(series, "marginal", marginal);
        add(series, "stream", streamRate);
        add(series, "streamMarginal", streamMarginal);
        add(series, "marginalRatio", streamMarginal / marginal);
        add(series, "wholeRatio", streamRate / batchRate);
        add(series, "p50", paced.p50());
        add(series, "p95", paced.p95());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("batchSecondsHalf", batchHalf);
        run.put("batchSeconds", batchAll);
        run.put("saturatedSecondsHalf", satHalf.wholeSeconds());
        run.put("saturatedSeconds", satAll.wholeSeconds());
        run.put("saturatedEveryMillis", saturatedEvery);
        run.put("pacedLatenciesSeconds", paced.latencies());
        runs.add(run);
      }
      Map<String, Double> median = new LinkedHashMap<>();
      series.forEach((k, v) -> median.put(k, Benchmark.median(v)));
      table.append(
          String.format(
              "%-7s %10.0f %10.0f %10.0f %10.0f %9.3f %9.3f %7.2f %7.2f %7.1f%n",
              runner,
              median.get("batch"),
              median.get("marginal"),
              median.get("stream"),
              median.get("streamMarginal"),
              median.get("marginalRatio"),
              median.get("wholeRatio"),
              median.get("p50"),
              median.get("p95"),
              target));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("medians", median);
      r.put("latencyTargetSeconds", target);
      r.put("runs", runs);
      result.put(runner, r);
    }
    System.out.print(table);
    result.put("table", table.toString());
    Path json = out.resolve("streaming.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    System.out.println("wrote " + json);
  }

  private static void add(Map<String, List<Double>> series, String name, double value) {
    series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  /** The batch pipeline on every file of {@code input}, a whole process: its wall seconds. */
  private static double batch(
      String jar,
      String heap,
      List<String> jvmFlags,
      List<String> runnerArgs,
      Path input,
      Path base,
      String what)
      throws Exception {
    Path outDir = base.resolve("batch-out");
    Benchmark.deleteRecursively(outDir);
    List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
    cmd.addAll(
        List.of(
            "-jar", jar, "--input=" + input + "/*.tok", "--output=" + outDir.resolve("tagged")));
    cmd.addAll(runnerArgs);
    return TimedProcess.run(cmd, base.resolve("batch.log"), what).wallSeconds();
  }

  /** A watching job while {@code files} files are moved in, one every {@code everyMillis}. */
  private static StreamRun stream(
      Path base,
      String jar,
      String heap,
      List<String> jvmFlags,
      List<String> runnerArgs,
      List<String> chunk,
      int files,
      long everyMillis)
      throws Exception {
    Benchmark.deleteRecursively(base);
    Path inbox = Files.createDirectories(base.resolve("inbox"));
    Path outDir = base.resolve("out");
    List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
    cmd.addAll(
        List.of(
            "-jar",
            jar,
            "--input=" + inbox + "/*.tok",
            "--output=" + outDir.resolve("tagged"),
            "--watchInput=" + POLL_MILLIS + "ms",
            "--window=" + WINDOW_MILLIS + "ms",
            "--stopAfterIdle=60s"));
    cmd.addAll(runnerArgs);
    Path log = base.resolve("stream.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    while (!Files.readString(log).contains("tagpipe: tagging")) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the streaming job failed; see " + log);
      }
      Thread.sleep(200);
    }
    Map<String, Long> arrived = new LinkedHashMap<>();
    Map<String, Long> done = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    Set<Path> read = new HashSet<>();
    // One file first, not measured: the job is then running, watching and warm (a stream's
    // latency and rate are what it does once up, as the batch marginal rate leaves start-up out).
    Path warmUp = base.resolve("warm-up.part");
    Files.write(warmUp, chunk, StandardCharsets.UTF_8);
    Files.move(warmUp, inbox.resolve("warm-up.tok"), StandardCopyOption.ATOMIC_MOVE);
    while (done.isEmpty()) {
      collect(outDir, read, seen, done, chunk.size());
      if (!p.isAlive()) {
        throw new IllegalStateException("the streaming job ended early; see " + log);
      }
      Thread.sleep(50);
    }
    done.clear();
    long next = System.currentTimeMillis();
    int dropped = 0;
    while (done.size() < files) {
      long now = System.currentTimeMillis();
      if (dropped < files && now >= next) {
        String name = "f" + dropped + ".tok";
        Path part = base.resolve(name + ".part");
        Files.write(part, chunk, StandardCharsets.UTF_8);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        arrived.put(inbox.resolve(name).toString(), System.currentTimeMillis());
        dropped++;
        next += everyMillis;
      }
      collect(outDir, read, seen, done, chunk.size());
      if (!p.isAlive()) {
        throw new IllegalStateException("the streaming job ended early; see " + log);
      }
      Thread.sleep(50);
    }
    p.destroy(); // measured: stopped now rather than after the idle time
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("the streaming job did not stop; see " + log);
    }
    if (p.exitValue() != 130 && p.exitValue() != 143) { // SIGTERM: the launcher or the JVM
      throw new IllegalStateException("the streaming job exited " + p.exitValue() + "; see " + log);
    }
    List<Double> latencies = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    for (Map.Entry<String, Long> a : arrived.entrySet()) {
      long finished = done.get(a.getKey());
      latencies.add((finished - a.getValue()) / 1000.0);
      first = Math.min(first, a.getValue());
      last = Math.max(last, finished);
    }
    latencies.sort(null);
    return new StreamRun(
        (last - first) / 1000.0,
        latencies.get((int) Math.floor(0.5 * (latencies.size() - 1))),
        latencies.get((int) Math.ceil(0.95 * (latencies.size() - 1))),
        latencies);
  }

  /** Reads window files that appeared since the last look; a file is done when all are in. */
  private static void collect(
      Path outDir,
      Set<Path> read,
      Map<String, Integer> seen,
      Map<String, Long> done,
      int sentencesPerFile)
      throws IOException {
    if (!Files.isDirectory(outDir)) {
      return;
    }
    List<Path> fresh;
    try (Stream<Path> files = Files.list(outDir)) {
      fresh =
          files
              .filter(
                  f ->
                      f.getFileName().toString().matches("tagged-\\d{4}-.*\\.jsonl")
                          && !read.contains(f))
              .toList();
    }
    long now = System.currentTimeMillis();
    for (Path f : fresh) {
      read.add(f);
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        // {"id":"/path/inbox/f3.tok:17",...}: the file is the id up to its last colon
        int start = line.indexOf("\"id\":\"") + 6;
        String id = line.substring(start, line.indexOf('"', start));
        String file = id.substring(0, id.lastIndexOf(':'));
        if (seen.merge(file, 1, Integer::sum) == sentencesPerFile) {
          done.put(file, now);
        }
      }
    }
  }
}
