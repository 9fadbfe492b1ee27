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
 * Flink while files are moved into its folder at a steady rate. Reports the sustained throughput
 * (tokens of all files over the time from the first file's arrival to the last file's output
 * being final) next to the batch pipeline's on the same files, and the latency from a file's
 * arrival to the moment all its sentences are in final window files (p50, p95). Not a test.
 */
final class StreamingBench {
  private StreamingBench() {}

  static void run(Path out, String jar, List<String> sentences, String heap,
      List<String> jvmFlags, int threads, int files, int sentencesPerFile, long everyMillis,
      String runners) throws Exception {
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
    result.put("everyMillis", everyMillis);
    long window = 5_000;
    long poll = 1_000;
    result.put("windowMillis", window);
    result.put("pollMillis", poll);
    StringBuilder table = new StringBuilder(String.format(
        "%-8s %14s %14s %7s %9s %9s %9s%n", "runner", "batch tok/s", "stream tok/s", "ratio",
        "p50 s", "p95 s", "target s"));
    for (String runner : runners.split(",")) {
      List<String> runnerArgs = runner.equals("flink") ? Benchmark.flinkArgs(threads)
          : Benchmark.directArgs(threads);
      Path base = out.resolve("streaming/" + runner);
      Benchmark.deleteRecursively(base);
      Path all = Files.createDirectories(base.resolve("batch-input"));
      for (int f = 0; f < files; f++) {
        Files.write(all.resolve("f" + f + ".tok"), chunk, StandardCharsets.UTF_8);
      }
      // The batch pipeline on the same files, as a whole process.
      List<String> batch = Benchmark.javaCommand(heap, jvmFlags);
      batch.addAll(List.of("-jar", jar, "--input=" + all + "/*.tok",
          "--output=" + base.resolve("batch-out/tagged")));
      batch.addAll(runnerArgs);
      double batchWall = TimedProcess.run(batch, base.resolve("batch.log"), runner + " batch")
          .wallSeconds();
      double batchRate = files * tokensPerFile / batchWall;

      Path inbox = Files.createDirectories(base.resolve("inbox"));
      Path outDir = base.resolve("out");
      List<String> stream = Benchmark.javaCommand(heap, jvmFlags);
      stream.addAll(List.of("-jar", jar, "--input=" + inbox + "/*.tok",
          "--output=" + outDir.resolve("tagged"), "--watchInput=" + poll + "ms",
          "--window=" + window + "ms", "--stopAfterIdle=20s"));
      stream.addAll(runnerArgs);
      Path log = base.resolve("stream.log");
      Process p = new ProcessBuilder(stream).redirectErrorStream(true)
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
        collect(outDir, read, seen, done, sentencesPerFile);
        if (!p.isAlive()) {
          throw new IllegalStateException("the streaming job ended early; see " + log);
        }
        Thread.sleep(100);
      }
      p.waitFor(2, TimeUnit.MINUTES);
      p.destroyForcibly();
      List<Double> latencies = new ArrayList<>();
      long first = Long.MAX_VALUE;
      long last = 0;
      for (Map.Entry<String, Long> a : arrived.entrySet()) {
        long finished = done.get(a.getKey());
        latencies.add((finished - a.getValue()) / 1000.0);
        first = Math.min(first, a.getValue());
        last = Math.max(last, finished);
      }
      double streamRate = files * tokensPerFile / ((last - first) / 1000.0);
      latencies.sort(null);
      double p50 = latencies.get((int) Math.floor(0.5 * (latencies.size() - 1)));
      double p95 = latencies.get((int) Math.ceil(0.95 * (latencies.size() - 1)));
      double target = (window + poll) / 1000.0 + 5;
      table.append(String.format("%-8s %14.0f %14.0f %7.3f %9.2f %9.2f %9.1f%n", runner,
          batchRate, streamRate, streamRate / batchRate, p50, p95, target));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("batchTokensPerSecond", Math.round(batchRate));
      r.put("streamTokensPerSecond", Math.round(streamRate));
      r.put("ratio", Math.round(1000 * streamRate / batchRate) / 1000.0);
      r.put("latencyP50Seconds", p50);
      r.put("latencyP95Seconds", p95);
      r.put("latencyTargetSeconds", target);
      r.put("latenciesSeconds", latencies);
      result.put(runner, r);
    }
    System.out.print(table);
    result.put("table", table.toString());
    Path json = out.resolve("streaming.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    System.out.println("wrote " + json);
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
