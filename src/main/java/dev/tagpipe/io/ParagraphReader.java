package dev.tagpipe.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one paragraph as the tokenizer reads it: its lines joined by '\n', pulled from the
 * file only when asked for, ending before the blank or rejected line that ends it. Keeps where each
 * line not yet forgotten starts ({@link LineStart}), to give a token's line.
 *
 * <p>CoreNLP's tokenizer decides some tokens by what is around them, across whitespace: a paragraph
 * ending in "part...." followed by a capitalized word gives "..." ".", at the end of the input
 * "....", and "-2:30" after a newline is "-" "2:30". So that a paragraph is split as CoreNLP's
 * pipeline splits it within the whole file, the reader gives the tokenizer what the file has around
 * the paragraph: the newline before it (unless it starts the file), and after it the blank line and
 * the next paragraph's first line, which the tokenizer may read but whose tokens ({@link
 * #contentEnd} on) are not the paragraph's.
 */
final class ParagraphReader extends Reader {
  /** At most this many blank lines, and characters of the line after them, are looked at. */
  private static final int LOOK_AHEAD_LINES = 16;

  private static final int LOOK_AHEAD_CHARS = 1024;

  /**
   * Where a line of the paragraph starts.
   *
   * @param charOffset in the text this reader gives (after the '\n' before the line)
   * @param number the line's number in the file
   * @param byteOffset of the line's first byte in the (decompressed) file
   */
  record LineStart(long charOffset, long number, long byteOffset) {}

  private final TextLines lines;
  private final ArrayDeque<LineStart> starts = new ArrayDeque<>(); // see lineStartOf
  private String current = "";
  private int pos;
  private long offset; // chars handed out so far
  private boolean ended;
  private long contentEnd = Long.MAX_VALUE; // known once the paragraph's last line is read
  private long firstLine = -1;
  private String firstLineText;

  ParagraphReader(TextLines lines) {
    this.lines = lines;
  }

  /** Where the paragraph's text ends and the look-ahead begins (a char offset). */
  long contentEnd() {
    return contentEnd;
  }

  /** The number of the paragraph's first line (-1 before it is read). */
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
      TextLine line = lines.next();
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
          new LineStart(offset + (newlineBefore ? 1 : 0), line.number(), line.byteOffset()));
      pos = 0;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the splitter throws the cause again
    }
  }

  /**
   * What the file has after the paragraph, for the tokenizer's look-ahead: the last line's newline
   * and, after blank lines, the start of the next text line; every line read for it is given back
   * to {@link #lines}.
   */
  private String lookAhead(TextLine end) throws IOException {
    if (end == null || end.problem() != null) {
      if (end != null) {
        lines.pushBack(end);
      }
      return "\n";
    }
    List<TextLine> read = new ArrayList<>();
    read.add(end);
    TextLine next = lines.next();
    while (next != null && next.isBlank() && read.size() < LOOK_AHEAD_LINES) {
      read.add(next);
      next = lines.next();
    }
    if (next != null) {
      read.add(next);
    }
    lines.pushBack(read);
    if (next == null || next.endsParagraph()) {
      return "\n\n";
    }
    String text = next.text();
    return "\n\n" + text.substring(0, Math.min(text.length(), LOOK_AHEAD_CHARS));
  }

  /** The number of the line a character offset of this paragraph is on. */
  long lineOf(long charOffset) {
    return lineStartOf(charOffset).number();
  }

  /** The start of the line this character offset is on. */
  LineStart lineStartOf(long charOffset) {
    LineStart line = starts.peekFirst();
    for (LineStart start : starts) {
      if (start.charOffset() > charOffset) {
        break;
      }
      line = start;
    }
    return line;
  }

  /** No token before this offset will be asked about again: drop the lines that end before. */
  void forgetBefore(long charOffset) {
    while (starts.size() > 1) {
      LineStart first = starts.pollFirst();
      if (starts.peekFirst().charOffset() > charOffset) {
        starts.addFirst(first);
        return;
      }
    }
  }

  @Override
  public void close() {}
}
