package dev.tagpipe.io;

import dev.tagpipe.model.Document;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;

/** Where a parser puts what it finds: sentences to tag, and input it must reject. */
interface SentenceSink {
  void sentence(Sentence sentence);

  void rejected(Rejection rejection);

  /**
   * A document read whole (JSON Lines): its sentences and rejections are in it, not given to {@link
   * #sentence} and {@link #rejected}. By default they are given to those one by one.
   */
  default void document(Document document) {
    document.sentences().forEach(this::sentence);
    document.rejections().forEach(this::rejected);
  }

  /**
   * The parser has handed on everything before {@code point} and could go on from there in a new
   * reader (see {@link ResumePoint}). Sinks that do not checkpoint ignore it.
   */
  default void resumableAt(ResumePoint point) {}
}
