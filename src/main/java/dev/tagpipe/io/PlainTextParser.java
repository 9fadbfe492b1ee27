package dev.tagpipe.io;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.SettingNames;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import java.io.IOException;
import java.util.List;

/**
 * Raw text. Lines are grouped into paragraphs (separated by blank lines or by a line that must be
 * rejected); each paragraph is tokenized with CoreNLP's PTB tokenizer and split into sentences by
 * its {@link WordToSentenceProcessor} ({@link ParagraphSplitter}, which reads it through a {@link
 * ParagraphReader} pulling lines from {@link TextLines} as the tokenizer needs them, so a paragraph
 * is never held whole: text dumps often have no blank line at all).
 *
 * <p>This class deals the file to its readers. The unit a {@link Shard} deals is the paragraph (and
 * each rejected line): paragraphs other readers own are not tokenized. A paragraph of more than
 * {@value #LONG_PARAGRAPH_LINES} lines is tokenized by every reader, and its sentences are dealt in
 * stripes instead, so that one huge paragraph is still tagged by all readers.
 */
final class PlainTextParser implements SentenceParser {
  /** A paragraph longer than this many lines has its sentences, not itself, dealt to readers. */
  static final int LONG_PARAGRAPH_LINES = 64;

  static final int SENTENCES_PER_STRIPE = 16;

  private final int maxSentenceTokens;
  private final TextTokenizer tokenizer;
  private final SettingNames names;

  PlainTextParser(int maxSentenceTokens) {
    this(maxSentenceTokens, SettingNames.LIBRARY);
  }

  /** With {@code names} for the settings its rejections name. */
  PlainTextParser(int maxSentenceTokens, SettingNames names) {
    this(maxSentenceTokens, names, TextTokenizer.ENGLISH);
  }

  /** Tokenizing with {@code tokenizer}: the text's language's. */
  PlainTextParser(int maxSentenceTokens, SettingNames names, TextTokenizer tokenizer) {
    this.maxSentenceTokens = maxSentenceTokens;
    this.tokenizer = tokenizer;
    this.names = names;
  }

  @Override
  public int unitsPerStripe() {
    return 16; // paragraphs are a few sentences each
  }

  @Override
  public void parse(
      String fileName, LineReader lines, Shard shard, SentenceSink sink, ResumePoint from)
      throws IOException {
    TextLines in = new TextLines(lines, new LineDecoder(names));
    ParagraphSplitter paragraphs = new ParagraphSplitter(sink, tokenizer, maxSentenceTokens, names);
    ParagraphSplitter.SentenceMaker byLine = ParagraphSplitter.byLine(fileName);
    long units = from.unitsBefore(); // paragraphs and rejected lines so far: what a Shard deals
    if (from.insideParagraph()) {
      longParagraph(
          paragraphs,
          in,
          byLine,
          shard,
          from.paragraphUnit(),
          units,
          from.paragraphSentencesBefore());
    }
    for (TextLine line = in.next(); line != null; line = in.next()) {
      if (line.isBlank()) {
        continue;
      }
      // Every unit starts on a line of its own: a clean place to resume.
      sink.resumableAt(ResumePoint.atUnit(line.byteOffset(), line.number() - 1, units));
      if (line.problem() != null) {
        if (shard.owns(units++)) {
          sink.rejected(new Rejection(fileName + ":" + line.number(), line.problem(), line.text()));
        }
        continue;
      }
      long unit = units++;
      List<TextLine> start = in.readParagraphStart(line, LONG_PARAGRAPH_LINES);
      boolean isLong = start.size() > LONG_PARAGRAPH_LINES;
      in.pushBack(start);
      if (isLong) {
        longParagraph(paragraphs, in, byLine, shard, unit, units, 0);
      } else if (shard.owns(unit)) {
        paragraphs.split(in, byLine, k -> true, 0, null);
      } else {
        in.skipParagraph();
      }
    }
  }

  /**
   * Every reader tokenizes a long paragraph (cheap next to tagging) and keeps its stripes of
   * sentences, so that a text without blank lines is still shared; readers take turns from the
   * paragraph's owner on. Where a sentence starts a line, the paragraph can be resumed.
   */
  private static void longParagraph(
      ParagraphSplitter paragraphs,
      TextLines in,
      ParagraphSplitter.SentenceMaker maker,
      Shard shard,
      long unit,
      long unitsAfter,
      long sentencesBefore)
      throws IOException {
    Shard sentences = new Shard(shard.index(), shard.count(), SENTENCES_PER_STRIPE);
    long offset = unit * SENTENCES_PER_STRIPE;
    paragraphs.split(
        in,
        maker,
        k -> sentences.owns(k + offset),
        sentencesBefore,
        (line, sentencesSoFar) ->
            new ResumePoint(
                line.byteOffset(), line.number() - 1, unitsAfter, unit, sentencesSoFar));
  }
}
