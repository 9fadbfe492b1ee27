package dev.tagpipe.io;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file's decoded lines, with push-back: a paragraph's reader stops at the line that ends it
 * and gives it back, and a look at what follows a paragraph (its length, the tokenizer's
 * look-ahead) gives back every line it read.
 */
final class TextLines {
  /** Where the lines come from. */
  private interface Source {
    TextLine next() throws IOException; // null at the end
  }

  private final Source source;
  private final ArrayDeque<TextLine> pushedBack = new ArrayDeque<>();

  TextLines(LineReader reader, LineDecoder decoder) {
    this.source =
        () -> {
          LineReader.Line line = reader.next();
          if (line == null) {
            return null;
          }
          LineDecoder.Result r = decoder.decode(line);
          return new TextLine(line.number, line.startOffset, r.text, r.problem);
        };
  }

  private TextLines(Source source) {
    this.source = source;
  }

  /**
   * The lines of a document's text, split at '\n' as a file's are (a '\r' before it dropped),
   * numbered from 1; a line's {@link TextLine#byteOffset} is where it starts in {@code text}, in
   * UTF-16 units. The caller has checked the text (no control characters but tab and line ends).
   */
  static TextLines ofText(String text) {
    int[] next = {0};
    long[] number = {0};
    return new TextLines(
        () -> {
          int start = next[0];
          if (start > text.length() || (start == text.length() && number[0] > 0)) {
            return null;
          }
          int newline = text.indexOf('\n', start);
          int end = newline < 0 ? text.length() : newline;
          next[0] = newline < 0 ? text.length() + 1 : newline + 1;
          int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
          return new TextLine(++number[0], start, text.substring(start, contentEnd), null);
        });
  }

  /** The next line, a pushed-back one first; null at the end of the file. */
  TextLine next() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pollFirst();
    }
    return source.next();
  }

  /** {@link #next} gives {@code line} again. */
  void pushBack(TextLine line) {
    pushedBack.addFirst(line);
  }

  /** {@link #next} gives {@code lines} again, in their order. */
  void pushBack(List<TextLine> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      pushBack(lines.get(i));
    }
  }

  /**
   * The paragraph's lines from {@code first}, at most {@code max} + 1 of them; the line that ends
   * the paragraph, if read, is pushed back.
   */
  List<TextLine> readParagraphStart(TextLine first, int max) throws IOException {
    List<TextLine> start = new ArrayList<>();
    start.add(first);
    while (start.size() <= max) {
      TextLine line = next();
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

  /** Reads up to the line that ends the current paragraph, and pushes that one back. */
  void skipParagraph() throws IOException {
    for (TextLine line = next(); line != null; line = next()) {
      if (line.endsParagraph()) {
        pushBack(line);
        return;
      }
    }
  }
}
