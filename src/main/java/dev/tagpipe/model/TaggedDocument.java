package dev.tagpipe.model;

import java.util.List;
import java.util.Objects;

/**
 * A document with its sentences tagged, in order, and everything of it that was rejected (as read,
 * then as tagged). A document with no sentence tagged is "wholly rejected".
 *
 * @param document the document as read
 * @param tagged its sentences that were tagged, in order
 * @param rejected its rejections: those of reading, then those of tagging
 */
public record TaggedDocument(
    Document document, List<TaggedSentence> tagged, List<Rejection> rejected) {
  public TaggedDocument {
    Objects.requireNonNull(document, "document");
    tagged = List.copyOf(tagged);
    rejected = List.copyOf(rejected);
  }

  /** Whether at least one of its sentences was tagged. */
  public boolean anyTagged() {
    return !tagged.isEmpty();
  }
}
