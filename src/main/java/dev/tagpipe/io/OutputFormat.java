package dev.tagpipe.io;

/** How tagged sentences are written. */
public enum OutputFormat {
  /** {@code {"id": ..., "tokens": [...], "tags": [...]}}, one object per line. */
  jsonl(".jsonl"),
  /** {@code id<TAB>word/TAG word/TAG ...}. */
  text(".txt"),
  /**
   * CoNLL-U with XPOS set to the predicted tag. From documents: each document's sentences together
   * and in order, after {@code # newdoc id}, each with its {@code # text}.
   */
  conllu(".conllu"),
  /**
   * JSON Lines input only: one record per document, the input record as it was plus a {@code
   * "tagpipe"} object with its sentences ({@link RenderDocuments}).
   */
  documents(".jsonl");

  private final String suffix;

  OutputFormat(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }
}
