package dev.tagpipe.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * {@code <output>-evaluation.json}: the {@link EvaluationReport} as indented JSON. The field names
 * and their order are what users and scripts read, so they are spelled out here rather than taken
 * from the Java names:
 *
 * <pre>{@code
 * {"input", "goldColumn",
 *  "models": [{"model": {"name", "sha256"}, "tokens", "correct", "accuracy",
 *              "sentences", "sentencesCorrect", "sentenceAccuracy",
 *              "unknownTokens", "unknownCorrect", "unknownAccuracy",
 *              "perTag": {TAG: {"gold", "predicted", "correct", "precision", "recall", "f1"}},
 *              "confusions": [{"gold", "predicted", "count"}]}],
 *  "sentencesWithoutGold",
 *  "comparison": {"disagreements", "onlyARight", "onlyBRight", "bothRight", "bothWrong",
 *                 "mcNemarExactP", "verdict"}}   (two models only)
 * }</pre>
 */
final class JsonReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** The report's JSON, UTF-8. */
  static byte[] render(EvaluationReport report) throws IOException {
    return JSON.writeValueAsBytes(tree(report));
  }

  static ObjectNode tree(EvaluationReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("input", report.input());
    root.put("goldColumn", report.goldColumn().name());
    ArrayNode models = root.putArray("models");
    report.models().forEach(m -> models.add(model(m)));
    root.put("sentencesWithoutGold", report.sentencesWithoutGold());
    report.comparison().ifPresent(c -> root.set("comparison", comparison(c)));
    return root;
  }

  private static ObjectNode model(EvaluationReport.ModelResult m) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode model = node.putObject("model");
    model.put("name", m.model().name());
    model.put("sha256", m.model().sha256());
    node.put("tokens", m.tokens());
    node.put("correct", m.correct());
    node.put("accuracy", m.accuracy());
    node.put("sentences", m.sentences());
    node.put("sentencesCorrect", m.sentencesCorrect());
    node.put("sentenceAccuracy", m.sentenceAccuracy());
    node.put("unknownTokens", m.unknownTokens());
    node.put("unknownCorrect", m.unknownCorrect());
    node.put("unknownAccuracy", m.unknownAccuracy());
    ObjectNode perTag = node.putObject("perTag");
    m.perTag()
        .forEach(
            (tag, t) ->
                perTag
                    .putObject(tag)
                    .put("gold", t.gold())
                    .put("predicted", t.predicted())
                    .put("correct", t.correct())
                    .put("precision", t.precision())
                    .put("recall", t.recall())
                    .put("f1", t.f1()));
    ArrayNode confusions = node.putArray("confusions");
    m.confusions()
        .forEach(
            c ->
                confusions
                    .addObject()
                    .put("gold", c.gold())
                    .put("predicted", c.predicted())
                    .put("count", c.count()));
    return node;
  }

  private static ObjectNode comparison(EvaluationReport.Comparison c) {
    return JSON.createObjectNode()
        .put("disagreements", c.disagreements())
        .put("onlyARight", c.onlyARight())
        .put("onlyBRight", c.onlyBRight())
        .put("bothRight", c.bothRight())
        .put("bothWrong", c.bothWrong())
        .put("mcNemarExactP", c.mcNemarExactP())
        .put("verdict", c.verdict());
  }
}
