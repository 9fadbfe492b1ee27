package dev.tagpipe.model;

import java.util.List;
import java.util.Objects;

/**
 * A sentence with one predicted part-of-speech tag per token, and the SHA-256 of the model that
 * predicted them (so that every output record says which model tagged it).
 */
public final class TaggedSentence {
  /** How much of the model's SHA-256 the output shows (as git shortens hashes). */
  public static final int SHORT_SHA_LENGTH = 12;

  private final Sentence sentence;
  private final List<String> tags;
  private final String modelSha256;
  private final String language; // null: not routed by language
  private final List<String> lemmas; // null: not asked for

  public TaggedSentence(Sentence sentence, List<String> tags, String modelSha256) {
    this(sentence, tags, modelSha256, null, null);
  }

  public TaggedSentence(
      Sentence sentence,
      List<String> tags,
      String modelSha256,
      String language,
      List<String> lemmas) {
    if (tags.size() != sentence.tokens().size()) {
      throw new IllegalArgumentException(
          "sentence "
              + sentence.id()
              + " has "
              + sentence.tokens().size()
              + " tokens but "
              + tags.size()
              + " tags");
    }
    this.sentence = sentence;
    this.tags = List.copyOf(tags);
    this.modelSha256 = Objects.requireNonNull(modelSha256, "modelSha256");
    if (lemmas != null && lemmas.size() != tags.size()) {
      throw new IllegalArgumentException(
          "sentence "
              + sentence.id()
              + " has "
              + tags.size()
              + " tags but "
              + lemmas.size()
              + " lemmas");
    }
    this.language = language;
    this.lemmas = lemmas == null ? null : List.copyOf(lemmas);
  }

  /** The same sentence, tagged by the model of this language (ISO 639-1) when routing. */
  public TaggedSentence withLanguage(String language) {
    return new TaggedSentence(sentence, tags, modelSha256, language, lemmas);
  }

  /** The same sentence with each token's lemma. */
  public TaggedSentence withLemmas(List<String> lemmas) {
    return new TaggedSentence(sentence, tags, modelSha256, language, lemmas);
  }

  /** The language whose model tagged it (ISO 639-1), or null when the run does not route. */
  public String language() {
    return language;
  }

  /** Each token's lemma, or null when lemmas were not asked for. */
  public List<String> lemmas() {
    return lemmas;
  }

  public Sentence sentence() {
    return sentence;
  }

  public String id() {
    return sentence.id();
  }

  public List<String> tokens() {
    return sentence.tokens();
  }

  public List<String> tags() {
    return tags;
  }

  /** The full SHA-256 (hex) of the model that tagged this sentence. */
  public String modelSha256() {
    return modelSha256;
  }

  /** Its first {@value #SHORT_SHA_LENGTH} hex digits, as the output shows it. */
  public String shortModelSha256() {
    return modelSha256.substring(0, Math.min(SHORT_SHA_LENGTH, modelSha256.length()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaggedSentence
        && sentence.equals(((TaggedSentence) o).sentence)
        && tags.equals(((TaggedSentence) o).tags)
        && modelSha256.equals(((TaggedSentence) o).modelSha256)
        && Objects.equals(language, ((TaggedSentence) o).language)
        && Objects.equals(lemmas, ((TaggedSentence) o).lemmas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sentence, tags, modelSha256);
  }

  @Override
  public String toString() {
    return "TaggedSentence{" + id() + ", " + tags + ", model " + shortModelSha256() + "}";
  }
}
