package dev.tagpipe.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@code <output>-evaluation.html}: one self-contained page (no link out, the charts embedded as
 * PNG images) with the models' figures, for two models the comparison, an F1-per-tag chart, and per
 * model a heat map of its confusions and its per-tag table. A model with no confusion gets a line
 * saying so instead of a heat map (XChart cannot draw an empty one). Every text taken from the
 * report is escaped.
 */
final class HtmlReport {
  private static final String HEAD =
      "<!doctype html><html><head><meta charset=\"utf-8\">"
          + "<title>tagpipe evaluation</title><style>body{font-family:sans-serif;margin:2em;"
          + "max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
          + "padding:2px 8px;text-align:right}th{background:#eee}.big{font-size:1.4em}"
          + "</style></head><body>";

  private HtmlReport() {}

  /** The whole page. */
  static String render(EvaluationReport report) throws IOException {
    System.setProperty("java.awt.headless", "true"); // charts are drawn without a display
    StringBuilder h = new StringBuilder(HEAD);
    h.append("<h1>Tagging evaluation</h1><p>Gold: ")
        .append(esc(report.input()))
        .append(" (column ")
        .append(esc(report.goldColumn().name()))
        .append(")</p>");
    h.append("<table>")
        .append(
            headerRow(
                "model",
                "SHA-256",
                "tokens",
                "accuracy",
                "unknown words",
                "unknown accuracy",
                "sentences",
                "sentence accuracy"));
    for (EvaluationReport.ModelResult m : report.models()) {
      h.append("<tr>")
          .append(td(m.model().name()))
          .append(td(m.model().sha256().substring(0, 12)))
          .append(td(m.tokens()))
          .append("<td class=big>")
          .append(esc(pct(m.accuracy())))
          .append("</td>")
          .append(td(m.unknownTokens()))
          .append(td(pct(m.unknownAccuracy())))
          .append(td(m.sentences()))
          .append(td(pct(m.sentenceAccuracy())))
          .append("</tr>");
    }
    h.append("</table>");
    report
        .comparison()
        .ifPresent(
            c ->
                h.append("<h2>A against B</h2><p class=big>")
                    .append(esc(c.verdict()))
                    .append("</p><p>Tokens where they disagree: ")
                    .append(c.disagreements())
                    .append("; only A right: ")
                    .append(c.onlyARight())
                    .append("; only B right: ")
                    .append(c.onlyBRight())
                    .append("; both wrong: ")
                    .append(c.bothWrong())
                    .append(".</p>"));
    h.append("<h2>F1 per tag</h2>").append(img(f1Chart(report.models())));
    for (EvaluationReport.ModelResult m : report.models()) {
      h.append("<h2>Confusions of ").append(esc(m.model().shortName())).append("</h2>");
      h.append(
          m.confusions().isEmpty() ? "<p>None: every token tagged right.</p>" : img(heatMap(m)));
      h.append("<h3>Per tag</h3><table>")
          .append(headerRow("tag", "gold", "predicted", "correct", "precision", "recall", "F1"));
      m.perTag()
          .forEach(
              (tag, t) ->
                  h.append("<tr>")
                      .append(td(tag))
                      .append(td(t.gold()))
                      .append(td(t.predicted()))
                      .append(td(t.correct()))
                      .append(td(pct(t.precision())))
                      .append(td(pct(t.recall())))
                      .append(td(pct(t.f1())))
                      .append("</tr>"));
      h.append("</table>");
    }
    return h.append("</body></html>\n").toString();
  }

  /** One bar series per model: its F1 for each of its tags. */
  private static CategoryChart f1Chart(List<EvaluationReport.ModelResult> models) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1050)
            .height(420)
            .title("F1 per tag")
            .xAxisTitle("tag")
            .yAxisTitle("F1")
            .build();
    chart.getStyler().setXAxisLabelRotation(90);
    for (EvaluationReport.ModelResult m : models) {
      List<String> tags = new ArrayList<>(m.perTag().keySet());
      List<Double> f1 = new ArrayList<>();
      m.perTag().values().forEach(t -> f1.add(t.f1()));
      chart.addSeries(m.model().shortName(), tags, f1);
    }
    return chart;
  }

  /**
   * Gold (rows) against predicted (columns), errors only: each cell the share of the gold tag's
   * tokens, in percent.
   */
  private static HeatMapChart heatMap(EvaluationReport.ModelResult m) {
    List<String> tags = new ArrayList<>(m.perTag().keySet());
    Map<String, Integer> index = new HashMap<>();
    tags.forEach(t -> index.put(t, index.size()));
    List<Number[]> cells = new ArrayList<>();
    for (EvaluationReport.Confusion c : m.confusions()) {
      long gold = m.perTag().get(c.gold()).gold();
      cells.add(
          new Number[] {
            index.get(c.predicted()),
            index.get(c.gold()),
            Math.round(1000.0 * c.count() / gold) / 10.0
          });
    }
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(1000)
            .height(900)
            .title(
                "Confusions of "
                    + m.model().shortName()
                    + " (% of the gold tag's tokens, errors only)")
            .xAxisTitle("predicted")
            .yAxisTitle("gold")
            .build();
    chart.getStyler().setXAxisLabelRotation(90);
    chart.addSeries("errors", tags, tags, cells);
    return chart;
  }

  private static String img(Chart<?, ?> chart) throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    return "<p><img alt=\"chart\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png)
        + "\"></p>";
  }

  private static String headerRow(String... names) {
    StringBuilder row = new StringBuilder("<tr>");
    for (String name : names) {
      row.append("<th>").append(esc(name)).append("</th>");
    }
    return row.append("</tr>").toString();
  }

  private static String td(Object value) {
    return "<td>" + esc(String.valueOf(value)) + "</td>";
  }

  private static String pct(double v) {
    return String.format("%.2f%%", 100 * v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
