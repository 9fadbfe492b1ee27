package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import dev.tagpipe.io.OutputFormat;
import dev.tagpipe.tagger.TagSentences;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole pipeline with the kernel (the default tagger) gives single-thread MaxentTagger's tags
 * for every sentence of held-out corpora, on the DirectRunner and on embedded Flink at parallelism
 * 2: English (UD EWT dev and test: the tests' corpus and the bundled sample), French and German (UD
 * GSD test), each with its official model. The summary says the kernel tagged every sentence.
 */
class KernelPipelineIT {
  private static final Path MODELS =
      Path.of(
              System.getProperty(
                  "tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"))
          .resolve("pos-tagger");
  private static final Path RESOURCES = TestData.PROJECT.resolve("src/test/resources");

  @TempDir Path dir;

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (String runner : List.of("DirectRunner", "FlinkRunner")) {
      runs.add(
          Arguments.of(
              runner,
              "english-left3words-distsim.tagger",
              List.of(
                  TestData.EWT_DEV,
                  TestData.PROJECT.resolve("pipelines/sample/en_ewt-ud-test.conllu"))));
      runs.add(
          Arguments.of(
              runner,
              "french-ud.tagger",
              List.of(RESOURCES.resolve("ud-french-gsd/fr_gsd-ud-test.conllu"))));
      runs.add(
          Arguments.of(
              runner,
              "german-ud.tagger",
              List.of(RESOURCES.resolve("ud-german-gsd/de_gsd-ud-test.conllu"))));
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("runs")
  void pipelineTagsAsSingleThreadMaxentTagger(String runner, String model, List<Path> corpora)
      throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (Path corpus : corpora) {
      Files.copy(corpus, input.resolve(corpus.getFileName()));
      expected.putAll(TestData.conlluSentences(corpus));
    }
    Path prefix = dir.resolve("tagged");
    CliRun.RunResult r =
        CliRun.runJob(
            "--runner=" + runner,
            "--parallelism=2",
            "--input=" + input + "/*.conllu",
            "--inputFormat=conllu",
            "--model=" + MODELS.resolve(model),
            "--tagger=kernel",
            // The DirectRunner's immutability check copies the side input (the model's bytes:
            // german-ud's are 69 MB) for every bundle; the launcher turns it off for real runs.
            "--enforceImmutability=false",
            "--output=" + prefix);
    assertEquals(0, r.code, r.err);

    TaggedOutput got = TaggedOutput.read(dir, "tagged", OutputFormat.jsonl);
    assertEquals(expected.size(), got.records);
    MaxentTagger reference = new MaxentTagger(MODELS.resolve(model).toString());
    int differing = 0;
    String first = "";
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      List<String> want = TagSentences.tag(reference, e.getValue());
      if (!want.equals(got.tags.get(e.getKey()))) {
        if (differing++ == 0) {
          first = e.getKey() + ": " + want + " but " + got.tags.get(e.getKey());
        }
      }
    }
    assertEquals(0, differing, runner + " " + model + ": sentences differ, first " + first);
    JsonNode s = CliRun.summary(prefix);
    assertEquals(expected.size(), s.get("taggers").get("kernel").asLong(), s.toString());
    assertEquals(1, s.get("taggers").size(), s.toString());
  }

  /** {@code --tagger=corenlp} is honoured: MaxentTagger tags every sentence, and says so. */
  @org.junit.jupiter.api.Test
  void corenlpOnRequest() throws IOException {
    Path prefix = dir.resolve("corenlp");
    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + TestData.EWT_DEV,
            "--inputFormat=conllu",
            "--tagger=corenlp",
            "--output=" + prefix);
    assertEquals(0, r.code, r.err);
    JsonNode s = CliRun.summary(prefix);
    long sentences = TestData.conlluSentences(TestData.EWT_DEV).size();
    assertEquals(sentences, s.get("taggers").get("corenlp").asLong(), s.toString());
    assertEquals(1, s.get("taggers").size(), s.toString());
    assertEquals(true, r.out.contains("tagger corenlp tagged " + sentences), r.out);
  }
}
