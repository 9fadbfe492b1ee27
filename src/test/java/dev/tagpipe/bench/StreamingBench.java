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
 * {@code pipelines/benchmark --streaming}: a watching job on the DirectRunner and on embedded
 * Flink while files are moved into its folder at a steady rate, next to the batch pipeline on
 * the same machine. Not a test. Per runner and repeat (medians reported):
 *
 * <ul>
 *   <li>batch on N/2 and on N files, whole processes: tokens/s of the N run, and the marginal
 *       rate (extra tokens over extra seconds), which leaves the fixed start-up out;
 *   <li>saturated: N files offered faster than the batch pipeline tags ({@code --overload} times
 *       its marginal rate), so the job is never idle once the first file is in. Sustained
 *       tokens/s is the slope of tokens finished over time (least squares over each file's
 *       finish time), which leaves out the first poll and the last window's close as the
 *       marginal batch rate leaves out start-up; also reported whole (first arrival to last
 *       finish);
 *   <li>paced: files offered at {@code --load} times the marginal batch rate, under capacity:
 *       latency from a file's arrival to all its sentences being in final window files (p50,
 *       p95), against the target window + poll + 5 s.
 * </ul>
 */
final class StreamingBench {
  private StreamingBench() {}

  private static final long WINDOW_MILLIS = 5_000;
  private static final long POLL_MILLIS = 1_000;

  /** What one streaming run measured. */
  record StreamRun(double sustainedTokensPerSecond, double wholeTokensPerSecond, double p50,
      double p95, List<Double> latencies) {}

