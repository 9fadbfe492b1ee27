package dev.tagpipe.io;

/** How tagged sentences are written. */
public enum OutputFormat {
  /** {@code {"id": ..., "tokens": [...], "tags": [...]}}, one object per line. */
  jsonl(".jsonl"),
  /** {@code id<TAB>word/TAG word/TAG ...}. */
  text(".txt"),
  /** CoNLL-U with XPOS set to the predicted tag. */
  conllu(".conllu");

  private final String suffix;

  OutputFormat(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }
}
