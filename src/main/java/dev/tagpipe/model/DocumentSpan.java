package dev.tagpipe.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where a sentence sits in the document it came from (JSON Lines input): the document's id, the key
 * that tells it apart within the run, the sentence's place among the document's sentences, and each
 * token's characters in the document's text.
 *
 * <p>{@code offsets} holds {@code [begin, end)} per token, flattened ({@code begin0, end0, begin1,
 * ...}), in Unicode code points of the document's text field, so that Python's {@code
 * text[begin:end]} is the token's original characters; null for a document given already tokenized,
 * which has no text to point into.
 *
 * @param documentId the document's id (its id field, else {@code <file>:<line>})
 * @param documentKey {@code <file>:<line>}: unique in a run, what its sentences are grouped by
 * @param ordinal 1 for the document's first sentence, counting rejected sentences too
 */
public record DocumentSpan(String documentId, String documentKey, int ordinal, int[] offsets) {
  public DocumentSpan {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(documentKey, "documentKey");
    if (ordinal < 1) {
      throw new IllegalArgumentException("a sentence's ordinal starts at 1, not " + ordinal);
    }
  }

  /** The sentence's id: {@code <document id>:<ordinal>}. */
  public String sentenceId() {
    return documentId + ":" + ordinal;
  }

  /** Where token {@code i} begins, in code points of the document's text; -1 without offsets. */
  public int begin(int i) {
    return offsets == null ? -1 : offsets[2 * i];
  }

  /** Where token {@code i} ends (exclusive); -1 without offsets. */
  public int end(int i) {
    return offsets == null ? -1 : offsets[2 * i + 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DocumentSpan d
        && documentId.equals(d.documentId)
        && documentKey.equals(d.documentKey)
        && ordinal == d.ordinal
        && Arrays.equals(offsets, d.offsets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(documentId, documentKey, ordinal, Arrays.hashCode(offsets));
  }

  @Override
  public String toString() {
    return "DocumentSpan{" + sentenceId() + " in " + documentKey + "}";
  }
}
