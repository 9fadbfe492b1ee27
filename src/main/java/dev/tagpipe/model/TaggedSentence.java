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

  public TaggedSentence(Sentence sentence, List<String> tags, String modelSha256) {
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
        && modelSha256.equals(((TaggedSentence) o).modelSha256);
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
