package dev.tagpipe.io;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Raw text. Lines are grouped into paragraphs (separated by blank lines or by a line that must be
 * rejected); each paragraph is tokenized with CoreNLP's PTB tokenizer and split into sentences by
 * its {@link WordToSentenceProcessor}. A sentence's id is {@code <file>:<line>:<n>}: it is the n-th
 * sentence starting on that line.
 *
 * <p>Streaming: the tokenizer reads the paragraph through a {@link Reader} that pulls lines as it
 * needs them, and sentences are handed on as soon as the splitter has ended them, so memory is
 * bounded by the longest sentence, not the paragraph (text dumps often have no blank line at all).
 * A "sentence" the splitter cannot end within {@code maxSentenceTokens} tokens is rejected, and its
 * tokens up to the next sentence end are counted, not kept.
 *
 * <p>The unit a {@link Share} deals is the paragraph (and each rejected line): paragraphs other
 * readers own are not tokenized. A paragraph of more than {@value #LONG_PARAGRAPH_LINES} lines is
 * tokenized by every reader, and its sentences are dealt in stripes instead, so that one huge
 * paragraph is still tagged by all readers.
 */
final class PlainTextParser implements SentenceParser {
  /**
   * The options of CoreNLP's own tokenize annotator for English, so that text is split into exactly
   * the tokens CoreNLP's pipeline gives with {@code ssplit.newlineIsSentenceBreak=two} (a blank
   * line ends a sentence: tagpipe's paragraphs). {@code invertible} is not only bookkeeping:
   * without it "COVID-19" splits as COVID -19, not COVID - 19 (it also gives each token its
   * original text and offsets). {@code tokenizeNLs} is what the annotator adds for that
   * sentence-break mode, and it changes tokens too: "-2:30" at the start of a line is "- 2:30"; its
   * newline tokens are dropped here, as the splitter drops a single one. Untokenizable characters
   * are deleted, as the annotator's default {@code firstDelete} does, without its log line.
   */
  static final String TOKENIZER_OPTIONS = "invertible,tokenizeNLs,untokenizable=noneDelete";

  /** The token the tokenizer gives for a newline with {@code tokenizeNLs}. */
  private static final String NEWLINE = edu.stanford.nlp.process.AbstractTokenizer.NEWLINE_TOKEN;

  // The splitter's own defaults: tokens that end a sentence, and tokens that may follow such a
  // token and still belong to the sentence it ends. Seeing a token that is neither after a
  // boundary is what makes the sentences before it final.
  private static final Pattern BOUNDARY =
      Pattern.compile(WordToSentenceProcessor.DEFAULT_BOUNDARY_REGEX);
  private static final Pattern FOLLOWER =
      Pattern.compile(WordToSentenceProcessor.DEFAULT_BOUNDARY_FOLLOWERS_REGEX);

  /** A paragraph longer than this many lines has its sentences, not itself, dealt to readers. */
  static final int LONG_PARAGRAPH_LINES = 64;

  static final int SENTENCES_PER_STRIPE = 16;

  private final int maxSentenceTokens;
  private final String tokenizerOptions;

  PlainTextParser(int maxSentenceTokens) {
    this(maxSentenceTokens, TOKENIZER_OPTIONS);
  }

  /** With other tokenizer options: for the benchmark's comparison with the old ones only. */
  PlainTextParser(int maxSentenceTokens, String tokenizerOptions) {
    this.maxSentenceTokens = maxSentenceTokens;
    this.tokenizerOptions = tokenizerOptions;
  }

  @Override
  public int unitsPerStripe() {
    return 16; // paragraphs are a few sentences each
  }

  @Override
  public void parse(
      String fileName, LineReader lines, Share share, SentenceSink sink, ResumePoint from)
      throws IOException {
    Lines in = new Lines(lines, new LineDecoder());
    WordToSentenceProcessor<CoreLabel> splitter = new WordToSentenceProcessor<>();
    long units = from.unitsBefore(); // paragraphs and rejected lines so far: what a Share deals
    if (from.insideParagraph()) {
      longParagraph(
          fileName,
          in,
          splitter,
          sink,
          share,
          from.paragraphUnit(),
          units,
          from.paragraphSentencesBefore());
    }
    for (Decoded line = in.next(); line != null; line = in.next()) {
      if (line.problem() == null && line.text().isBlank()) {
        continue;
      }
      // Every unit starts on a line of its own: a clean place to resume.
      sink.resumableAt(ResumePoint.atUnit(line.startOffset(), line.number() - 1, units));
      if (line.problem() != null) {
        if (share.owns(units++)) {
          sink.rejected(new Rejection(fileName + ":" + line.number(), line.problem(), line.text()));
        }
        continue;
      }
      long unit = units++;
      List<Decoded> start = in.readParagraphStart(line, LONG_PARAGRAPH_LINES);
      boolean isLong = start.size() > LONG_PARAGRAPH_LINES;
      in.pushBack(start);
      if (isLong) {
        longParagraph(fileName, in, splitter, sink, share, unit, units, 0);
      } else if (share.owns(unit)) {
        new Paragraph(fileName, in, splitter, sink, k -> true, 0, null).tag();
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
  private void longParagraph(
      String fileName,
      Lines in,
      WordToSentenceProcessor<CoreLabel> splitter,
      SentenceSink sink,
      Share share,
      long unit,
      long unitsAfter,
      long sentencesBefore)
      throws IOException {
    Share sentences = new Share(share.index(), share.count(), SENTENCES_PER_STRIPE);
    long offset = unit * SENTENCES_PER_STRIPE;
    new Paragraph(
            fileName,
            in,
            splitter,
            sink,
            k -> sentences.owns(k + offset),
            sentencesBefore,
            (line, sentencesSoFar) ->
                new ResumePoint(line[2], line[1] - 1, unitsAfter, unit, sentencesSoFar))
        .tag();
  }

  /** Where a long paragraph can be resumed: at the start {line} of a line, a sentence's. */
  private interface ResumePoints {
    ResumePoint at(long[] lineStart, long sentencesBefore);
  }

  private record Decoded(long number, long startOffset, String text, String problem) {
    boolean endsParagraph() {
      return problem != null || text.isBlank();
    }
  }

  /** The file's decoded lines, with one line of look-back so a paragraph can stop before it. */
  private static final class Lines {
    private final LineReader reader;
    private final LineDecoder decoder;
    private final ArrayDeque<Decoded> pushedBack = new ArrayDeque<>();

    Lines(LineReader reader, LineDecoder decoder) {
      this.reader = reader;
      this.decoder = decoder;
    }

    Decoded next() throws IOException {
      if (!pushedBack.isEmpty()) {
        return pushedBack.pollFirst();
      }
      LineReader.Line line = reader.next();
      if (line == null) {
        return null;
      }
      LineDecoder.Result r = decoder.decode(line);
      return new Decoded(line.number, line.startOffset, r.text, r.problem);
    }

    void pushBack(Decoded line) {
      pushedBack.addFirst(line);
    }

    void pushBack(List<Decoded> lines) {
      for (int i = lines.size() - 1; i >= 0; i--) {
        pushBack(lines.get(i));
      }
    }

    /** The paragraph's lines from {@code first}, at most {@code max} + 1 of them. */
    List<Decoded> readParagraphStart(Decoded first, int max) throws IOException {
      List<Decoded> start = new ArrayList<>();
      start.add(first);
      while (start.size() <= max) {
        Decoded line = next();
        if (line == null) {
          break;
        }
        if (line.endsParagraph()) {
          pushBack(line);
          break;
        }
        start.add(line);
      }
      return start;
    }

    void skipParagraph() throws IOException {
      for (Decoded line = next(); line != null; line = next()) {
        if (line.endsParagraph()) {
          pushBack(line);
          return;
        }
      }
    }
  }

  /** One paragraph, read by the tokenizer through {@link ParagraphReader} and split as it goes. */
  private final class Paragraph {
    final String fileName;
    final SentenceSink sink;
    final ParagraphReader text;
    final List<CoreLabel> pending = new ArrayList<>(); // tokens of sentences not yet ended
    boolean boundarySeen; // pending holds a boundary token, so a sentence may have ended
    State state = State.KEEPING;
    long previousLine = -1;
    int n;

    final WordToSentenceProcessor<CoreLabel> splitter;
    final LongPredicate keeps; // by the sentence's ordinal in the paragraph
    final ResumePoints resumePoints; // null: this paragraph is read in one go
    long sentences;
    long lastTokenLine = -1;

    Paragraph(
        String fileName,
        Lines lines,
        WordToSentenceProcessor<CoreLabel> splitter,
        SentenceSink sink,
        LongPredicate keeps,
        long sentencesBefore,
        ResumePoints resumePoints) {
      this.fileName = fileName;
      this.splitter = splitter;
      this.keeps = keeps;
      this.sink = sink;
      this.sentences = sentencesBefore;
      this.resumePoints = resumePoints;
      this.text = new ParagraphReader(lines);
    }

    void tag() throws IOException {
      PTBTokenizer<CoreLabel> tokenizer =
          new PTBTokenizer<>(text, new CoreLabelTokenFactory(), tokenizerOptions);
      boolean any = false;
      try {
        while (tokenizer.hasNext()) {
          CoreLabel token = tokenizer.next();
          if (token.beginPosition() >= text.contentEnd()) {
            break; // the next paragraph's start, read only as the tokenizer's look-ahead
          }
          if (!token.word().equals(NEWLINE)) { // a newline inside a paragraph ends nothing
            add(token);
            any = true;
          }
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (!any) {
        if (keeps.test(sentences++)) {
          sink.rejected(
              new Rejection(
                  fileName + ":" + text.firstLine() + ":1",
                  "no tokens after PTB tokenization",
                  text.firstLineText()));
        }
        return;
      }
      emit(pending.isEmpty() ? List.of() : splitter.process(pending), true);
    }

    private void add(CoreLabel token) {
      boolean boundary = BOUNDARY.matcher(token.word()).matches();
      boolean follower = FOLLOWER.matcher(token.word()).matches();
      switch (state) {
        case DROPPING: // the rest of a sentence that was too long ends at a boundary
          if (boundary) {
            state = State.DROPPING_FOLLOWERS;
          }
          text.forgetBefore(token.beginPosition());
          return;
        case DROPPING_FOLLOWERS:
          if (boundary || follower) {
            return;
          }
          state = State.KEEPING; // this token starts the next sentence
          break;
        default:
          break;
      }
      pending.add(token);
      if (boundarySeen && !boundary && !follower) {
        // The splitter has seen what follows a boundary: the sentences before this token are
        // final. Hand them on and keep the unfinished one.
        emit(splitter.process(pending), false);
        boundarySeen = false;
        for (CoreLabel kept : pending) {
          boundarySeen |= BOUNDARY.matcher(kept.word()).matches();
        }
      } else {
        boundarySeen |= boundary;
      }
      if (!boundarySeen && pending.size() > maxSentenceTokens) {
        rejectTooLong();
      }
      long[] line = text.lineStartOf(token.beginPosition());
      if (resumePoints != null
          && line[1] != lastTokenLine
          && state == State.KEEPING
          && pending.size() == 1) {
        // Everything before this token is handed on, and it starts both a sentence and a line:
        // a new tokenizer started at this line goes on exactly as this one does.
        sink.resumableAt(resumePoints.at(line, sentences));
      }
      lastTokenLine = line[1];
      text.forgetBefore(pending.isEmpty() ? token.beginPosition() : pending.get(0).beginPosition());
    }

    /** More tokens than a sentence may have and no end yet: reject it, drop the rest of it. */
    private void rejectTooLong() {
      StringBuilder shown = new StringBuilder();
      for (CoreLabel t : pending) {
        if (shown.length() > Rejection.MAX_INPUT_CHARS) {
          break;
        }
        shown.append(shown.length() > 0 ? " " : "").append(t.word());
      }
      String id = nextId(text.lineOf(pending.get(0).beginPosition()));
      if (keeps.test(sentences++)) {
        sink.rejected(
            new Rejection(
                id,
                "more than "
                    + maxSentenceTokens
                    + " tokens without a sentence end, more than"
                    + " --maxSentenceTokens="
                    + maxSentenceTokens
                    + "; the rest of it, up to the next"
                    + " sentence end, is not tagged",
                shown.toString()));
      }
      pending.clear();
      state = State.DROPPING;
    }

    /** Hands on the split sentences: all of them at the paragraph's end, else all but the last. */
    private void emit(List<List<CoreLabel>> split, boolean all) {
      int last = split.size() - 1;
      List<CoreLabel> unfinished = all || last < 0 ? List.of() : new ArrayList<>(split.get(last));
      for (int i = 0; i <= (all ? last : last - 1); i++) {
        List<CoreLabel> sentence = split.get(i);
        if (sentence.isEmpty()) {
          continue;
        }
        String id = nextId(text.lineOf(sentence.get(0).beginPosition()));
        if (!keeps.test(sentences++)) {
          continue;
        }
        List<String> words = new ArrayList<>(sentence.size());
        for (CoreLabel label : sentence) {
          words.add(label.word());
        }
        sink.sentence(Sentence.of(id, words));
      }
      pending.clear();
      pending.addAll(unfinished);
    }

    private String nextId(long line) {
      n = line == previousLine ? n + 1 : 1;
      previousLine = line;
      return fileName + ":" + line + ":" + n;
    }
  }

  private enum State {
    KEEPING,
    DROPPING, // tokens of a rejected, too long sentence, up to its boundary
    DROPPING_FOLLOWERS // the boundary's followers (closing quotes, brackets)
  }

  /**
   * The text of one paragraph as the tokenizer reads it: its lines joined by '\n', pulled from the
   * file only when asked for, ending before the blank or rejected line that ends it. Keeps the
   * start offset of each line not yet forgotten, to give a token's line.
   *
   * <p>CoreNLP's tokenizer decides some tokens by what is around them, across whitespace: a
   * paragraph ending in "part...." followed by a capitalized word gives "..." ".", at the end of
   * the input "....", and "-2:30" after a newline is "-" "2:30". So that a paragraph is split as
   * CoreNLP's pipeline splits it within the whole file, the reader gives the tokenizer what the
   * file has around the paragraph: the newline before it (unless it starts the file), and after it
   * the blank line and the next paragraph's first line, which the tokenizer may read but whose
   * tokens ({@link #contentEnd} on) are not the paragraph's.
   */
  private static final class ParagraphReader extends Reader {
    /** At most this many blank lines, and characters of the line after them, are looked at. */
    private static final int LOOK_AHEAD_LINES = 16;

    private static final int LOOK_AHEAD_CHARS = 1024;

    private final Lines lines;
    private final ArrayDeque<long[]> starts = new ArrayDeque<>(); // see lineStartOf
    private String current = "";
    private int pos;
    private long offset; // chars handed out so far
    private boolean ended;
    private long contentEnd = Long.MAX_VALUE; // known once the paragraph's last line is read
    private long firstLine = -1;
    private String firstLineText;

    ParagraphReader(Lines lines) {
      this.lines = lines;
    }

    /** Where the paragraph's text ends and the look-ahead begins (a char offset). */
    long contentEnd() {
      return contentEnd;
    }

    long firstLine() {
      return firstLine;
    }

    String firstLineText() {
      return firstLineText;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos == current.length() && !nextLine()) {
        return -1;
      }
      int n = Math.min(len, current.length() - pos);
      current.getChars(pos, pos + n, buf, off);
      pos += n;
      offset += n;
      return n;
    }

    private boolean nextLine() {
      if (ended) {
        return false;
      }
      try {
        Decoded line = lines.next();
        if (line == null || line.endsParagraph()) {
          ended = true;
          contentEnd = offset;
          current = lookAhead(line);
          pos = 0;
          return !current.isEmpty();
        }
        boolean first = firstLine < 0;
        if (first) {
          firstLine = line.number();
          firstLineText = line.text();
        }
        // The '\n' before a line (the file's first has none) belongs to the previous line.
        boolean newlineBefore = !first || line.number() > 1;
        current = newlineBefore ? "\n" + line.text() : line.text();
        starts.addLast(
            new long[] {offset + (newlineBefore ? 1 : 0), line.number(), line.startOffset()});
        pos = 0;
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * What the file has after the paragraph, for the tokenizer's look-ahead: the last line's
     * newline and, after blank lines, the start of the next text line; every line read for it is
     * given back to {@link #lines}.
     */
    private String lookAhead(Decoded end) throws IOException {
      if (end == null || end.problem() != null) {
        if (end != null) {
          lines.pushBack(end);
        }
        return "\n";
      }
      List<Decoded> read = new ArrayList<>();
      read.add(end);
      Decoded next = lines.next();
      while (next != null
          && next.problem() == null
          && next.text().isBlank()
          && read.size() < LOOK_AHEAD_LINES) {
        read.add(next);
        next = lines.next();
      }
      if (next != null) {
        read.add(next);
      }
      lines.pushBack(read);
      if (next == null || next.problem() != null || next.text().isBlank()) {
        return "\n\n";
      }
      String text = next.text();
      return "\n\n" + text.substring(0, Math.min(text.length(), LOOK_AHEAD_CHARS));
    }

    /** The line a character offset of this paragraph is on. */
    long lineOf(long charOffset) {
      return lineStartOf(charOffset)[1];
    }

    /** {char offset, line number, byte offset in the file} of the line this offset is on. */
    long[] lineStartOf(long charOffset) {
      long[] line = starts.peekFirst();
      for (long[] start : starts) {
        if (start[0] > charOffset) {
          break;
        }
        line = start;
      }
      return line;
    }

    /** No token before this offset will be asked about again: drop the lines that end before. */
    void forgetBefore(long charOffset) {
      while (starts.size() > 1) {
        long[] first = starts.pollFirst();
        if (starts.peekFirst()[0] > charOffset) {
          starts.addFirst(first);
          return;
        }
      }
    }

    @Override
    public void close() {}
  }
}
