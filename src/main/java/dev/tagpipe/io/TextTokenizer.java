package dev.tagpipe.io;

import edu.stanford.nlp.international.french.process.FrenchTokenizer;
import edu.stanford.nlp.international.german.process.GermanTokenizerPostProcessor;
import edu.stanford.nlp.international.spanish.process.SpanishTokenizer;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.Tokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * How raw text is cut into tokens, by language, as CoreNLP's own pipeline does it for that language
 * ({@code tokenize.language}): the PTB tokenizer for English, CoreNLP's French and Spanish
 * tokenizers with their default options, and for German the PTB tokenizer with German options and
 * CoreNLP's German post-processing (ordinals such as "31." and ranges such as "1989-1990" kept
 * whole). Every tokenizer also gives newlines as tokens ({@code tokenizeNLs}), which the paragraph
 * splitter needs, and drops characters it cannot tokenize without logging each one.
 *
 * <p>Languages CoreNLP tokenizes with a statistical model or a segmenter are not here: Arabic and
 * Chinese raw text is refused before data is read ({@link #supportsRawText}); Italian and
 * Hungarian, which CoreNLP tokenizes with a model not brought in, use the PTB tokenizer
 * (docs/usage.md).
 */
public enum TextTokenizer {
  /**
   * The options of CoreNLP's own tokenize annotator for English, so that text is split into exactly
   * the tokens CoreNLP's pipeline gives with {@code ssplit.newlineIsSentenceBreak=two} (a blank
   * line ends a sentence: tagpipe's paragraphs). {@code invertible} is not only bookkeeping:
   * without it "COVID-19" splits as COVID -19, not COVID - 19 (it also gives each token its
   * original text and offsets). {@code tokenizeNLs} is what the annotator adds for that
   * sentence-break mode, and it changes tokens too: "-2:30" at the start of a line is "- 2:30"; its
   * newline tokens are dropped by the splitter, as CoreNLP's drops a single one. Untokenizable
   * characters are deleted, as the annotator's default {@code firstDelete} does, without its log
   * line.
   */
  ENGLISH("PTB", "invertible,tokenizeNLs,untokenizable=noneDelete"),
  FRENCH("French", "tokenizeNLs," + FrenchTokenizer.DEFAULT_OPTIONS + ",untokenizable=noneDelete"),
  SPANISH(
      "Spanish", "tokenizeNLs," + SpanishTokenizer.DEFAULT_OPTIONS + ",untokenizable=noneDelete"),
  GERMAN(
      "German",
      "tokenizeNLs,invertible,ptb3Escaping=false,splitHyphenated=true,untokenizable=noneDelete");

  private final String label;
  private final String options;
  private transient TokenizerFactory<CoreLabel> factory;

  TextTokenizer(String label, String options) {
    this.label = label;
    this.options = options;
  }

  /** The tokenizer's name in messages: "PTB", "French", ... */
  public String label() {
    return label;
  }

  /** The tokenizer CoreNLP's pipeline uses for raw text in this language (ISO 639-1). */
  public static TextTokenizer forLanguage(String language) {
    switch (language == null ? "en" : language.toLowerCase(Locale.ROOT)) {
      case "fr":
        return FRENCH;
      case "es":
        return SPANISH;
      case "de":
        return GERMAN;
      default:
        return ENGLISH;
    }
  }

  /**
   * False for the languages whose raw text needs CoreNLP's segmenters (Arabic, Chinese): tagpipe
   * tags them from tokens only.
   */
  public static boolean supportsRawText(String language) {
    return !"ar".equals(language) && !"zh".equals(language);
  }

  /** The options given to the CoreNLP tokenizer. */
  public String options() {
    return options;
  }

  /** A tokenizer over {@code text}, one per paragraph. */
  Tokenizer<CoreLabel> tokenize(Reader text) {
    Tokenizer<CoreLabel> tokenizer = factory().getTokenizer(text);
    return this == GERMAN ? new GermanPostProcessing(tokenizer) : tokenizer;
  }

  private synchronized TokenizerFactory<CoreLabel> factory() {
    if (factory == null) {
      CoreLabelTokenFactory labels = new CoreLabelTokenFactory();
      switch (this) {
        case FRENCH:
          factory = FrenchTokenizer.factory(labels, options);
          break;
        case SPANISH:
          factory = SpanishTokenizer.factory(labels, options);
          break;
        default:
          factory = PTBTokenizer.factory(labels, options);
      }
    }
    return factory;
  }

  /**
   * CoreNLP's German post-processing, applied as the tokens stream: it merges a token with a
   * following ".", "-" or number (ordinals "31." before a month, ranges "1989-1990", abbreviations
   * "bzw."), looking one token further for some. A token that is none of those cannot join the one
   * before it, so when one arrives everything held before it is final: it is processed by CoreNLP's
   * own post-processor with that token as its look-ahead, and the token is held on, as it may start
   * the next merge.
   */
  private static final class GermanPostProcessing implements Tokenizer<CoreLabel> {
    private static final Pattern JOINS_PREVIOUS = Pattern.compile("[0-9]+|\\.|-");
    private static final GermanTokenizerPostProcessor PROCESSOR =
        new GermanTokenizerPostProcessor();

    private final Tokenizer<CoreLabel> tokens;
    private final List<CoreLabel> held = new ArrayList<>();
    private final Deque<CoreLabel> ready = new ArrayDeque<>();

    GermanPostProcessing(Tokenizer<CoreLabel> tokens) {
      this.tokens = tokens;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty()) {
        if (!tokens.hasNext()) {
          if (held.isEmpty()) {
            return false;
          }
          ready.addAll(PROCESSOR.process(held));
          held.clear();
          return true;
        }
        CoreLabel token = tokens.next();
        if (!held.isEmpty() && !JOINS_PREVIOUS.matcher(token.word()).matches()) {
          held.add(token);
          List<CoreLabel> processed = PROCESSOR.process(held);
          ready.addAll(processed.subList(0, processed.size() - 1)); // the last is token, alone
          held.clear();
        }
        held.add(token);
      }
      return true;
    }

    @Override
    public CoreLabel next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    @Override
    public CoreLabel peek() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.peek();
    }

    @Override
    public List<CoreLabel> tokenize() {
      List<CoreLabel> all = new ArrayList<>();
      while (hasNext()) {
        all.add(next());
      }
      return all;
    }
  }
}
