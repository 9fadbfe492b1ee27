package dev.tagpipe.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.eval.Train;
import dev.tagpipe.tagger.kernel.KernelIdentityTest;
import dev.tagpipe.tagger.kernel.KernelTagger;
import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models trained by {@code pipelines/train --arch=...} with each feature family of CoreNLP's
 * trainer pass the safe loader and tag as CoreNLP's own loading of the same file does. Each case
 * names extractor classes its model must contain, so a case that silently built other features
 * (CoreNLP ignores names it does not know) fails.
 */
class TrainedArchModelsTest {
  private static final String P = "edu.stanford.nlp.tagger.maxent.";

  /** An arch (CLUSTERS stands for a distsim cluster file) and classes its model holds. */
  record Case(String arch, List<String> holds) {
    String arch(Object clusters) {
      return arch.replace("CLUSTERS", clusters.toString());
    }

    @Override
    public String toString() {
      return arch;
    }
  }

  private static Case of(String arch, String... holds) {
    return new Case(arch, List.of(holds));
  }

  /** Every family of ExtractorFrames and ExtractorFramesRare, most of them once. */
  static final List<Case> CASES =
      List.of(
          of(
              "left3words,naacl2003unknowns,wordshapes(-1,1)", // pipelines/train's default
              "ExtractorWordShapeClassifier",
              "CompanyNameDetector",
              "ExtractorWordSuff"),
          of(
              "left5words,naacl2003unknowns,unicodeshapeconjunction(-1,1),prefix(3),suffix(4),"
                  + "lowercasewords(-1,1)", // issue 19's trained model
              "ExtractorFrames$ExtractorWordLowerCase",
              "ExtractorWordShapeConjunction"),
          of(
              "bidirectional,naacl2003unknowns",
              "ExtractorFrames$ExtractorTwoTags",
              "ExtractorFrames$ExtractorWordTag"),
          of("bidirectional5words,lnaacl2003unknowns", "ExtractorFrames$ExtractorTwoWords"),
          of("generic,naacl2003conjunctions", "ExtractorsConjunction"),
          of(
              "words(-2,1),tags(-2,-1),order(-3,1),biword(-2,0),twoTags(-2,-1),"
                  + "threeTags(-3,-2,-1),wordTwoTags(0,-2,-1)",
              "ExtractorFrames$ExtractorThreeTags",
              "ExtractorFrames$ExtractorWordTwoTags",
              "ExtractorFrames$ExtractorContinuousTagConjunction"),
          // Tag features that read the current position's tag (what the search leaves there).
          of(
              "words(-1,1),order(1),twoTags(-1,0),wordTwoTags(0,-1,0),naacl2003unknowns",
              "ExtractorFrames$ExtractorTwoTags",
              "ExtractorFrames$ExtractorWordTwoTags"),
          of(
              "left3words,threeTags(-2,-1,0),wordTag(0,0),naacl2003unknowns",
              "ExtractorFrames$ExtractorThreeTags",
              "ExtractorFrames$ExtractorWordTag"),
          of(
              "left3words,allwordshapes(-1,1),allwordshapeconjunction(-1,1,chris2),"
                  + "allunicodeshapes(0,0),allunicodeshapeconjunction(-1,1)",
              "ExtractorWordShapeClassifier",
              "ExtractorWordShapeConjunction"),
          of(
              "left3words,motleyUnknown,wordshapeconjunction(-1,1),unicodeshapes(-1,1),"
                  + "prefixsuffix(3),capitalizationsuffix(3)",
              "ExtractorsConjunction",
              "ExtractorWordShapeConjunction",
              "ExtractorUCase"),
          of(
              "left3words,caselessnaacl2003unknowns,lowercasewords(0,0)",
              "CaselessCompanyNameDetector",
              "ExtractorWordPref"),
          of(
              "left3words,naacl2003unknowns,distsim(CLUSTERS,-1,1),"
                  + "distsimconjunction(CLUSTERS;mapdigits,-1,1)",
              "ExtractorDistsim",
              "ExtractorDistsimConjunction",
              "Distsim"),
          of(
              "left3words,frenchunknowns,spanishunknowns,spanishauxiliaries",
              "ExtractorFrenchNounSuffix",
              "ExtractorSpanishGender",
              "ExtractorSpanishAuxiliaryTag"),
          // lctagfeatures makes one ExtractorCapLCSeen per tag of the tag set, which CoreNLP
          // 4.5.10's
          // trainer has not filled yet when it reads the arch: it adds none (the class is listed).
          of("left3words,lctagfeatures,vbn(3)", "ExtractorVerbalVBNZero"),
          of(
              "left3words,rareExtractor("
                  + P
                  + "ExtractorNumeric),extractor("
                  + P
                  + "ExtractorFrames$ExtractorCWordCapCase)",
              "ExtractorNumeric",
              "ExtractorFrames$ExtractorCWordCapCase"));

