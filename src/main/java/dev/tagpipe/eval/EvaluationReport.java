package dev.tagpipe.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Turns the evaluation's merged counts into what a person reads: {@code <output>-evaluation.json}
 * (accuracies, per-tag precision, recall and F1, confusions, and for two models McNemar's exact
 * test), a short console table, and a self-contained {@code <output>-evaluation.html} with the
 * charts embedded as images.
 */
final class EvaluationReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Model(String name, String sha256) {}

  private EvaluationReport() {}

  /** The report as JSON-ready maps. {@code counts}: the merged {@link Scores}, as JSON. */
  static Map<String, Object> build(
      JsonNode counts, List<Model> models, String input, GoldColumn gold) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("input", input);
    report.put("goldColumn", gold.name());
    List<Map<String, Object>> perModel = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      perModel.add(modelReport(counts.get("models").get(m), models.get(m)));
    }
    report.put("models", perModel);
    report.put("sentencesWithoutGold", counts.get("sentencesWithoutGold").asLong());
    if (models.size() == 2) {
      long b = counts.get("onlyFirstRight").asLong();
      long c = counts.get("onlySecondRight").asLong();
      double p = mcNemarExactP(b, c);
      Map<String, Object> cmp = new LinkedHashMap<>();
      cmp.put("disagreements", b + c + counts.get("bothWrong").asLong());
      cmp.put("onlyARight", b);
      cmp.put("onlyBRight", c);
      cmp.put("bothRight", counts.get("bothRight").asLong());
      cmp.put("bothWrong", counts.get("bothWrong").asLong());
      cmp.put("mcNemarExactP", p);
      String a = shortName(models.get(0));
      String bName = shortName(models.get(1));
      String verdict;
      if (p < 0.05 && c > b) {
        verdict =
            "B ("
                + bName
                + ") is better than A ("
                + a
                + ") on this data: it is right on "
                + c
                + " tokens where A is wrong, A on "
                + b
                + " where B is wrong (McNemar's exact"
                + " test p = "
                + format(p)
                + ")";
      } else if (p < 0.05) {
        verdict =
            "A ("
                + a
                + ") is better than B ("
                + bName
                + ") on this data: it is right on "
                + b
                + " tokens where B is wrong, B on "
                + c
                + " where A is wrong (McNemar's exact"
                + " test p = "
                + format(p)
                + ")";
      } else {
        verdict =
            "no significant difference between A ("
                + a
                + ") and B ("
                + bName
                + ") on this"
                + " data: "
                + b
                + " tokens only A gets right, "
                + c
                + " only B (McNemar's exact test"
                + " p = "
                + format(p)
                + ")";
      }
      cmp.put("verdict", verdict);
      report.put("comparison", cmp);
    }
    return report;
  }

  private static String shortName(Model m) {
    return Path.of(m.name()).getFileName() + " " + m.sha256().substring(0, 12);
  }

  private static String format(double p) {
    return p < 0.0001 ? String.format("%.2e", p) : String.format("%.4f", p);
  }

  private static Map<String, Object> modelReport(JsonNode s, Model model) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", Map.of("name", model.name(), "sha256", model.sha256()));
    long tokens = s.get("tokens").asLong();
    long correct = s.get("correct").asLong();
    r.put("tokens", tokens);
    r.put("correct", correct);
    r.put("accuracy", ratio(correct, tokens));
    r.put("sentences", s.get("sentences").asLong());
    r.put("sentencesCorrect", s.get("sentencesCorrect").asLong());
    r.put(
        "sentenceAccuracy", ratio(s.get("sentencesCorrect").asLong(), s.get("sentences").asLong()));
    r.put("unknownTokens", s.get("unknownTokens").asLong());
    r.put("unknownCorrect", s.get("unknownCorrect").asLong());
    r.put(
        "unknownAccuracy",
        ratio(s.get("unknownCorrect").asLong(), s.get("unknownTokens").asLong()));
    Map<String, Long> goldCount = new LinkedHashMap<>();
    Map<String, Long> predictedCount = new LinkedHashMap<>();
    Map<String, Long> correctCount = new LinkedHashMap<>();
    List<Map<String, Object>> confusions = new ArrayList<>();
    s.get("confusion")
        .fields()
        .forEachRemaining(
            row ->
                row.getValue()
                    .fields()
                    .forEachRemaining(
                        cell -> {
                          String gold = row.getKey();
                          String pred = cell.getKey();
                          long n = cell.getValue().asLong();
                          goldCount.merge(gold, n, Long::sum);
                          predictedCount.merge(pred, n, Long::sum);
                          if (gold.equals(pred)) {
                            correctCount.merge(gold, n, Long::sum);
                          } else {
                            Map<String, Object> c = new LinkedHashMap<>();
                            c.put("gold", gold);
                            c.put("predicted", pred);
                            c.put("count", n);
                            confusions.add(c);
                          }
                        }));
    Map<String, Object> perTag = new LinkedHashMap<>();
    for (String tag : new TreeSet<>(unionKeys(goldCount, predictedCount))) {
      long g = goldCount.getOrDefault(tag, 0L);
      long p = predictedCount.getOrDefault(tag, 0L);
      long c = correctCount.getOrDefault(tag, 0L);
      double precision = ratio(c, p);
      double recall = ratio(c, g);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("gold", g);
      t.put("predicted", p);
      t.put("correct", c);
      t.put("precision", precision);
      t.put("recall", recall);
      t.put(
          "f1",
          precision + recall == 0 ? 0.0 : round(2 * precision * recall / (precision + recall)));
      perTag.put(tag, t);
    }
    r.put("perTag", perTag);
    confusions.sort((a, b) -> Long.compare((Long) b.get("count"), (Long) a.get("count")));
    r.put("confusions", confusions);
    return r;
  }

  private static TreeSet<String> unionKeys(Map<String, Long> a, Map<String, Long> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0.0 : round((double) a / b);
  }

  private static double round(double v) {
    return Math.round(v * 1_000_000) / 1_000_000.0;
  }

  /**
   * McNemar's exact (binomial) test, two-sided: the chance of a split at least this uneven of the
   * {@code b + c} tokens the two models disagree on, were both equally good.
   */
  static double mcNemarExactP(long b, long c) {
    long n = b + c;
    if (n == 0) {
      return 1.0;
    }
    long k = Math.min(b, c);
    double logHalfToN = n * Math.log(0.5);
    double logChoose = 0; // log C(n, 0)
    double sum = 0;
    for (long i = 0; i <= k; i++) {
      if (i > 0) {
        logChoose += Math.log(n - i + 1) - Math.log(i);
      }
      sum += Math.exp(logChoose + logHalfToN);
    }
    return Math.min(1.0, 2 * sum);
  }

  static void writeJson(Map<String, Object> report, Path file) throws IOException {
    JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
  }

  @SuppressWarnings("unchecked")
  static void printTable(Map<String, Object> report, PrintStream out) {
    out.printf("%-40s %9s %9s %9s %9s%n", "model", "tokens", "accuracy", "unknown", "sentence");
    for (Map<String, Object> m : (List<Map<String, Object>>) report.get("models")) {
      Map<String, String> model = (Map<String, String>) m.get("model");
      String name =
          Path.of(model.get("name")).getFileName() + " " + model.get("sha256").substring(0, 12);
      out.printf(
          "%-40s %9d %9.4f %9.4f %9.4f%n",
          name,
          (Long) m.get("tokens"),
          (Double) m.get("accuracy"),
          (Double) m.get("unknownAccuracy"),
          (Double) m.get("sentenceAccuracy"));
    }
    Map<String, Object> cmp = (Map<String, Object>) report.get("comparison");
    if (cmp != null) {
      out.println(cmp.get("verdict"));
    }
  }

  /** The self-contained HTML report: figures, per-tag table, charts as embedded PNGs. */
  @SuppressWarnings("unchecked")
  static void writeHtml(Map<String, Object> report, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Map<String, Object>> models = (List<Map<String, Object>>) report.get("models");
    StringBuilder h =
        new StringBuilder(
            "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>tagpipe evaluation</title><style>body{font-family:sans-serif;margin:2em;"
                + "max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:2px 8px;text-align:right}th{background:#eee}.big{font-size:1.4em}"
                + "</style></head><body>");
    h.append("<h1>Tagging evaluation</h1><p>Gold: ")
        .append(esc(report.get("input")))
        .append(" (column ")
        .append(report.get("goldColumn"))
        .append(")</p>");
    h.append(
        "<table><tr><th>model</th><th>SHA-256</th><th>tokens</th><th>accuracy</th>"
            + "<th>unknown words</th><th>unknown accuracy</th><th>sentences</th>"
            + "<th>sentence accuracy</th></tr>");
    for (Map<String, Object> m : models) {
      Map<String, String> model = (Map<String, String>) m.get("model");
      h.append("<tr><td>")
          .append(esc(model.get("name")))
          .append("</td><td>")
          .append(model.get("sha256"), 0, 12)
          .append("</td><td>")
          .append(m.get("tokens"))
          .append("</td><td class=big>")
          .append(pct(m.get("accuracy")))
          .append("</td><td>")
          .append(m.get("unknownTokens"))
          .append("</td><td>")
          .append(pct(m.get("unknownAccuracy")))
          .append("</td><td>")
          .append(m.get("sentences"))
          .append("</td><td>")
          .append(pct(m.get("sentenceAccuracy")))
          .append("</td></tr>");
    }
    h.append("</table>");
    Map<String, Object> cmp = (Map<String, Object>) report.get("comparison");
    if (cmp != null) {
      h.append("<h2>A against B</h2><p class=big>")
          .append(esc(cmp.get("verdict")))
          .append("</p><p>Tokens where they disagree: ")
          .append(cmp.get("disagreements"))
          .append("; only A right: ")
          .append(cmp.get("onlyARight"))
          .append("; only B right: ")
          .append(cmp.get("onlyBRight"))
          .append("; both wrong: ")
          .append(cmp.get("bothWrong"))
          .append(".</p>");
    }
    h.append("<h2>F1 per tag</h2>").append(img(f1Chart(models)));
    for (Map<String, Object> m : models) {
      Map<String, String> model = (Map<String, String>) m.get("model");
      String name = Path.of(model.get("name")).getFileName().toString();
      h.append("<h2>Confusions of ").append(esc(name)).append("</h2>");
      // A model that tags every token right has no confusions to draw (XChart refuses an
      // empty heat map): say so instead.
      h.append(
          ((List<?>) m.get("confusions")).isEmpty()
              ? "<p>None: every token tagged right.</p>"
              : img(heatmap(m, name)));
      h.append(
          "<h3>Per tag</h3><table><tr><th>tag</th><th>gold</th><th>predicted</th>"
              + "<th>correct</th><th>precision</th><th>recall</th><th>F1</th></tr>");
      ((Map<String, Map<String, Object>>) m.get("perTag"))
          .forEach(
              (tag, t) ->
                  h.append("<tr><td>")
                      .append(esc(tag))
                      .append("</td><td>")
                      .append(t.get("gold"))
                      .append("</td><td>")
                      .append(t.get("predicted"))
                      .append("</td><td>")
                      .append(t.get("correct"))
                      .append("</td><td>")
                      .append(pct(t.get("precision")))
                      .append("</td><td>")
                      .append(pct(t.get("recall")))
                      .append("</td><td>")
                      .append(pct(t.get("f1")))
                      .append("</td></tr>"));
      h.append("</table>");
    }
    h.append("</body></html>\n");
    Files.writeString(file, h, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static CategoryChart f1Chart(List<Map<String, Object>> models) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1050)
            .height(420)
            .title("F1 per tag")
            .xAxisTitle("tag")
            .yAxisTitle("F1")
            .build();
    chart.getStyler().setXAxisLabelRotation(90);
    for (Map<String, Object> m : models) {
      Map<String, Map<String, Object>> perTag = (Map<String, Map<String, Object>>) m.get("perTag");
      List<String> tags = new ArrayList<>(perTag.keySet());
      List<Double> f1 = new ArrayList<>();
      for (String tag : tags) {
        f1.add((Double) perTag.get(tag).get("f1"));
      }
      Map<String, String> model = (Map<String, String>) m.get("model");
      chart.addSeries(
          Path.of(model.get("name")).getFileName() + " " + model.get("sha256").substring(0, 8),
          tags,
          f1);
    }
    return chart;
  }

  /** Gold (rows) against predicted (columns), share of each gold tag's tokens, diagonal too. */
  @SuppressWarnings("unchecked")
  private static HeatMapChart heatmap(Map<String, Object> m, String name) {
    Map<String, Map<String, Object>> perTag = (Map<String, Map<String, Object>>) m.get("perTag");
    List<String> tags = new ArrayList<>(perTag.keySet());
    Map<String, Integer> index = new LinkedHashMap<>();
    tags.forEach(t -> index.put(t, index.size()));
    List<Number[]> cells = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) m.get("confusions")) {
      long gold = (Long) perTag.get(c.get("gold")).get("gold");
      cells.add(
          new Number[] {
            index.get(c.get("predicted")),
            index.get(c.get("gold")),
            Math.round(1000.0 * (Long) c.get("count") / gold) / 10.0
          });
    }
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(1000)
            .height(900)
            .title("Confusions of " + name + " (% of the gold tag's tokens, errors only)")
            .xAxisTitle("predicted")
            .yAxisTitle("gold")
            .build();
    chart.getStyler().setXAxisLabelRotation(90);
    chart.addSeries("errors", tags, tags, cells);
    return chart;
  }

  private static String img(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart)
      throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    return "<p><img alt=\"chart\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png)
        + "\"></p>";
  }

  private static String pct(Object v) {
    return String.format("%.2f%%", 100 * ((Number) v).doubleValue());
  }

  private static String esc(Object s) {
    return String.valueOf(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
