package dev.tagpipe.io;

import dev.tagpipe.lang.LanguageRouting;
import java.io.Serializable;

/**
 * The language of a read's raw text: one language, whose tokenizer splits every text ({@link #of}),
 * or a language found for each document, which picks its tokenizer and its model ({@link #routed}).
 *
 * @param tokenizer the tokenizer when not routing
 * @param routing null when not routing
 */
public record TextLanguage(TextTokenizer tokenizer, LanguageRouting routing)
    implements Serializable {
  /** English text, the default. */
  public static final TextLanguage ENGLISH = new TextLanguage(TextTokenizer.ENGLISH, null);

  /** Text in {@code language} (ISO 639-1): its tokenizer ({@link TextTokenizer#forLanguage}). */
  public static TextLanguage of(String language) {
    return new TextLanguage(TextTokenizer.forLanguage(language), null);
  }

  /** Each document's language found and routed by {@code routing}. */
  public static TextLanguage routed(LanguageRouting routing) {
    return new TextLanguage(TextTokenizer.ENGLISH, routing);
  }

  public boolean isRouted() {
    return routing != null;
  }
}
