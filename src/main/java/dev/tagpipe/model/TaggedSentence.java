package dev.tagpipe.model;

import java.util.List;
import java.util.Objects;

/** A sentence with one predicted part-of-speech tag per token. */
public final class TaggedSentence {
  private final Sentence sentence;
  private final List<String> tags;

  public TaggedSentence(Sentence sentence, List<String> tags) {
    if (tags.size() != sentence.tokens().size()) {
      throw new IllegalArgumentException(
          "sentence " + sentence.id() + " has " + sentence.tokens().size() + " tokens but "
              + tags.size() + " tags");
    }
    this.sentence = sentence;
    this.tags = List.copyOf(tags);
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

  @Override
  public boolean equals(Object o) {
    return o instanceof TaggedSentence
        && sentence.equals(((TaggedSentence) o).sentence)
        && tags.equals(((TaggedSentence) o).tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sentence, tags);
  }

  @Override
  public String toString() {
    return "TaggedSentence{" + id() + ", " + tags + "}";
  }
}
