package dev.tagpipe.tagger.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TagSentences;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import edu.stanford.nlp.tagger.maxent.TaggerInternals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel gives exactly MaxentTagger's tags, sentence by sentence, with every official tagger
 * tagpipe names but Chinese (its model jar is 1.6 GB): each over whole held-out corpora (English:
 * UD EWT dev and test, the bundled sample; French and German: UD GSD test; Italian: UD PUD), and
 * models without a corpus in their language over other languages' text, which exercises their
 * unknown-word features. Models trained with each {@code arch} family are checked the same way by
 * {@code TrainedArchModelsTest}.
 */
public class KernelIdentityTest {
  private static final Path MODELS =
      Path.of(
              System.getProperty(
                  "tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"))
          .resolve("pos-tagger");
  private static final Path RESOURCES = TestData.PROJECT.resolve("src/test/resources");
  private static final Path EWT_TEST =
      TestData.PROJECT.resolve("pipelines/sample/en_ewt-ud-test.conllu");
  private static final Path FRENCH = RESOURCES.resolve("ud-french-gsd/fr_gsd-ud-test.conllu");
  private static final Path GERMAN = RESOURCES.resolve("ud-german-gsd/de_gsd-ud-test.conllu");
  private static final Path ITALIAN = RESOURCES.resolve("ud-italian-pud/it_pud-ud-test.conllu");
  private static final Path SPANISH_TEXT = RESOURCES.resolve("lid-pud/es.txt");

  record Case(String model, List<Path> corpora) {
    @Override
    public String toString() {
      return model;
    }
  }

  static List<Case> officialModels() {
    List<Path> english = List.of(TestData.EWT_DEV, EWT_TEST);
    return List.of(
        new Case("english-left3words-distsim.tagger", english),
        new Case("english-caseless-left3words-distsim.tagger", english),
        new Case("english-bidirectional-distsim.tagger", english),
        new Case("french-ud.tagger", List.of(FRENCH)),
        new Case("german-ud.tagger", List.of(GERMAN)),
        new Case("spanish-ud.tagger", List.of(SPANISH_TEXT, FRENCH)),
        new Case("italian.tagger", List.of(ITALIAN)),
        new Case("hungarian.tagger", List.of(GERMAN, TestData.EWT_DEV)),
        new Case("arabic.tagger", List.of(TestData.EWT_DEV)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("officialModels")
  void tagsEveryHeldOutSentenceAsMaxentTagger(Case c) throws Exception {
    Path path = MODELS.resolve(c.model());
    assertTrue(Files.isRegularFile(path), path + " missing: run 'mvn generate-test-resources'");
    MaxentTagger tagger = SafeModelLoader.load(c.model(), Files.readAllBytes(path));
    List<List<String>> sentences = new ArrayList<>();
    for (Path corpus : c.corpora()) {
      sentences.addAll(read(corpus));
    }
    assertIdentical(tagger, KernelTagger.compile(tagger), sentences, c.model());
  }

  /**
   * CoreNLP scores approximately (the candidates, and a default mass for the other tags) when a
   * model is loaded with {@code approximate=true}: never in tagpipe's own pipeline, but a library
   * user may load a tagger so. The kernel's approximate scoring tags as MaxentTagger's.
   */
  @Test
  void approximateScoringAsMaxentTagger() throws Exception {
    Path path = MODELS.resolve("english-left3words-distsim.tagger");
    Properties approximate = new Properties();
    approximate.setProperty("approximate", "true");
    MaxentTagger tagger = new MaxentTagger(path.toString(), approximate);
    assertTrue(new TaggerInternals(tagger).approximateScoring(), "the tagger scores exactly");
    List<List<String>> sentences = read(TestData.EWT_DEV);
    sentences.addAll(read(EWT_TEST));
    assertIdentical(tagger, KernelTagger.compile(tagger), sentences, "approximate scoring");
  }

  /**
   * Asserts that {@code kernel} tags every sentence as {@code tagger} does, naming the first
   * sentences that differ. Both tag on two threads: MaxentTagger is safe to share, and the kernel
   * keeps its scratch state per thread.
   */
  public static void assertIdentical(
      MaxentTagger tagger, KernelTagger kernel, List<List<String>> sentences, String what)
      throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      List<List<String>> expected =
          pool.submit(
                  () ->
                      sentences.parallelStream()
                          .map(s -> TagSentences.tag(tagger, s))
                          .collect(Collectors.toList()))
              .get();
      List<List<String>> actual =
          pool.submit(
                  () -> sentences.parallelStream().map(kernel::tag).collect(Collectors.toList()))
              .get();
      List<Integer> differing =
          IntStream.range(0, sentences.size())
              .filter(i -> !expected.get(i).equals(actual.get(i)))
              .boxed()
              .collect(Collectors.toList());
      long tokens = sentences.stream().mapToLong(List::size).sum();
      StringBuilder first = new StringBuilder();
      for (int i : differing.subList(0, Math.min(3, differing.size()))) {
        first.append(
            String.format(
                "%n  %s%n    MaxentTagger %s%n    kernel       %s",
                sentences.get(i), expected.get(i), actual.get(i)));
      }
      assertEquals(
          0,
          differing.size(),
          what + ": " + differing.size() + " of " + sentences.size() + " sentences differ" + first);
      assertTrue(tokens > 1000, what + ": only " + tokens + " tokens tagged");
    } finally {
      pool.shutdown();
    }
  }

  /** Sentences of a CoNLL-U file, or of a text file (one sentence a line, split on spaces). */
  public static List<List<String>> read(Path corpus) throws IOException {
    if (corpus.toString().endsWith(".conllu")) {
      return new ArrayList<>(TestData.conlluSentences(corpus).values());
    }
    List<List<String>> out = new ArrayList<>();
    for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(Arrays.asList(line.trim().split("\\s+")));
      }
    }
    return out;
  }
}
