package dev.tagpipe.io;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.AbstractTokenizer;
import edu.stanford.nlp.process.Tokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Tokenizes the paragraphs of one file with CoreNLP's tokenizer for their language ({@link
 * TextTokenizer}), reading each through a {@link ParagraphReader}, and splits them into sentences
 * with its {@link WordToSentenceProcessor} as the tokens come: a sentence is handed on as soon as
 * the splitter has ended it, so memory is bounded by the longest sentence, not the paragraph. A
 * "sentence" the splitter cannot end within {@code maxSentenceTokens} tokens is rejected, and its
 * tokens up to the next sentence end are counted, not kept. A {@link SentenceMaker} names and makes
 * the sentences.
 */
final class ParagraphSplitter {
  /** The token the tokenizer gives for a newline with {@code tokenizeNLs}. */
  private static final String NEWLINE = AbstractTokenizer.NEWLINE_TOKEN;

  // The splitter's own defaults: tokens that end a sentence, and tokens that may follow such a
  // token and still belong to the sentence it ends. Seeing a token that is neither after a
  // boundary is what makes the sentences before it final.
  private static final Pattern BOUNDARY =
      Pattern.compile(WordToSentenceProcessor.DEFAULT_BOUNDARY_REGEX);
  private static final Pattern FOLLOWER =
      Pattern.compile(WordToSentenceProcessor.DEFAULT_BOUNDARY_FOLLOWERS_REGEX);

  /** Where a long paragraph can be resumed: at the start of a line, a sentence's. */
  interface ResumePoints {
    ResumePoint at(ParagraphReader.LineStart line, long sentencesBefore);
  }

  /**
   * Names a paragraph's sentences and makes them: by the file line they start on (text files,
   * {@link #byLine}) or by their place in a document ({@link DocumentSentences}).
   */
  interface SentenceMaker {
    /** The id of the next sentence, which starts on {@code line}; asked once per sentence. */
    String nextId(long line);

    /** A kept sentence of these tokens, read through {@code text}. */
    Sentence sentence(String id, List<CoreLabel> tokens, ParagraphReader text);

    /** A rejection of a sentence (or of a paragraph with no tokens). */
    Rejection rejection(String id, String reason, String input);
  }

  /** Ids {@code <file>:<line>:<n>}: the n-th sentence that starts on that line of the file. */
  static SentenceMaker byLine(String fileName) {
    return new SentenceMaker() {
      private long previousLine = -1;
      private int n;

      @Override
      public String nextId(long line) {
        n = line == previousLine ? n + 1 : 1;
        previousLine = line;
        return fileName + ":" + line + ":" + n;
      }

      @Override
      public Sentence sentence(String id, List<CoreLabel> tokens, ParagraphReader text) {
        return Sentence.of(id, words(tokens));
      }

      @Override
      public Rejection rejection(String id, String reason, String input) {
        return new Rejection(id, reason, input);
      }
    };
  }

  /** {@code maker}'s sentences, each to be tagged by {@code language}'s model. */
  static SentenceMaker inLanguage(SentenceMaker maker, String language) {
    return new SentenceMaker() {
      @Override
      public String nextId(long line) {
        return maker.nextId(line);
      }

      @Override
      public Sentence sentence(String id, List<CoreLabel> tokens, ParagraphReader text) {
        return maker.sentence(id, tokens, text).withLanguage(language);
      }

      @Override
      public Rejection rejection(String id, String reason, String input) {
        return maker.rejection(id, reason, input);
      }
    };
  }

  static List<String> words(List<CoreLabel> tokens) {
    List<String> words = new ArrayList<>(tokens.size());
    for (CoreLabel label : tokens) {
      words.add(label.word());
    }
    return words;
  }

  private final SentenceSink sink;
  private final TextTokenizer tokenizer;
  private final int maxSentenceTokens;
  private final SettingNames names;
  private final WordToSentenceProcessor<CoreLabel> splitter = new WordToSentenceProcessor<>();

  ParagraphSplitter(
      SentenceSink sink, TextTokenizer tokenizer, int maxSentenceTokens, SettingNames names) {
    this.sink = sink;
    this.tokenizer = tokenizer;
    this.maxSentenceTokens = maxSentenceTokens;
    this.names = names;
  }

  /**
   * Splits the paragraph that starts at the next line of {@code lines}, up to the line that ends it
   * (left to be read next), giving the sink the sentences {@code keeps} keeps, made by {@code
   * maker}.
   *
   * @param keeps by the sentence's ordinal in the paragraph
   * @param sentencesBefore the paragraph's sentences before this line (resuming inside it), else 0
   * @param resumePoints where the paragraph can be resumed; null: it is read in one go
   */
  void split(
      TextLines lines,
      SentenceMaker maker,
      LongPredicate keeps,
      long sentencesBefore,
      ResumePoints resumePoints)
      throws IOException {
    new Paragraph(lines, maker, keeps, sentencesBefore, resumePoints).tag();
  }

  private enum State {
    KEEPING,
    DROPPING, // tokens of a rejected, too long sentence, up to its boundary
    DROPPING_FOLLOWERS // the boundary's followers (closing quotes, brackets)
  }

  /** One paragraph's tokens, split as they come. */
  private final class Paragraph {
    final ParagraphReader text;
    final SentenceMaker maker;
    final List<CoreLabel> pending = new ArrayList<>(); // tokens of sentences not yet ended
    final LongPredicate keeps;
    final ResumePoints resumePoints;
    boolean boundarySeen; // pending holds a boundary token, so a sentence may have ended
    State state = State.KEEPING;
    long sentences;
    long lastTokenLine = -1;

    Paragraph(
        TextLines lines,
        SentenceMaker maker,
        LongPredicate keeps,
        long sentencesBefore,
        ResumePoints resumePoints) {
      this.text = new ParagraphReader(lines);
      this.maker = maker;
      this.keeps = keeps;
      this.sentences = sentencesBefore;
      this.resumePoints = resumePoints;
    }

    void tag() throws IOException {
      Tokenizer<CoreLabel> tokens = tokenizer.tokenize(text);
      boolean any = false;
      try {
        while (tokens.hasNext()) {
          CoreLabel token = tokens.next();
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
        String id = maker.nextId(text.firstLine());
        if (keeps.test(sentences++)) {
          sink.rejected(
              maker.rejection(
                  id,
                  "no tokens after " + tokenizer.label() + " tokenization",
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
      ParagraphReader.LineStart line = text.lineStartOf(token.beginPosition());
      if (resumePoints != null
          && line.number() != lastTokenLine
          && state == State.KEEPING
          && pending.size() == 1) {
        // Everything before this token is handed on, and it starts both a sentence and a line:
        // a new tokenizer started at this line goes on exactly as this one does.
        sink.resumableAt(resumePoints.at(line, sentences));
      }
      lastTokenLine = line.number();
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
      String id = maker.nextId(text.lineOf(pending.get(0).beginPosition()));
      if (keeps.test(sentences++)) {
        sink.rejected(
            maker.rejection(
                id,
                "more than "
                    + maxSentenceTokens
                    + " tokens without a sentence end, more than "
                    + names.of("maxSentenceTokens")
                    + "="
                    + maxSentenceTokens
                    + "; the rest of it, up to the next sentence end, is not tagged",
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
        String id = maker.nextId(text.lineOf(sentence.get(0).beginPosition()));
        if (!keeps.test(sentences++)) {
          continue;
        }
        sink.sentence(maker.sentence(id, sentence, text));
      }
      pending.clear();
      pending.addAll(unfinished);
    }
  }
}
