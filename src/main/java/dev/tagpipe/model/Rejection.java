package dev.tagpipe.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sentence (or a piece of input) that could not be tagged, and why. Goes to the rejected output.
 */
public final class Rejection {
  /**
   * Rejection records keep at most this much of the offending input; the id says where the rest is.
   */
  public static final int MAX_INPUT_CHARS = 2_000;

  private final String id;
  private final String reason;
  private final String input;
  private final String documentKey; // the document it belongs to (JSON Lines input), or null
  private final byte[] recordKey; // the key of the stream record it came from, or null

  public Rejection(String id, String reason, String input) {
    this(id, reason, abbreviate(input == null ? "" : input), null, null);
  }

  /** As decoded by {@link Coders.RejectionCoder}: the input was cut when it was made, once. */
  private Rejection(String id, String reason, String input, String documentKey, byte[] recordKey) {
    this.id = Objects.requireNonNull(id, "id");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.input = Objects.requireNonNull(input, "input");
    this.documentKey = documentKey;
    this.recordKey = recordKey;
  }

  static Rejection decoded(String id, String reason, String input) {
    return new Rejection(id, reason, input, null, null);
  }

  static Rejection decoded(
      String id, String reason, String input, String documentKey, byte[] recordKey) {
    return new Rejection(id, reason, input, documentKey, recordKey);
  }

  /** The rejection of {@code sentence}, belonging to its document if it has one. */
  public static Rejection of(Sentence sentence, String reason) {
    Rejection r =
        new Rejection(sentence.id(), reason, sentence.asInputText())
            .withRecordKey(sentence.recordKey());
    return sentence.document() == null ? r : r.inDocument(sentence.document().documentKey());
  }

  /** This rejection, as part of the document keyed {@code documentKey} ({@link DocumentSpan}). */
  public Rejection inDocument(String documentKey) {
    return new Rejection(
        id, reason, input, Objects.requireNonNull(documentKey, "documentKey"), recordKey);
  }

  /** The same rejection under another id. */
  public Rejection withId(String id) {
    return new Rejection(id, reason, input, documentKey, recordKey);
  }

  /** This rejection, of the stream record whose key is {@code recordKey} (null: no key). */
  public Rejection withRecordKey(byte[] recordKey) {
    return new Rejection(id, reason, input, documentKey, recordKey);
  }

  /** The key of the stream record this rejection is about (Kafka input), or null. */
  public byte[] recordKey() {
    return recordKey;
  }

  /** The key of the document this rejection is part of (JSON Lines input), or null. */
  public String documentKey() {
    return documentKey;
  }

  private static String abbreviate(String s) {
    if (s.length() <= MAX_INPUT_CHARS) {
      return s;
    }
    return s.substring(0, MAX_INPUT_CHARS)
        + "...["
        + (s.length() - MAX_INPUT_CHARS)
        + " more characters not shown]";
  }

  public String id() {
    return id;
  }

  public String reason() {
    return reason;
  }

  public String input() {
    return input;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Rejection)) {
      return false;
    }
    Rejection r = (Rejection) o;
    return id.equals(r.id)
        && reason.equals(r.reason)
        && input.equals(r.input)
        && Objects.equals(documentKey, r.documentKey)
        && Arrays.equals(recordKey, r.recordKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, reason, input, documentKey);
  }

  @Override
  public String toString() {
    return "Rejection{" + id + ": " + reason + "}";
  }
}
