package dev.tagpipe.io;

import java.io.IOException;
import java.io.Serializable;

/** Turns the lines of one file into sentences. One implementation per {@link InputFormat}. */
interface SentenceParser extends Serializable {
  /**
   * Parses the whole file and gives {@code sink} the sentences and rejections of the units that
   * {@code share} owns. Units the share does not own are skipped as cheaply as the format allows.
   */
  void parse(String fileName, LineReader lines, Share share, SentenceSink sink) throws IOException;

  /** How many consecutive units go to one reader: enough tokens to be worth a stripe. */
  int unitsPerStripe();

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