  static List<Case> cases() {
    return CASES;
  }

  /** A training set inside the repo: the first 120 sentences of EWT dev (~1,800 tokens). */
  static Path trainingSet(Path dir) throws IOException {
    return Files.writeString(dir.resolve("train.conllu"), TestData.ewtBlocks(0, 120));
  }

  /** A tiny distsim cluster file ("word cluster" lines) over the training set's words. */
  static Path clusters(Path dir) throws IOException {
    SortedSet<String> lines = new TreeSet<>();
    for (String line : Files.readAllLines(trainingSet(dir))) {
      String[] c = line.split("\t");
      if (c.length == 10 && c[0].matches("[0-9]+")) {
        String w = c[1].toLowerCase(Locale.ROOT).replace(' ', '_');
        lines.add(w + " " + Math.floorMod(w.hashCode(), 16)); // any grouping will do
      }
    }
    lines.add("<unk> 16");
    return Files.write(dir.resolve("clusters.txt"), lines);
  }

  @TempDir static Path dir;
  private static Path train;
  private static Path clusters;

  private static final int HELD_OUT_SENTENCES = 300;
  private static List<List<String>> heldOut;

  @BeforeAll
  static void data() throws IOException {
    train = trainingSet(dir);
    clusters = clusters(dir);
    // Held out: EWT test's first sentences. Not all of it: trained on 1,800 tokens, these models
    // find most words unknown, with every open tag a candidate, and MaxentTagger takes minutes
    // per thousand such tokens (the kernel's share of that time is small).
    heldOut =
        KernelIdentityTest.read(TestData.PROJECT.resolve("pipelines/sample/en_ewt-ud-test.conllu"))
            .subList(0, HELD_OUT_SENTENCES);
  }

  private static final List<String> SENTENCE =
      List.of("The", "company", "reported", "12,000", "new", "customers", "in", "March", ".");

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void trainsLoadsSafelyAndTagsAsCoreNlp(Case c) throws Exception {
    Path model = dir.resolve("m" + Integer.toHexString(c.arch().hashCode()) + ".tagger");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Train.run(
            new String[] {
              "--input=" + train, "--model=" + model, "--iterations=3", "--arch=" + c.arch(clusters)
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

    byte[] bytes = Files.readAllBytes(model);
    String stream = new String(bytes, StandardCharsets.ISO_8859_1); // class names are in it
    for (String holds : c.holds()) {
      assertTrue(stream.contains(P + holds), "the model of " + c.arch() + " holds no " + holds);
    }
    MaxentTagger safe = SafeModelLoader.load(model.toString(), bytes);
    List<String> ours = TagSentences.tag(safe, SENTENCE);
    MaxentTagger direct = new MaxentTagger(model.toString());
    List<String> theirs =
        direct.tagSentence(SENTENCE.stream().map(Word::new).collect(Collectors.toList())).stream()
            .map(TaggedWord::tag)
            .collect(Collectors.toList());
    assertEquals(theirs, ours);
    assertEquals(SENTENCE.size(), ours.size());
    assertEquals(".", ours.get(ours.size() - 1), ours.toString());

    // The kernel supports every family and tags held-out text exactly as MaxentTagger does.
    KernelIdentityTest.assertIdentical(safe, KernelTagger.compile(safe), heldOut, c.arch());
  }
}