  static void run(Path out, String jar, List<String> sentences, String heap,
      List<String> jvmFlags, int threads, int files, int sentencesPerFile, int repeats,
      double overload, double load, String runners) throws Exception {
    Files.createDirectories(out);
    List<String> chunk = new ArrayList<>();
    for (int i = 0; chunk.size() < sentencesPerFile; i++) {
      chunk.add(sentences.get(i % sentences.size()));
    }
    long tokensPerFile = chunk.stream().mapToLong(l -> l.split(" ").length).sum();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", Benchmark.machine());
    result.put("files", files);
    result.put("tokensPerFile", tokensPerFile);
    result.put("repeats", repeats);
    result.put("overload", overload);
    result.put("load", load);
    result.put("windowMillis", WINDOW_MILLIS);
    result.put("pollMillis", POLL_MILLIS);
    double target = (WINDOW_MILLIS + POLL_MILLIS) / 1000.0 + 5;
    StringBuilder table = new StringBuilder(String.format(
        "medians of %d; %d files of %d tokens; saturated at %.2fx, paced at %.2fx the marginal"
            + " batch rate%n%-7s %11s %11s %11s %11s %8s %8s %8s %8s %8s%n", repeats, files,
        tokensPerFile, overload, load, "runner", "batch t/s", "marg. t/s", "stream t/s",
        "whole t/s", "sust/mar", "whl/bat", "p50 s", "p95 s", "target"));
    for (String runner : runners.split(",")) {
      List<String> runnerArgs = runner.equals("flink") ? Benchmark.flinkArgs(threads)
          : Benchmark.directArgs(threads);
      Path base = out.resolve("streaming/" + runner);
      Benchmark.deleteRecursively(base);
      Path half = Files.createDirectories(base.resolve("batch-half"));
      Path all = Files.createDirectories(base.resolve("batch-all"));
      for (int f = 0; f < files; f++) {
        Files.write(all.resolve("f" + f + ".tok"), chunk, StandardCharsets.UTF_8);
        if (f < files / 2) {
          Files.write(half.resolve("f" + f + ".tok"), chunk, StandardCharsets.UTF_8);
        }
      }
      List<Double> batchRates = new ArrayList<>();
      List<Double> marginalRates = new ArrayList<>();
      List<Double> sustainedRates = new ArrayList<>();
      List<Double> wholeRates = new ArrayList<>();
      List<Double> p50s = new ArrayList<>();
      List<Double> p95s = new ArrayList<>();
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int r = 1; r <= repeats; r++) {
        double halfWall = batch(jar, heap, jvmFlags, runnerArgs, half, base, runner + " batch N/2");
        double allWall = batch(jar, heap, jvmFlags, runnerArgs, all, base, runner + " batch N");
        double batchRate = files * tokensPerFile / allWall;
        double marginal = (files - files / 2) * tokensPerFile / (allWall - halfWall);
        double fileSeconds = tokensPerFile / marginal;
        StreamRun saturated = stream(base.resolve("saturated"), jar, heap, jvmFlags, runnerArgs,
            chunk, files, (long) (1000 * fileSeconds / overload), tokensPerFile);
        StreamRun paced = stream(base.resolve("paced"), jar, heap, jvmFlags, runnerArgs,
            chunk, files, (long) (1000 * fileSeconds / load), tokensPerFile);
        System.err.printf("repeat %d/%d %-6s batch %.0f t/s, marginal %.0f t/s; saturated:"
            + " sustained %.0f t/s (%.3f), whole %.0f t/s (%.3f); paced: p50 %.2f s, p95 %.2f s%n",
            r, repeats, runner, batchRate, marginal, saturated.sustainedTokensPerSecond(),
            saturated.sustainedTokensPerSecond() / marginal,
            saturated.wholeTokensPerSecond(), saturated.wholeTokensPerSecond() / batchRate,
            paced.p50(), paced.p95());
        batchRates.add(batchRate);
        marginalRates.add(marginal);
        sustainedRates.add(saturated.sustainedTokensPerSecond() / marginal);
        wholeRates.add(saturated.wholeTokensPerSecond() / batchRate);
        p50s.add(paced.p50());
        p95s.add(paced.p95());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("batchTokensPerSecond", Math.round(batchRate));
        run.put("marginalBatchTokensPerSecond", Math.round(marginal));
        run.put("sustainedStreamTokensPerSecond",
            Math.round(saturated.sustainedTokensPerSecond()));
        run.put("wholeStreamTokensPerSecond", Math.round(saturated.wholeTokensPerSecond()));
        run.put("saturatedLatenciesSeconds", saturated.latencies());
        run.put("pacedLatenciesSeconds", paced.latencies());
        runs.add(run);
      }
      double batch = Benchmark.median(batchRates);
      double marginal = Benchmark.median(marginalRates);
      double sustainedRatio = Benchmark.median(sustainedRates);
      double wholeRatio = Benchmark.median(wholeRates);
      double p50 = Benchmark.median(p50s);
      double p95 = Benchmark.median(p95s);
      double sustained = Benchmark.median(runs.stream()
          .map(m -> ((Long) m.get("sustainedStreamTokensPerSecond")).doubleValue()).toList());
      double whole = Benchmark.median(runs.stream()
          .map(m -> ((Long) m.get("wholeStreamTokensPerSecond")).doubleValue()).toList());
      table.append(String.format("%-7s %11.0f %11.0f %11.0f %11.0f %8.3f %8.3f %8.2f %8.2f %8.1f%n",
          runner, batch, marginal, sustained, whole, sustainedRatio, wholeRatio, p50, p95,
          target));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("medianSustainedOverMarginal", round(sustainedRatio));
      r.put("medianWholeOverBatch", round(wholeRatio));
      r.put("medianPacedLatencyP50Seconds", p50);
      r.put("medianPacedLatencyP95Seconds", p95);
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

  private static double round(double v) {
    return Math.round(1000 * v) / 1000.0;
  }

  /** The batch pipeline on every file of {@code input}, a whole process: its wall seconds. */
  private static double batch(String jar, String heap, List<String> jvmFlags,
      List<String> runnerArgs, Path input, Path base, String what) throws Exception {
    Path outDir = base.resolve("batch-out");
    Benchmark.deleteRecursively(outDir);
    List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
    cmd.addAll(List.of("-jar", jar, "--input=" + input + "/*.tok",
        "--output=" + outDir.resolve("tagged")));
    cmd.addAll(runnerArgs);
    return TimedProcess.run(cmd, base.resolve("batch.log"), what).wallSeconds();
  }

  /** A watching job while {@code files} files are moved in, one every {@code everyMillis}. */
  private static StreamRun stream(Path base, String jar, String heap, List<String> jvmFlags,
      List<String> runnerArgs, List<String> chunk, int files, long everyMillis,
      long tokensPerFile) throws Exception {
    Benchmark.deleteRecursively(base);
    Path inbox = Files.createDirectories(base.resolve("inbox"));
    Path outDir = base.resolve("out");
    List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
    cmd.addAll(List.of("-jar", jar, "--input=" + inbox + "/*.tok",
        "--output=" + outDir.resolve("tagged"), "--watchInput=" + POLL_MILLIS + "ms",
        "--window=" + WINDOW_MILLIS + "ms", "--stopAfterIdle=5s"));
    cmd.addAll(runnerArgs);
    Path log = base.resolve("stream.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    while (!Files.readString(log).contains("tagpipe: tagging")) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the streaming job failed; see " + log);
      }
      Thread.sleep(200);
    }
    Thread.sleep(3000); // the job is up and watching
    Map<String, Long> arrived = new LinkedHashMap<>();
    Map<String, Long> done = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    Set<Path> read = new HashSet<>();
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
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("the streaming job did not end by itself; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("the streaming job exited " + p.exitValue() + "; see " + log);
    }
    List<Double> latencies = new ArrayList<>();
    List<Long> finishes = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    for (Map.Entry<String, Long> a : arrived.entrySet()) {
      long finished = done.get(a.getKey());
      latencies.add((finished - a.getValue()) / 1000.0);
      finishes.add(finished);
      first = Math.min(first, a.getValue());
      last = Math.max(last, finished);
    }
    latencies.sort(null);
    finishes.sort(null);
    // Least squares of tokens finished (k files) over finish time: the sustained rate.
    double n = finishes.size();
    double mt = 0;
    double mk = 0;
    for (int k = 0; k < n; k++) {
      mt += (finishes.get(k) - first) / 1000.0 / n;
      mk += (k + 1) / n;
    }
    double stt = 0;
    double stk = 0;
    for (int k = 0; k < n; k++) {
      double t = (finishes.get(k) - first) / 1000.0 - mt;
      stt += t * t;
      stk += t * (k + 1 - mk);
    }
    double sustained = stk / stt * tokensPerFile;
    double whole = files * tokensPerFile / ((last - first) / 1000.0);
    return new StreamRun(sustained, whole,
        latencies.get((int) Math.floor(0.5 * (latencies.size() - 1))),
        latencies.get((int) Math.ceil(0.95 * (latencies.size() - 1))), latencies);
  }

  /** Reads window files that appeared since the last look; a file is done when all are in. */
  private static void collect(Path outDir, Set<Path> read, Map<String, Integer> seen,
      Map<String, Long> done, int sentencesPerFile) throws IOException {
    if (!Files.isDirectory(outDir)) {
      return;
    }
    List<Path> fresh;
    try (Stream<Path> files = Files.list(outDir)) {
      fresh = files.filter(f -> f.getFileName().toString().matches("tagged-\\d{4}-.*\\.jsonl")
          && !read.contains(f)).toList();
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
