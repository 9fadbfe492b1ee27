package dev.tagpipe.eval;

import java.io.PrintStream;

/**
 * The lines {@code pipelines/evaluate} prints: per model its tokens and token, unknown-word and
 * sentence accuracy, then for two models the verdict.
 */
final class ConsoleReport {
  private ConsoleReport() {}

  static void print(EvaluationReport report, PrintStream out) {
    out.printf("%-40s %9s %9s %9s %9s%n", "model", "tokens", "accuracy", "unknown", "sentence");
    for (EvaluationReport.ModelResult m : report.models()) {
      out.printf(
          "%-40s %9d %9.4f %9.4f %9.4f%n",
          m.model().shortName(),
          m.tokens(),
          m.accuracy(),
          m.unknownAccuracy(),
          m.sentenceAccuracy());
    }
    report.comparison().ifPresent(c -> out.println(c.verdict()));
  }
}
