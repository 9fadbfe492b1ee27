package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The pipeline against the raw tagger's limit, side by side in one run, on the same generated
 * corpus (EWT dev+test gold tokens repeated). Every measurement is a fresh JVM, timed whole: JVM
 * start, model load, job set-up and tagging. Per runner: median wall time per size, tokens/s,
 * marginal throughput (1 / slope of wall time over tokens) and fixed overhead (intercept), each
 * compared to raw MaxentTagger on as many threads. Prints a table; writes benchmark.json and
 * benchmark.png. Run it with {@code pipelines/benchmark}; it is not a test. With {@code --startup}
 * it runs {@link StartupBreakdown} instead, with {@code --kafka} {@link KafkaBench}, with {@code
 * --kernel} {@link KernelBench}.
 *
 * <p>{@code --taggers=kernel,corenlp} runs every runner once per tagger (the pipeline with {@code
 * --tagger=X}; the raw process as {@link RawTaggerBench} for corenlp, {@link KernelBench.RawKernel}
 * for the kernel), rows named {@code direct/kernel-2} and so on. Every row is compared with the raw
 * MaxentTagger process. Without the option the rows are those of the pipeline's default tagger and
 * keep their old names ({@code raw-2}, {@code direct-2}), so earlier benchmark.json files compare.
 */
public final class Benchmark {
  private Benchmark() {}

  /**
   * One way of tagging the corpus, measured as a separate process: the raw tagger's {@code rawMain}
   * class, or (null) the pipeline's jar with {@code extraArgs}; {@code limit} names the raw
   * MaxentTagger row it is compared with.
   */
  record Config(
      String name,
      int threads,
      String rawMain,
      List<String> extraArgs,
      String tagger,
      String limit) {
    /** A pipeline row (raw false) or the raw MaxentTagger process, as before taggers. */
    Config(String name, int threads, boolean raw, List<String> extraArgs) {
      this(
          name,
          threads,
          raw ? RawTaggerBench.class.getName() : null,
          extraArgs,
          null,
          "raw-" + threads);
    }

    boolean raw() {
      return rawMain != null;
    }
  }

