package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's fixed overhead goes, layer by layer: each row is a fresh JVM (same flags as every
 * benchmark run) that does one layer more than the row above, timed whole, median of n. The
 * difference between the last rows and the main benchmark's fixed overhead (its intercept) is
 * warm-up: the first sentences are tagged before the JIT has compiled the tagger.
 *
 * <p>Run it with {@code pipelines/benchmark --startup}; it is not a test.
 */
final class StartupBreakdown {
  private StartupBreakdown() {}

  /** Does nothing: the cost of starting a JVM on the bundled jar. */
  static final class EmptyMain {
    public static void main(String[] args) {}
  }

  record Layer(String name, String what, List<String> args) {}

  static void run(
      Path out,
      String jar,
      String classpath,
      String heap,
      List<String> jvmFlags,
      int threads,
      int repeats)
      throws Exception {
    Path oneSentence = out.resolve("one-sentence.tok");
    Files.createDirectories(out);
    Files.writeString(
        oneSentence, "The quick brown fox jumps over the lazy dog .\n", StandardCharsets.UTF_8);
    Path runs = out.resolve("startup-runs");
    List<String> direct = Benchmark.directArgs(threads);
    List<String> flink = Benchmark.flinkArgs(threads);
    List<Layer> layers =
        List.of(
            new Layer(
                "jvm",
                "a JVM that runs an empty main on the bundled jar",
                List.of("-cp", classpath, EmptyMain.class.getName())),
            new Layer(
                "raw-model",
                "+ load the model and tag one sentence (raw MaxentTagger)",
                List.of(
                    "-cp", classpath, RawTaggerBench.class.getName(), oneSentence.toString(), "1")),
            new Layer(
                "beam-noop-direct",
                "a one-element Beam job on the DirectRunner",
                concat(List.of("-cp", classpath, NoopPipeline.class.getName()), direct)),
            new Layer(
                "beam-noop-flink",
                "a one-element Beam job on embedded Flink",
                concat(List.of("-cp", classpath, NoopPipeline.class.getName()), flink)),
            new Layer(
                "tagpipe-1-direct",
                "this pipeline on one sentence, DirectRunner",
                concat(List.of("-jar", jar, "--input=" + oneSentence), direct)),
            new Layer(
                "tagpipe-1-flink",
                "this pipeline on one sentence, embedded Flink",
                concat(List.of("-jar", jar, "--input=" + oneSentence), flink)));

    Map<String, List<Double>> walls = new LinkedHashMap<>();
    for (int r = 1; r <= repeats; r++) {
      for (Layer layer : layers) { // interleaved, so drift in the machine hits all alike
        List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
        cmd.addAll(layer.args());
        if (layer.name().startsWith("tagpipe")) {
          Path tagged = runs.resolve(layer.name() + "-" + r + "/tagged");
          Benchmark.deleteRecursively(tagged.getParent());
          cmd.add("--output=" + tagged.toAbsolutePath());
        }
        double wall =
            TimedProcess.run(cmd, runs.resolve(layer.name() + "-" + r + ".log"), layer.name())
                .wallSeconds();
        walls.computeIfAbsent(layer.name(), k -> new ArrayList<>()).add(wall);
        System.err.printf("repeat %d/%d  %-17s %6.2f s%n", r, repeats, layer.name(), wall);
      }
    }

    StringBuilder table =
        new StringBuilder(
            String.format("%-17s %9s  %s%n", "layer", "median s", "what the JVM does"));
    Map<String, Object> rows = new LinkedHashMap<>();
    for (Layer layer : layers) {
      double median = Benchmark.median(walls.get(layer.name()));
      table.append(String.format("%-17s %9.2f  %s%n", layer.name(), median, layer.what()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("what", layer.what());
      row.put("medianWallSeconds", millis(median));
      row.put(
          "wallSecondsAll",
          walls.get(layer.name()).stream().map(StartupBreakdown::millis).toList());
      rows.put(layer.name(), row);
    }
    System.out.print(table);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", Benchmark.machine());
    result.put("jvmFlags", String.join(" ", heap, String.join(" ", jvmFlags)).trim());
    result.put("parallelism", threads);
    result.put("repeats", repeats);
    result.put("layers", rows);
    result.put("table", table.toString());
    Path json = out.resolve("startup.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    System.out.println("wrote " + json);
  }

  /** Seconds rounded to the millisecond, for the JSON. */
  private static double millis(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
