package dev.tagpipe.io;

import java.io.IOException;
import java.io.Serializable;

/** Turns the lines of one file into sentences. One implementation per {@link InputFormat}. */
interface SentenceParser extends Serializable {
  void parse(String fileName, LineReader lines, SentenceSink sink) throws IOException;

  static SentenceParser forFormat(InputFormat format) {
    switch (format) {
      case tokens:
        return new TokenLinesParser();
      case text:
        return new PlainTextParser();
      case conllu:
        return new ConlluParser();
      default:
        throw new IllegalArgumentException("unknown input format " + format);
    }
  }
}
