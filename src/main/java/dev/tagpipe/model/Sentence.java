package dev.tagpipe.model;

import java.util.List;
import java.util.Objects;

/**
 * One input sentence: a stable id, its tokens, and (for CoNLL-U input only) the original block, so
 * that the CoNLL-U writer can keep every input column.
 */
public final class Sentence {
  private final String id;
  private final List<String> tokens;
  private final String conlluBlock; // null unless the input was CoNLL-U

  public Sentence(String id, List<String> tokens, String conlluBlock) {
    this.id = Objects.requireNonNull(id, "id");
    this.tokens = List.copyOf(tokens);
    this.conlluBlock = conlluBlock;
  }

  public static Sentence of(String id, List<String> tokens) {
    return new Sentence(id, tokens, null);
  }

  public String id() {
    return id;
  }

  public List<String> tokens() {
    return tokens;
  }

  /** The original CoNLL-U lines of this sentence (comments and token lines), or null. */
  public String conlluBlock() {
    return conlluBlock;
  }

  /** The sentence as a reader would recognise it in a rejection record. */
  public String asInputText() {
    return conlluBlock != null ? conlluBlock : String.join(" ", tokens);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Sentence)) {
      return false;
    }
    Sentence s = (Sentence) o;
    return id.equals(s.id) && tokens.equals(s.tokens) && Objects.equals(conlluBlock, s.conlluBlock);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, tokens, conlluBlock);
  }

  @Override
  public String toString() {
    return "Sentence{" + id + ", " + tokens.size() + " tokens}";
  }
}
