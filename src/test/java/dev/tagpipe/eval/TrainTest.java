package dev.tagpipe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TagSentences;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small real training run: the model passes the safe loader and tags; bad input is refused. */
class TrainTest {
  @TempDir Path dir;

  @Test
  void trainsAModelThatPassesTheSafeLoaderAndEvaluatesOnHeldOutData() throws Exception {
    Path train = EvaluateTest.ewtPart(dir.resolve("train.conllu"), 0, 800);
    Path heldOut = EvaluateTest.ewtPart(dir.resolve("dev.conllu"), 800, 900);
    Path model = dir.resolve("models/mine.tagger");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Train.run(new String[] {"--input=" + train, "--model=" + model,
        "--iterations=30", "--heldOut=" + heldOut},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    byte[] bytes = Files.readAllBytes(model);
    assertEquals(ModelBytes.sha256(bytes),
        Files.readString(Path.of(model + ".sha256")).split(" ")[0]);
    MaxentTagger tagger = SafeModelLoader.load("mine", bytes);
    List<String> tags = TagSentences.tag(tagger, List.of("The", "man", "walked", "."));
    assertEquals("DT", tags.get(0), tags.toString()); // a small model: only the easy ones
    assertEquals(".", tags.get(3), tags.toString());
    double accuracy = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("models/mine-heldout-evaluation.json").toFile())
        .get("models").get(0).get("accuracy").asDouble();
    assertTrue(accuracy > 0.8, "held-out accuracy " + accuracy);
  }

  @Test
  void tooSmallATrainingSetIsAClearError() throws Exception {
    Path tiny = EvaluateTest.ewtPart(dir.resolve("tiny.conllu"), 0, 10);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Train.run(new String[] {"--input=" + tiny, "--model=" + dir.resolve("t.tagger")},
        System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("too few to train"), err.toString());
    assertTrue(!Files.exists(dir.resolve("t.tagger")));
  }
}
