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
  private final TextLanguage language;
  private final SettingNames names;

  PlainTextParser(int maxSentenceTokens) {
    this(maxSentenceTokens, SettingNames.LIBRARY);
  }

  /** With {@code names} for the settings its rejections name. */
  PlainTextParser(int maxSentenceTokens, SettingNames names) {
    this(maxSentenceTokens, names, TextLanguage.ENGLISH);
  }

  /** Tokenizing with {@code tokenizer}: the text's language's. */
  PlainTextParser(int maxSentenceTokens, SettingNames names, TextTokenizer tokenizer) {
    this(maxSentenceTokens, names, new TextLanguage(tokenizer, null));
  }

  /**
   * Reading the text as {@code language} says: one language's tokenizer, or each paragraph's
   * language found and routed (its tokenizer, its sentences' model).
   */
  PlainTextParser(int maxSentenceTokens, SettingNames names, TextLanguage language) {
    this.maxSentenceTokens = maxSentenceTokens;
    this.language = language;
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
    Splitters splitters = new Splitters(sink, fileName);
    long units = from.unitsBefore(); // paragraphs and rejected lines so far: what a Shard deals
    if (from.insideParagraph()) {
      // Resumed inside a long paragraph: it keeps the language found at its start.
      splitters.use(from.paragraphLanguage());
      longParagraph(
          splitters, in, shard, from.paragraphUnit(), units, from.paragraphSentencesBefore());
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
      if (!isLong && !shard.owns(unit)) {
        in.skipParagraph();
        continue;
      }
      String rejection = splitters.route(start);
      if (rejection != null) {
        if (shard.owns(unit)) {
          sink.rejected(
              new Rejection(fileName + ":" + line.number() + ":1", rejection, line.text()));
        }
        in.skipParagraph();
      } else if (isLong) {
        longParagraph(splitters, in, shard, unit, units, 0);
      } else {
        splitters.paragraphs.split(in, splitters.maker, k -> true, 0, null);
      }
    }
  }

  /**
   * The splitter and sentence maker for each paragraph: the run's language's, or, routing, the
   * language found for the paragraph's first lines ({@link LanguageIdentifier#MAX_CHARS}).
   */
  private final class Splitters {
    final SentenceSink sink;
    final java.util.Map<TextTokenizer, ParagraphSplitter> byTokenizer =
        new java.util.EnumMap<>(TextTokenizer.class);
    final LanguageRouter router = LanguageRouter.of(language);
    final ParagraphSplitter.SentenceMaker lineIds;
    ParagraphSplitter paragraphs;
    ParagraphSplitter.SentenceMaker maker;
    String routedTo; // routing: the current paragraph's language

    Splitters(SentenceSink sink, String fileName) {
      this.sink = sink;
      this.lineIds = ParagraphSplitter.byLine(fileName);
      this.maker = lineIds;
      this.paragraphs = splitter(language.tokenizer());
    }

    private ParagraphSplitter splitter(TextTokenizer tokenizer) {
      return byTokenizer.computeIfAbsent(
          tokenizer, t -> new ParagraphSplitter(sink, t, maxSentenceTokens, names));
    }

    /**
     * Sets the splitter and maker for the paragraph starting with {@code start}; returns why it is
     * rejected instead (its language has no model), or null.
     */
    String route(List<TextLine> start) {
      if (router == null) {
        return null;
      }
      StringBuilder text = new StringBuilder();
      for (TextLine line : start) {
        if (text.length() >= dev.tagpipe.lang.LanguageIdentifier.MAX_CHARS) {
          break;
        }
        text.append(line.text()).append('\n');
      }
      dev.tagpipe.lang.LanguageRouting.Route route = router.route(text);
      if (route.rejected()) {
        return route.rejection();
      }
      use(route.language());
      return null;
    }

    /** The paragraph's sentences go to {@code language}'s model; null: not routing. */
    void use(String language) {
      this.routedTo = language;
      if (language != null) {
        paragraphs = splitter(TextTokenizer.forLanguage(language));
        maker = ParagraphSplitter.inLanguage(lineIds, language);
      }
    }
  }

  /**
   * Every reader tokenizes a long paragraph (cheap next to tagging) and keeps its stripes of
   * sentences, so that a text without blank lines is still shared; readers take turns from the
   * paragraph's owner on. Where a sentence starts a line, the paragraph can be resumed.
   */
  private static void longParagraph(
      Splitters splitters,
      TextLines in,
      Shard shard,
      long unit,
      long unitsAfter,
      long sentencesBefore)
      throws IOException {
    Shard sentences = new Shard(shard.index(), shard.count(), SENTENCES_PER_STRIPE);
    long offset = unit * SENTENCES_PER_STRIPE;
    String language = splitters.routedTo;
    splitters.paragraphs.split(
        in,
        splitters.maker,
        k -> sentences.owns(k + offset),
        sentencesBefore,
        (line, sentencesSoFar) ->
            new ResumePoint(line.byteOffset(), line.number() - 1, unitsAfter, unit, sentencesSoFar)
                .withParagraphLanguage(language));
  }
}
