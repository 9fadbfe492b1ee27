package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pipelines/benchmark --soak}: tags a large corpus (10 M tokens by default) in a 1 GB heap
 * on the DirectRunner and embedded Flink, one fresh JVM each, and shows whether memory stays flat:
 * resident set size sampled every 5 s, and the heap left after each garbage collection (from the
 * JVM's own GC log). Prints a table per runner; writes soak.json. Not a test.
 */
final class Soak {
  private Soak() {}

  private static final Pattern GC_LINE =
      Pattern.compile("\\[(\\d+\\.\\d+)s\\].*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  record Sample(double seconds, long rssMb, long heapAfterGcMb) {}

  static void run(
      Path out,
      String jar,
      List<String> corpusLines,
      String heap,
      List<String> jvmFlags,
      int threads,
      long tokens,
      String runners,
      boolean documents)
      throws Exception {
    Files.createDirectories(out);
    Path corpus = out.resolve(documents ? "soak-corpus.jsonl.zst" : "soak-corpus.tok");
    long written =
        documents ? writeDocuments(corpus, tokens) : writeCorpus(corpus, corpusLines, tokens);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", Benchmark.machine());
    result.put("jvmFlags", String.join(" ", heap, String.join(" ", jvmFlags)).trim());
    result.put("tokens", written);
    for (String runner : runners.split(",")) {
      List<String> runnerArgs =
          runner.equals("flink") ? Benchmark.flinkArgs(threads) : Benchmark.directArgs(threads);
      Path gcLog = out.resolve("soak-" + runner + "-gc.log");
      Files.deleteIfExists(gcLog);
      Path tagged = out.resolve("soak-runs/" + runner + "/tagged");
      Benchmark.deleteRecursively(tagged.getParent());
      List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
      cmd.add("-Xlog:gc:file=" + gcLog);
      cmd.addAll(List.of("-jar", jar, "--input=" + corpus, "--output=" + tagged));
      cmd.addAll(runnerArgs);
      if (documents) {
        cmd.addAll(List.of("--inputFormat=jsonl", "--outputFormat=documents"));
      }
      System.err.println("soak: " + runner + ", " + written + " tokens ...");
      List<Sample> samples = sample(cmd, out.resolve("soak-" + runner + ".log"), gcLog);
      result.put(runner, report(runner, samples));
    }
    Path json = out.resolve("soak.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    System.out.println("wrote " + json);
  }

  private static long writeCorpus(Path file, List<String> lines, long tokens) throws IOException {
    long written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (written < tokens) {
        for (String line : lines) {
          w.write(line);
          w.write('\n');
          written += line.split(" ").length;
        }
      }
    }
    return written;
  }

  /**
   * EWT dev's documents as JSON Lines records, again and again with new ids, zstd-compressed: about
   * {@code tokens} tokens (counted as whitespace-separated words).
   */
  private static long writeDocuments(Path file, long tokens) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> texts = dev.tagpipe.EwtDocuments.texts();
    long written = 0;
    try (java.io.Writer w =
        new java.io.OutputStreamWriter(
            new com.github.luben.zstd.ZstdOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(file))),
            StandardCharsets.UTF_8)) {
      for (int copy = 0; written < tokens; copy++) {
        for (Map.Entry<String, String> doc : texts.entrySet()) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("id", copy + "-" + doc.getKey());
          r.put("meta", Map.of("copy", copy));
          r.put("text", doc.getValue());
          w.write(json.writeValueAsString(r));
          w.write('\n');
          written += doc.getValue().split("\\s+").length;
        }
      }
    }
    return written;
  }

  /** Runs the job, sampling its RSS every 5 s; pairs each sample with the last GC before it. */
  private static List<Sample> sample(List<String> cmd, Path log, Path gcLog) throws Exception {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long start = System.nanoTime();
    List<double[]> rss = new ArrayList<>(); // seconds, MB
    while (!p.waitFor(5, TimeUnit.SECONDS)) {
      rss.add(new double[] {(System.nanoTime() - start) / 1e9, rssKb(p.pid()) / 1024.0});
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("the soak run failed; see " + log);
    }
    List<double[]> gcs = new ArrayList<>(); // JVM uptime, heap after GC (MB)
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_LINE.matcher(line);
      if (m.find()) {
        gcs.add(new double[] {Double.parseDouble(m.group(1)), Long.parseLong(m.group(3))});
      }
    }
    List<Sample> samples = new ArrayList<>();
    for (double[] r : rss) {
      long after = -1;
      for (double[] gc : gcs) {
        if (gc[0] <= r[0]) {
          after = (long) gc[1];
        }
      }
      samples.add(new Sample(r[0], Math.round(r[1]), after));
    }
    return samples;
  }

  private static Map<String, Object> report(String runner, List<Sample> samples) {
    System.out.printf("%n%s: seconds, RSS MB, heap after the last GC MB%n", runner);
    for (Sample s : samples) {
      System.out.printf("%8.0f %8d %8d%n", s.seconds(), s.rssMb(), s.heapAfterGcMb());
    }
    List<Sample> withGc = samples.stream().filter(s -> s.heapAfterGcMb() >= 0).toList();
    int third = Math.max(1, withGc.size() / 3);
    double early =
        Benchmark.median(
            withGc.subList(0, third).stream().map(s -> (double) s.heapAfterGcMb()).toList());
    double late =
        Benchmark.median(
            withGc.subList(withGc.size() - third, withGc.size()).stream()
                .map(s -> (double) s.heapAfterGcMb())
                .toList());
    long peakRss = samples.stream().mapToLong(Sample::rssMb).max().orElse(0);
    boolean flat = late <= early * 1.1 + 32;
    System.out.printf(
        "%s: peak RSS %d MB; heap after GC, median of the first third %.0f MB, of"
            + " the last third %.0f MB: %s%n",
        runner, peakRss, early, late, flat ? "flat" : "GROWING");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("peakRssMb", peakRss);
    r.put("heapAfterGcFirstThirdMb", early);
    r.put("heapAfterGcLastThirdMb", late);
    r.put("flat", flat);
    r.put("samples", samples);
    return r;
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // exited between polls
    }
    return 0;
  }
}
