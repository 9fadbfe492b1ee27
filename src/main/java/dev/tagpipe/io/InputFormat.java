package dev.tagpipe.io;

/** How input files are split into sentences and tokens. */
public enum InputFormat {
  /** One sentence per line, tokens separated by whitespace. Id: {@code <file>:<line>}. */
  tokens,
  /**
   * Raw text: paragraphs (separated by blank lines) are tokenized with CoreNLP's PTB tokenizer and
   * split into sentences. Id: {@code <file>:<line>:<n>}, the n-th sentence that starts on that
   * line.
   */
  text,
  /**
   * CoNLL-U: tokens from the FORM column. Id: the {@code # sent_id}, else {@code <file>:<line>}.
   */
  conllu,
  /**
   * JSON Lines documents: one JSON object per line, whose text field is read as {@code text} reads
   * a file ({@link JsonFields}). Id: {@code <document id>:<n>}, the document's n-th sentence.
   */
  jsonl
}
