package dev.tagpipe.io;

import dev.tagpipe.model.DocumentRecord;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;

/** Where a parser puts what it finds: sentences to tag, and input it must reject. */
interface SentenceSink {
  void sentence(Sentence sentence);

  void rejected(Rejection rejection);

  /** A document read (JSON Lines), before its sentences or its rejection. */
  default void document(DocumentRecord document) {}

  /**
   * The parser has handed on everything before {@code point} and could go on from there in a new
   * reader (see {@link ResumePoint}). Sinks that do not checkpoint ignore it.
   */
  default void resumableAt(ResumePoint point) {}
}
