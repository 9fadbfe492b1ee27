package dev.tagpipe.tagger;

import edu.stanford.nlp.process.Morphology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * English lemmas from CoreNLP's {@link Morphology}, as its lemma annotator gives them: the lemma of
 * each word given its Penn Treebank tag, and for a verb written with its particle ("pick_up") the
 * verb's lemma with the particle kept. Morphology needs no model (its tables are compiled in) but
 * an instance is not thread-safe: one lemmatizer per DoFn instance, which one thread uses at a
 * time.
 */
final class Lemmatizer {
  private static final Set<String> PARTICLES =
      Set.of(
          "abroad",
          "across",
          "after",
          "ahead",
          "along",
          "aside",
          "away",
          "around",
          "back",
          "down",
          "forward",
          "in",
          "off",
          "on",
          "over",
          "out",
          "round",
          "together",
          "through",
          "up");

  private final Morphology morphology = new Morphology();

  /** The lemma of each token, given its tag. */
  List<String> lemmas(List<String> tokens, List<String> tags) {
    List<String> lemmas = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      lemmas.add(lemma(tokens.get(i), tags.get(i)));
    }
    return lemmas;
  }

  private String lemma(String word, String tag) {
    if (tag.isEmpty()) {
      return morphology.stem(word);
    }
    if (tag.startsWith("VB")) {
      int underscore = word.indexOf('_');
      if (underscore > 0 && underscore == word.lastIndexOf('_')) {
        String particle = word.substring(underscore + 1);
        if (PARTICLES.contains(particle)) {
          return morphology.lemma(word.substring(0, underscore), tag) + '_' + particle;
        }
      }
    }
    return morphology.lemma(word, tag);
  }
}