  record Measurement(
      String config, int size, long tokens, double wallSeconds, long peakRssKb, long loadMillis) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    List<String> jvmFlags = new ArrayList<>(); // --jvmFlag=F, repeatable: from pipelines/benchmark
    for (String a : args) {
      if (a.startsWith("--jvmFlag=")) {
        jvmFlags.add(a.substring("--jvmFlag=".length()));
      } else if (a.startsWith("--") && a.contains("=")) {
        opt.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else if (a.startsWith("--")) {
        opt.put(a.substring(2), "true"); // a bare switch: --startup
      } else {
        System.err.println(
            "benchmark: not an option: '"
                + a
                + "' (expected --name=value or"
                + " --startup); see the comment at the top of pipelines/benchmark");
        System.exit(2);
      }
    }
    Path root = Path.of(opt.getOrDefault("projectDir", "."));
    Path out = Path.of(opt.getOrDefault("out", "target/benchmark"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "3"));
    int threads =
        Integer.parseInt(
            opt.getOrDefault(
                "threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    String heap = opt.getOrDefault("heap", "-Xmx1g");
    if (Boolean.parseBoolean(opt.getOrDefault("streaming", "false"))) {
      StreamingBench.run(
          out,
          required(opt, "jar"),
          ewtSentenceLines(root),
          heap,
          jvmFlags,
          threads,
          Integer.parseInt(opt.getOrDefault("files", "100")),
          Integer.parseInt(opt.getOrDefault("sentencesPerFile", "1000")),
          repeats,
          Double.parseDouble(opt.getOrDefault("overload", "1.3")),
          Double.parseDouble(opt.getOrDefault("load", "0.6")),
          opt.getOrDefault("runners", "direct,flink"),
          opt.containsKey("streamArgs") ? List.of(opt.get("streamArgs").split(" ")) : List.of());
      return;
    }
    if (Boolean.parseBoolean(opt.getOrDefault("kafka", "false"))) {
      KafkaBench.run(
          root,
          out,
          required(opt, "jar"),
          required(opt, "classpath"),
          ewtSentenceLines(root),
          heap,
          jvmFlags,
          threads,
          Integer.parseInt(opt.getOrDefault("copies", "5")),
          repeats,
          Double.parseDouble(opt.getOrDefault("rate", "200")),
          Integer.parseInt(opt.getOrDefault("seconds", "40")));
      return;
    }
    if (Boolean.parseBoolean(opt.getOrDefault("soak", "false"))) {
      Soak.run(
          out,
          required(opt, "jar"),
          ewtSentenceLines(root),
          heap,
          jvmFlags,
          threads,
          Long.parseLong(opt.getOrDefault("tokens", "10000000")),
          opt.getOrDefault("runners", "direct,flink"),
          Boolean.parseBoolean(opt.getOrDefault("documents", "false")));
      return;
    }
    if (Boolean.parseBoolean(opt.getOrDefault("documents", "false"))) {
      DocumentsBench.run(
          out,
          required(opt, "jar"),
          heap,
          jvmFlags,
          threads,
          Integer.parseInt(opt.getOrDefault("copies", "8")),
          repeats,
          opt.getOrDefault("runners", "direct,flink"));
      return;
    }
    if (Boolean.parseBoolean(opt.getOrDefault("languages", "false"))) {
      LanguagesBench.run(
          root,
          out,
          required(opt, "jar"),
          opt.getOrDefault("heap", "-Xmx2g"),
          jvmFlags,
          threads,
          Integer.parseInt(opt.getOrDefault("copies", "4")),
          repeats,
          opt.getOrDefault("runners", "direct,flink"));
      return;
    }
    if (Boolean.parseBoolean(opt.getOrDefault("kernel", "false"))) {
      KernelBench.run(
          root,
          out,
          Integer.parseInt(opt.getOrDefault("repeats", "5")),
          Integer.parseInt(opt.getOrDefault("copies", "4")),
          Integer.parseInt(opt.getOrDefault("threads", "2")),
          Long.parseLong(opt.getOrDefault("tokens", "20000000")),
          Long.parseLong(opt.getOrDefault("seed", "42")));
      return;
    }
    if (Boolean.parseBoolean(opt.getOrDefault("textParse", "false"))) {
      dev.tagpipe.io.TextParseBench.run(
          repeats, Integer.parseInt(opt.getOrDefault("copies", "20")));
      return;
    }
    if (Boolean.parseBoolean(opt.getOrDefault("startup", "false"))) {
      StartupBreakdown.run(
          out, required(opt, "jar"), required(opt, "classpath"), heap, jvmFlags, threads, repeats);
      return;
    }
    List<Integer> sizes = new ArrayList<>();
    for (String s : opt.getOrDefault("sizes", "1,4,16,32").split(",")) {
      sizes.add(Integer.parseInt(s.trim()));
    }
    String runners = opt.getOrDefault("runners", "raw,direct,flink");
    String cluster = opt.get("flinkMaster");
    String jar = required(opt, "jar"); // the bundled jar: every pipeline run is `java -jar` it
    // The bundled jar plus these benchmark classes: for the raw tagger's JVM (same class archive)
    String classpath = required(opt, "classpath");

    Files.createDirectories(out);
    Map<Integer, Path> corpus = writeCorpus(root, out, sizes);

    boolean single = Boolean.parseBoolean(opt.getOrDefault("singleThread", "true"));
    // null: the option not given, so the old rows (pipeline default tagger, old names)
    List<String> taggers =
        opt.containsKey("taggers") ? List.of(opt.get("taggers").split(",")) : null;
    List<Config> configs = new ArrayList<>();
    for (int p : single ? new int[] {1, threads} : new int[] {threads}) {
      configs.addAll(configs(p, runners, cluster, taggers));
      if (threads == 1) {
        break;
      }
    }

    List<Measurement> all = new ArrayList<>();
    for (int r = 1; r <= repeats; r++) {
      for (int size : sizes) {
        for (Config c : configs) { // interleaved, so drift in the machine hits all alike
          Measurement m = measure(c, size, corpus.get(size), jar, classpath, heap, jvmFlags, out);
          all.add(m);
          System.err.printf(
              "repeat %d/%d  %-16s %3dx  %8d tokens  %7.2f s  %6.0f tokens/s%n",
              r,
              repeats,
              c.name(),
              size,
              m.tokens(),
              m.wallSeconds(),
              m.tokens() / m.wallSeconds());
        }
      }
    }
    report(configs, sizes, all, threads, repeats, out, heap, jvmFlags);
  }

  /**
   * The rows at parallelism p: per runner, one per tagger ({@code taggers} null: one, the
   * pipeline's default tagger, named as before there were taggers to choose). The raw MaxentTagger
   * process comes first, as the limit of every row.
   */
  static List<Config> configs(int p, String runners, String cluster, List<String> taggers) {
    List<Config> configs = new ArrayList<>();
    String limit = taggers == null ? "raw-" + p : "raw/corenlp-" + p;
    if (runners.contains("raw")) {
      configs.add(
          new Config(
              limit,
              p,
              RawTaggerBench.class.getName(),
              List.of(),
              taggers == null ? null : "corenlp",
              limit));
      if (taggers != null && taggers.contains("kernel")) {
        configs.add(
            new Config(
                "raw/kernel-" + p,
                p,
                KernelBench.RawKernel.class.getName(),
                List.of(),
                "kernel",
                limit));
      }
    }
    Map<String, List<String>> pipelines = new LinkedHashMap<>();
    if (runners.contains("direct")) {
      pipelines.put("direct", directArgs(p));
    }
    if (runners.contains("flink")) {
      pipelines.put("flink", flinkArgs(p));
    }
    if (cluster != null) {
      pipelines.put(
          "flink-cluster",
          List.of("--runner=FlinkRunner", "--flinkMaster=" + cluster, "--parallelism=" + p));
    }
    for (Map.Entry<String, List<String>> runner : pipelines.entrySet()) {
      if (taggers == null) {
        configs.add(new Config(runner.getKey() + "-" + p, p, null, runner.getValue(), null, limit));
        continue;
      }
      for (String tagger : taggers) {
        List<String> args = new ArrayList<>(runner.getValue());
        args.add("--tagger=" + tagger);
        configs.add(
            new Config(runner.getKey() + "/" + tagger + "-" + p, p, null, args, tagger, limit));
      }
    }
    return configs;
  }

  /** EWT dev + test gold tokens, one sentence per line. */
  static List<String> ewtSentenceLines(Path root) throws IOException {
    List<String> base = new ArrayList<>();
    List<List<String>> treebanks =
        List.of(
            testResourceLines("/ewt/en_ewt-ud-dev.conllu"),
            Files.readAllLines(
                root.resolve("pipelines/sample/en_ewt-ud-test.conllu"), StandardCharsets.UTF_8));
    for (List<String> conllu : treebanks) {
      StringBuilder sentence = new StringBuilder();
      for (String line : conllu) {
        if (line.isBlank()) {
          if (sentence.length() > 0) {
            base.add(sentence.toString());
          }
          sentence.setLength(0);
        } else if (!line.startsWith("#")) {
          String[] cols = line.split("\t");
          if (cols[0].matches("\\d+")) {
            sentence.append(sentence.length() > 0 ? " " : "").append(cols[1]);
          }
        }
      }
    }
    return base;
  }

  /** The EWT sentences repeated k times per size, one file per size. */
  static Map<Integer, Path> writeCorpus(Path root, Path out, List<Integer> sizes)
      throws IOException {
    List<String> base = ewtSentenceLines(root);
    Map<Integer, Path> files = new TreeMap<>();
    for (int size : sizes) {
      Path f = out.resolve("corpus-" + size + "x.tok");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        lines.addAll(base);
      }
      Files.write(f, lines, StandardCharsets.UTF_8);
      files.put(size, f);
    }
    return files;
  }

  static Measurement measure(
      Config c,
      int size,
      Path corpus,
      String jar,
      String classpath,
      String heap,
      List<String> jvmFlags,
      Path out)
      throws Exception {
    List<String> cmd = javaCommand(heap, jvmFlags); // raw gets the flags too
    Path runOut = out.resolve("runs/" + c.name() + "-" + size + "x/tagged");
    if (c.raw()) {
      cmd.addAll(
          List.of("-cp", classpath, c.rawMain(), corpus.toString(), String.valueOf(c.threads())));
    } else {
      deleteRecursively(runOut.getParent());
      cmd.addAll(
          List.of(
              "-jar",
              jar,
              "--input=" + corpus.toAbsolutePath(),
              "--output=" + runOut.toAbsolutePath()));
      cmd.addAll(c.extraArgs());
    }
    Path log = out.resolve("runs/" + c.name() + "-" + size + "x.log");
    TimedProcess.Result run = TimedProcess.run(cmd, log, c.name());
    ObjectMapper json = new ObjectMapper();
    long tokens;
    long loadMillis;
    if (c.raw()) {
      String last =
          Files.readAllLines(log).stream()
              .filter(l -> l.startsWith("{"))
              .reduce((a, b) -> b)
              .orElseThrow();
      JsonNode r = json.readTree(last);
      tokens = r.get("tokens").asLong();
      loadMillis = r.get("loadMillis").asLong();
    } else {
      JsonNode s = json.readTree(Path.of(runOut + "-summary.json").toFile());
      tokens = s.get("tokens").asLong();
      warnIfNotAllTaggedBy(c, s);
      loadMillis =
          s.get("taggerLoads").asLong() == 0
              ? 0
              : s.get("taggerLoadMillis").asLong() / s.get("taggerLoads").asLong();
    }
    return new Measurement(c.name(), size, tokens, run.wallSeconds(), run.peakRssKb(), loadMillis);
  }

  /**
   * The summary's sentences per tagger: a row for one tagger must not be (partly) another's, as
   * when the kernel leaves a model it cannot tag to MaxentTagger.
   */
  private static void warnIfNotAllTaggedBy(Config c, JsonNode summary) {
    JsonNode taggedBy = summary.get("taggers");
    if (c.tagger() == null || taggedBy == null) {
      return;
    }
    taggedBy
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals(c.tagger()) && taggedBy.get(name).asLong() > 0) {
                System.err.println(
                    "benchmark: WARNING: " + c.name() + " was partly tagged by " + taggedBy);
              }
            });
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static void report(
      List<Config> configs,
      List<Integer> sizes,
      List<Measurement> all,
      int threads,
      int repeats,
      Path out,
      String heap,
      List<String> jvmFlags)
      throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", machine());
    result.put("jvmFlags", String.join(" ", heap, String.join(" ", jvmFlags)).trim());
    result.put("repeats", repeats);
    Map<String, double[]> fits = new LinkedHashMap<>();
    Map<String, Object> perConfig = new LinkedHashMap<>();
    XYSeriesCollection chartData = new XYSeriesCollection();
    for (Config c : configs) {
      List<double[]> points = new ArrayList<>(); // tokens, median wall
      List<Map<String, Object>> rows = new ArrayList<>();
      XYSeries series = new XYSeries(c.name());
      for (int size : sizes) {
        List<Measurement> ms =
            all.stream().filter(m -> m.config().equals(c.name()) && m.size() == size).toList();
        double wall = median(ms.stream().map(Measurement::wallSeconds).toList());
        long tokens = ms.get(0).tokens();
        long rss = ms.stream().mapToLong(Measurement::peakRssKb).max().orElse(0);
        double load = median(ms.stream().map(m -> (double) m.loadMillis()).toList());
        points.add(new double[] {tokens, wall});
        series.add(tokens, tokens / wall);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("size", size);
        row.put("tokens", tokens);
        row.put("medianWallSeconds", round(wall));
        row.put("tokensPerSecond", Math.round(tokens / wall));
        row.put("peakRssMb", rss / 1024);
        row.put("modelLoadMillis", Math.round(load));
        row.put("wallSecondsAll", ms.stream().map(m -> round(m.wallSeconds())).toList());
        rows.add(row);
      }
      chartData.addSeries(series);
      fits.put(c.name(), fit(points));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("sizes", rows);
      perConfig.put(c.name(), entry);
    }
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%-22s %9s %9s %10s %8s %9s %8s %7s%n",
            "runner",
            "marginal",
            "vs limit",
            "fixed (s)",
            "load ms",
            "big t/s",
            "vs limit",
            "RSS MB"));
    int largest = sizes.get(sizes.size() - 1);
    for (Config c : configs) {
      double[] f = fits.get(c.name());
      double marginal = 1 / f[1];
      String limitName = c.limit();
      double limit = fits.containsKey(limitName) ? 1 / fits.get(limitName)[1] : Double.NaN;
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> rows =
          (List<Map<String, Object>>) ((Map<String, Object>) perConfig.get(c.name())).get("sizes");
      Map<String, Object> big = rows.get(rows.size() - 1);
      Map<String, Object> limitBig =
          fits.containsKey(limitName)
              ? ((List<Map<String, Object>>)
                      ((Map<String, Object>) perConfig.get(limitName)).get("sizes"))
                  .get(rows.size() - 1)
              : null;
      double bigTps = ((Number) big.get("tokensPerSecond")).doubleValue();
      double bigRatio =
          limitBig == null
              ? Double.NaN
              : bigTps / ((Number) limitBig.get("tokensPerSecond")).doubleValue();
      long rss =
          rows.stream().mapToLong(r -> ((Number) r.get("peakRssMb")).longValue()).max().orElse(0);
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) perConfig.get(c.name());
      entry.put("marginalTokensPerSecond", Math.round(marginal));
      entry.put("marginalVsLimit", round(marginal / limit));
      entry.put("fixedOverheadSeconds", round(f[0]));
      entry.put("limit", limitName);
      if (c.tagger() != null) {
        entry.put("tagger", c.tagger());
      }
      table.append(
          String.format(
              "%-22s %9.0f %9.3f %10.2f %8s %9.0f %8.3f %7d%n",
              c.name(),
              marginal,
              marginal / limit,
              f[0],
              big.get("modelLoadMillis"),
              bigTps,
              bigRatio,
              rss));
    }
    result.put("runners", perConfig);
    String title =
        String.format(
            "tagpipe benchmark: %d cores, %s; medians of %d; largest %dx",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            repeats,
            largest);
    System.out.println(title);
    System.out.print(table);
    result.put("table", table.toString());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("benchmark.json").toFile(), result);
    chart(chartData, title, out.resolve("benchmark.png"));
    System.out.println(
        "wrote " + out.resolve("benchmark.json") + " and " + out.resolve("benchmark.png"));
  }

  /**
   * The pipeline's arguments for the DirectRunner at parallelism p (RunnerPolicy does the rest).
   */
  static List<String> directArgs(int p) {
    return List.of("--runner=DirectRunner", "--targetParallelism=" + p);
  }

  private static String required(Map<String, String> opt, String name) {
    String value = opt.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + "= is required; run pipelines/benchmark");
    }
    return value;
  }

  /** A file of this source tree's test resources (on the benchmark's classpath). */
  private static List<String> testResourceLines(String resource) throws IOException {
    try (var in = Benchmark.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is not on the classpath; run pipelines/benchmark");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** The pipeline's arguments for embedded Flink at parallelism p. */
  static List<String> flinkArgs(int p) {
    return List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=" + p);
  }

  /** {@code java} started as pipelines/tag starts it: the heap and the launcher's flags. */
  static List<String> javaCommand(String heap, List<String> jvmFlags) {
    List<String> cmd = new ArrayList<>(List.of("java", heap));
    cmd.addAll(jvmFlags);
    return cmd;
  }

  /** The machine the figures come from. */
  static Map<String, Object> machine() {
    return Map.of(
        "cores", Runtime.getRuntime().availableProcessors(),
        "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
  }

  /** Least squares wall = a + b * tokens; returns {a, b}. */
  static double[] fit(List<double[]> points) {
    double n = points.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : points) {
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      sxy += p[0] * p[1];
    }
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return new double[] {(sy - b * sx) / n, b};
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void chart(XYSeriesCollection data, String title, Path png) throws IOException {
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "corpus size (tokens)",
            "tokens per second (whole run)",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    LogAxis x = new LogAxis("corpus size (tokens, log scale)");
    plot.setDomainAxis(x);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      plot.getRenderer()
          .setSeriesStroke(
              i,
              new java.awt.BasicStroke(
                  data.getSeries(i).getKey().toString().startsWith("raw") ? 3f : 1.5f));
    }
    System.setProperty("java.awt.headless", "true");
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
