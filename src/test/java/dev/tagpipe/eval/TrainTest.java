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
    int code =
        Train.run(
            new String[] {
              "--input=" + train, "--model=" + model, "--iterations=30", "--heldOut=" + heldOut
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    byte[] bytes = Files.readAllBytes(model);
    assertEquals(
        ModelBytes.sha256(bytes), Files.readString(Path.of(model + ".sha256")).split(" ")[0]);
    MaxentTagger tagger = SafeModelLoader.load("mine", bytes);
    List<String> tags = TagSentences.tag(tagger, List.of("The", "man", "walked", "."));
    assertEquals("DT", tags.get(0), tags.toString()); // a small model: only the easy ones
    assertEquals(".", tags.get(3), tags.toString());
    double accuracy =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("models/mine-heldout-evaluation.json").toFile())
            .get("models")
            .get(0)
            .get("accuracy")
            .asDouble();
    assertTrue(accuracy > 0.8, "held-out accuracy " + accuracy);
  }

  /**
   * CoreNLP's trainer logs and ignores an unknown feature and reads a bad number as 0; tagpipe
   * refuses such an arch in one line, before reading the data or training.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "left3words,naacl2003unknown|'naacl2003unknown' is not a feature of CoreNLP's tagger",
        "left3words,prefix(x)|'x' in prefix(...) is not a whole number",
        "words(-1,1,2)|'words' takes 1 or 2 whole-number arguments",
        "left3words(2)|'left3words' takes no arguments",
        "left3words,distsim(no-such-clusters.txt,-1,1)|the cluster file no-such-clusters.txt",
        "left3words,distsim(generic.txt,-1,1)|contains 'generic', which CoreNLP rewrites",
        "left3words,wordshapes(-1,1,chris9)|'chris9' in wordshapes(-1,1,chris9) is not a word shape",
        "left3words,extractor(java.net.URL)|must name one of CoreNLP's extractor classes",
        "left3words,,suffix(3)|'' is not of the form name or name(arguments)",
        "chinesedictionaryfeatures(a,1,2)|'chinesedictionaryfeatures' is not a feature"
      })
  void anArchCoreNlpWouldNotBuildIsAOneLineErrorBeforeTraining(String arch, String says)
      throws Exception {
    Path train = EvaluateTest.ewtPart(dir.resolve("train.conllu"), 0, 100);
    Path model = dir.resolve("bad.tagger");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Train.run(
            new String[] {"--input=" + train, "--model=" + model, "--arch=" + arch},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, e);
    assertTrue(e.startsWith("tagpipe: error: --arch=" + arch + ": "), e);
    assertTrue(e.contains(says), e);
    assertEquals(1, e.strip().lines().count(), e);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no training started");
    assertTrue(!Files.exists(model));
  }

  /**
   * The command line is Beam's {@link TrainOptions}; what was said about a bad one before it was is
   * said the same way, in one line, before any data is read. A typo in an option's name, or an
   * option given twice, is refused too rather than ignored.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "--help|not an option: '--help'; use --input=FILES --model=OUT.tagger",
        "--help=x|not an option: '--help=x'; use --input=FILES",
        "train.conllu|not an option: 'train.conllu'; use --input=FILES",
        "--iterations 30|not an option: '--iterations 30'",
        "|--input=FILES (CoNLL-U) and --model=OUT.tagger are required",
        "--model=m.tagger|--input=FILES (CoNLL-U) and --model=OUT.tagger are required",
        "--input=IN --iterations=abc|--input=FILES (CoNLL-U) and --model=OUT.tagger are required",
        "--input=IN --model=m.tagger --iterations=0|--goldColumn is xpos or upos and --iterations a"
            + " positive number",
        "--input=IN --model=m.tagger --iterations=|--iterations a positive number",
        "--input=IN --model=m.tagger --iterations=99999999999|--iterations a positive number",
        "--input=IN --model=m.tagger --goldColumn=UPOS|--goldColumn is xpos or upos",
        "--input=IN --model=m.tagger --goldColumn=|--goldColumn is xpos or upos",
        "--input=IN --model=m.tagger --iterations=5 --iterations=9|--iterations was given 2 times"
            + " (5, 9); give it once",
        "--input=IN --model=m.tagger --heldout=dev.conllu|missing a property named 'heldout'. Did"
            + " you mean 'heldOut'?",
        "--input=IN --model=m.tagger --arch=|--arch is empty"
      })
  void aBadCommandLineIsAOneLineErrorBeforeAnythingIsRead(String args, String says)
      throws Exception {
    Path train = EvaluateTest.ewtPart(dir.resolve("train.conllu"), 0, 100);
    String[] argv =
        args == null ? new String[0] : args.replace("IN", train.toString()).split(" (?=--)");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Train.run(
            argv,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, e);
    assertTrue(e.startsWith("tagpipe: error: ") && e.contains(says), e);
    assertEquals(1, e.strip().lines().count(), e);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no training started");
    assertTrue(!Files.exists(Path.of("m.tagger")));
  }

  @Test
  void theOptionsAreBeamsWithTheDefaultsOfBefore() {
    TrainOptions o = Train.parse(new String[] {"--input=a.conllu", "--model=m.tagger"});
    assertEquals("a.conllu", o.getInput());
    assertEquals("m.tagger", o.getModel());
    assertEquals(GoldColumn.xpos, o.getGoldColumn());
    assertEquals(100, o.getIterations());
    assertEquals(null, o.getArch(), "the language's default: Train.ARCH for English");
    assertEquals(null, o.getHeldOut());
    o =
        Train.parse(
            new String[] {
              "--input=a.conllu",
              "--model=m.tagger",
              "--goldColumn=upos",
              "--iterations=+7",
              "--heldOut=dev.conllu",
              "--arch=left3words"
            });
    assertEquals(GoldColumn.upos, o.getGoldColumn());
    assertEquals(7, o.getIterations());
    assertEquals("dev.conllu", o.getHeldOut());
    assertEquals("left3words", o.getArch());
  }

  @Test
  void aFrenchModelIsTrainedWithCoreNlpsFrenchSettingsAndTagsFrench() throws Exception {
    List<String> blocks =
        List.of(
            Files.readString(Path.of("src/test/resources/ud-french-gsd/fr_gsd-ud-test.conllu"))
                .split("\n\n"));
    Path train =
        Files.writeString(
            dir.resolve("fr-train.conllu"), String.join("\n\n", blocks.subList(0, 300)) + "\n\n");
    Path model = dir.resolve("fr.tagger");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Train.run(
            new String[] {
              "--input=" + train,
              "--model=" + model,
              "--goldColumn=upos",
              "--language=fr",
              "--iterations=10"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains(Train.LANGUAGES.get("fr").arch()),
        "French features: " + out);
    MaxentTagger tagger = new MaxentTagger(model.toString());
    int right = 0;
    int words = 0;
    for (String block : blocks.subList(300, blocks.size())) { // held out from the training
      List<String> tokens = new java.util.ArrayList<>();
      List<String> gold = new java.util.ArrayList<>();
      for (String line : block.split("\n")) {
        String[] c = line.split("\t");
        if (c.length == 10 && c[0].matches("[0-9]+")) {
          tokens.add(c[1]);
          gold.add(c[3]);
        }
      }
      List<String> tags = dev.tagpipe.tagger.TagSentences.tag(tagger, tokens);
      for (int i = 0; i < tags.size(); i++) {
        right += tags.get(i).equals(gold.get(i)) ? 1 : 0;
      }
      words += tags.size();
    }
    assertTrue(right > 0.8 * words, "UPOS on held-out French: " + right + " of " + words);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        2,
        Train.run(
            new String[] {"--input=" + train, "--model=" + model, "--language=xx"},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--language=xx"), err.toString());
  }

  @Test
  void tooSmallATrainingSetIsAClearError() throws Exception {
    Path tiny = EvaluateTest.ewtPart(dir.resolve("tiny.conllu"), 0, 10);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Train.run(
            new String[] {"--input=" + tiny, "--model=" + dir.resolve("t.tagger")},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("too few to train"), err.toString());
    assertTrue(!Files.exists(dir.resolve("t.tagger")));
  }
}
