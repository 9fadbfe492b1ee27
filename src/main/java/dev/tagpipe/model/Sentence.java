package dev.tagpipe.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One input sentence: a stable id, its tokens, and (for CoNLL-U input only) the original block, so
 * that the CoNLL-U writer can keep every input column; for a document's sentence (JSON Lines
 * input), where it is in the document ({@link DocumentSpan}); for a record of a stream (Kafka), the
 * record's key, so that its output can be keyed as its input was.
 */
public final class Sentence {
  private final String id;
  private final List<String> tokens;
  private final String conlluBlock; // null unless the input was CoNLL-U
  private final DocumentSpan document; // null unless the input was documents
  private final String language; // routing by language: whose model tags it; else null
  private final byte[] recordKey; // the key of the stream record it came from, or null

  public Sentence(String id, List<String> tokens, String conlluBlock) {
    this(id, tokens, conlluBlock, null);
  }

  /** With its place in a document (or null), as {@link #inDocument} and the coders make it. */
  public Sentence(String id, List<String> tokens, String conlluBlock, DocumentSpan document) {
    this(id, tokens, conlluBlock, document, null, null);
  }

  private Sentence(
      String id,
      List<String> tokens,
      String conlluBlock,
      DocumentSpan document,
      String language,
      byte[] recordKey) {
    this.id = Objects.requireNonNull(id, "id");
    this.language = language;
    this.recordKey = recordKey;
    this.tokens = List.copyOf(tokens);
    this.conlluBlock = conlluBlock;
    this.document = document;
    if (document != null
        && document.offsets() != null
        && document.offsets().length != 2 * this.tokens.size()) {
      throw new IllegalArgumentException(
          "sentence "
              + id
              + " has "
              + this.tokens.size()
              + " tokens but offsets for "
              + document.offsets().length / 2);
    }
  }

  /** A document's sentence, its id {@code <document id>:<ordinal>}. */
  /** The same sentence, to be tagged by the model of {@code language} (routing by language). */
  public Sentence withLanguage(String language) {
    return new Sentence(id, tokens, conlluBlock, document, language, recordKey);
  }

  /** The same sentence under another id. */
  public Sentence withId(String id) {
    return new Sentence(id, tokens, conlluBlock, document, language, recordKey);
  }

  /**
   * The same sentence, from the stream record whose key is {@code recordKey} (null: no key): its
   * output record gets the same key, so that partitioning follows the input.
   */
  public Sentence withRecordKey(byte[] recordKey) {
    return new Sentence(id, tokens, conlluBlock, document, language, recordKey);
  }

  /**
   * The key of the stream record this sentence came from, or null (files, or a record with no key).
   */
  public byte[] recordKey() {
    return recordKey;
  }

  /** The language whose model tags it when routing by language (ISO 639-1), else null. */
  public String language() {
    return language;
  }

  public static Sentence inDocument(List<String> tokens, DocumentSpan document) {
    return new Sentence(document.sentenceId(), tokens, null, document);
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

  /** Where the sentence is in its document, or null if it does not come from one. */
  public DocumentSpan document() {
    return document;
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
    return id.equals(s.id)
        && tokens.equals(s.tokens)
        && Objects.equals(conlluBlock, s.conlluBlock)
        && Objects.equals(document, s.document)
        && Objects.equals(language, s.language)
        && Arrays.equals(recordKey, s.recordKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, tokens, conlluBlock, document);
  }

  @Override
  public String toString() {
    return "Sentence{" + id + ", " + tokens.size() + " tokens}";
  }
}
