package dev.tagpipe.io;

import dev.tagpipe.model.SettingNames;
import java.io.IOException;
import java.io.Serializable;

/** Turns the lines of one file into sentences. One implementation per {@link InputFormat}. */
interface SentenceParser extends Serializable {
  /**
   * Parses the whole file and gives {@code sink} the sentences and rejections of the units that
   * {@code shard} owns. Units the shard does not own are skipped as cheaply as the format allows.
   */
  default void parse(String fileName, LineReader lines, Shard shard, SentenceSink sink)
      throws IOException {
    parse(fileName, lines, shard, sink, ResumePoint.START);
  }

  /**
   * Goes on from {@code from}, a point this parser reported to an earlier sink, with {@code lines}
   * positioned there; gives {@code sink} exactly what the earlier parse would have given after that
   * point. Parsers report such points as they pass them ({@link SentenceSink#resumableAt}) where
   * they can; one that reports none is read in one go.
   */
  void parse(String fileName, LineReader lines, Shard shard, SentenceSink sink, ResumePoint from)
      throws IOException;

  /** How many consecutive units go to one reader: enough tokens to be worth a stripe. */
  int unitsPerStripe();

  /** The parser for {@code format}, its rejections naming settings by their library names. */
  static SentenceParser forFormat(InputFormat format, int maxSentenceTokens) {
    return forFormat(format, maxSentenceTokens, SettingNames.LIBRARY);
  }

  /**
   * The parser for {@code format}. {@code maxSentenceTokens} bounds what a parser holds for one
   * sentence: a sentence it cannot end within a small multiple of it is rejected, not buffered.
   * {@code names} is how its rejections name the settings they are about.
   */
  static SentenceParser forFormat(InputFormat format, int maxSentenceTokens, SettingNames names) {
    return forFormat(format, maxSentenceTokens, names, JsonFields.DEFAULT);
  }

  /**
   * As {@link #forFormat(InputFormat, int, SettingNames)}; for {@code jsonl}, with the fields that
   * hold a document's text and id. A JSON Lines parser hands each document on whole ({@link
   * SentenceSink#document}).
   */
  static SentenceParser forFormat(
      InputFormat format, int maxSentenceTokens, SettingNames names, JsonFields fields) {
    return forFormat(format, maxSentenceTokens, names, fields, TextLanguage.ENGLISH);
  }

  /** As above, raw text ({@code text}, {@code jsonl}) read as {@code language} says. */
  static SentenceParser forFormat(
      InputFormat format,
      int maxSentenceTokens,
      SettingNames names,
      JsonFields fields,
      TextLanguage language) {
    switch (format) {
      case jsonl:
        return new JsonLinesParser(maxSentenceTokens, names, fields, language);
      case tokens:
        return new TokenLinesParser(
            names, language); // a line is a sentence: maxLineBytes bounds it
      case text:
        return new PlainTextParser(maxSentenceTokens, names, language);
      case conllu:
        return new ConlluParser(maxSentenceTokens, names, language);
      default:
        throw new IllegalArgumentException("unknown input format " + format);
    }
  }
}
