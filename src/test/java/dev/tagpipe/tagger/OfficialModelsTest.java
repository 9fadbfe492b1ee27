package dev.tagpipe.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every official POS tagger of CoreNLP 4.5.10's model jars that we name passes the safe loader and
 * tags exactly as the same file loaded by CoreNLP itself. The files are unpacked from the model
 * jars into target/test-models by the pom's {@code unpack-test-models} execution.
 */
class OfficialModelsTest {
  static final Path TEST_MODELS =
      Path.of(
          System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"));

  /** An official tagger, the jar it ships in, and sentences in its language. */
  record Official(String file, String jar, List<List<String>> sentences) {
    Path path() {
      return TEST_MODELS.resolve("pos-tagger").resolve(file);
    }

    @Override
    public String toString() {
      return file;
    }
  }

  private static List<List<String>> sentences(String... lines) {
    List<List<String>> s = new ArrayList<>();
    for (String line : lines) {
      s.add(List.of(line.split(" ")));
    }
    return s;
  }

  static final List<Official> MODELS =
      List.of(
          new Official(
              "english-left3words-distsim.tagger",
              "models",
              sentences(
                  "The quick brown fox jumped over the lazy dog .",
                  "Stanford University is located in California , near Palo Alto .",
                  "I can't believe it 's already 5:30 pm !")),
          new Official(
              "english-bidirectional-distsim.tagger",
              "models-english",
              sentences(
                  "The quick brown fox jumped over the lazy dog .",
                  "Time flies like an arrow ; fruit flies like a banana .",
                  "Acme Widgets Inc. reported record profits in 2023 .")),
          new Official(
              "english-caseless-left3words-distsim.tagger",
              "models-english",
              sentences(
                  "the quick brown fox jumped over the lazy dog .",
                  "STANFORD UNIVERSITY IS LOCATED IN CALIFORNIA .",
                  "ibm corp. and apple inc. announced a deal on tuesday .")),
          new Official(
              "french-ud.tagger",
              "models-french",
              sentences(
                  "Le chat dort sur le canapé .",
                  "Nous avons mangé des pommes hier soir à Paris .")),
          new Official(
              "german-ud.tagger",
              "models-german",
              sentences(
                  "Der Hund läuft schnell über die Straße .",
                  "Die Bundesregierung hat gestern in Berlin ein neues Gesetz beschlossen .")),
          new Official(
              "spanish-ud.tagger",
              "models-spanish",
              sentences(
                  "El perro corre rápidamente por la calle .",
                  "Mañana iremos a Madrid con nuestros amigos .")),
          new Official(
              "italian.tagger",
              "models-italian",
              sentences(
                  "Il gatto dorme sul divano .", "Domani andremo a Roma con i nostri amici .")));

  static List<Official> models() {
    return MODELS;
  }

  private static List<List<String>> tagAll(
      MaxentTagger tagger, List<List<String>> sentences, boolean ownPath) {
    List<List<String>> tags = new ArrayList<>();
    for (List<String> s : sentences) {
      if (ownPath) {
        tags.add(TagSentences.tag(tagger, s));
      } else {
        List<Word> words = s.stream().map(Word::new).collect(Collectors.toList());
        tags.add(
            tagger.tagSentence(words).stream().map(TaggedWord::tag).collect(Collectors.toList()));
      }
    }
    return tags;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void loadsThroughTheFilterAndTagsAsCoreNlpDoes(Official model) throws IOException {
    Path path = model.path();
    assertTrue(
        Files.isRegularFile(path),
        path
            + " missing: run 'mvn generate-test-resources'"
            + " (it unpacks it from stanford-corenlp:4.5.10:"
            + model.jar()
            + ")");
    byte[] bytes = Files.readAllBytes(path);
    // One model in the heap at a time (german-ud takes several hundred MB): tag, drop, reload.
    MaxentTagger safe = SafeModelLoader.load(model.file(), bytes);
    List<List<String>> ours = tagAll(safe, model.sentences(), true);
    safe = null;
    MaxentTagger direct = new MaxentTagger(path.toString()); // CoreNLP's own loading
    List<List<String>> theirs = tagAll(direct, model.sentences(), false);
    assertEquals(theirs, ours, model.file());
    for (int i = 0; i < ours.size(); i++) {
      assertEquals(model.sentences().get(i).size(), ours.get(i).size(), ours.get(i).toString());
    }
  }
}
