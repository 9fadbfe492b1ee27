package dev.tagpipe.model;

import java.util.List;
import java.util.Objects;

/**
 * One input document as read (JSON Lines), whole: its key and id, the record's line exactly as it
 * was (so that document output gives back every input field untouched), and what its text was split
 * into: its sentences in order and the sentences (or the line itself) that were rejected. Tagged as
 * one unit ({@code TagDocuments}), so its sentences need no gathering afterwards.
 *
 * @param key {@code <file>:<line>}, as its sentences' {@link DocumentSpan#documentKey}
 * @param id its id field, else {@code <file>:<line>}
 * @param json the record's line (a JSON object); null if the line was rejected whole
 * @param sentences its sentences, in order
 * @param rejections what of it was rejected as it was read, in order
 */
public record Document(
    String key,
    String id,
    String json,
    List<Sentence> sentences,
    List<Rejection> rejections,
    String language) {
  /** A document whose language is not known (not routed by language). */
  public Document(
      String key, String id, String json, List<Sentence> sentences, List<Rejection> rejections) {
    this(key, id, json, sentences, rejections, null);
  }

  public Document {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    sentences = List.copyOf(sentences);
    rejections = List.copyOf(rejections);
  }

  /** Sentences and rejections: what the read counts for it, and how much a reader holds. */
  public int items() {
    return sentences.size() + rejections.size();
  }
}
