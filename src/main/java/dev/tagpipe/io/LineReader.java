package dev.tagpipe.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads raw lines as bytes, so that invalid UTF-8 is detected per line rather than silently
 * replaced for the whole file. Splits on LF, drops a trailing CR (CRLF files), keeps a last line
 * without a final newline. A line longer than {@code maxLineBytes} is not buffered: it is skipped
 * and reported as {@link Line#tooLong()} with its length, so one huge line cannot exhaust memory.
 */
final class LineReader {
  /** One physical line of a file. */
  static final class Line {
    final long number; // 1-based
    final byte[] bytes; // null when too long
    final long length;
    final long startOffset; // of the line's first byte in the (decompressed) file

    Line(long number, byte[] bytes, long length, long startOffset) {
      this.number = number;
      this.bytes = bytes;
      this.length = length;
      this.startOffset = startOffset;
    }

    boolean tooLong() {
      return bytes == null;
    }
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long lineNumber;
  private long bufferStartOffset; // file offset of buf[0]
  private boolean eof;

  LineReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, 0, 0);
  }

  /**
   * Reads from {@code in}, which is positioned at byte {@code startOffset} of the file, just after
   * line {@code linesBefore}: to resume reading a file where an earlier reader stopped.
   */
  LineReader(InputStream in, int maxLineBytes, long linesBefore, long startOffset) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.lineNumber = linesBefore;
    this.bufferStartOffset = startOffset;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    long startOffset = bufferStartOffset + pos;
    byte[] line = new byte[128];
    int len = 0;
    long total = 0;
    boolean sawAny = false;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          if (!sawAny) {
            return null;
          }
          break; // last line without a final newline
        }
      }
      sawAny = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      total += n;
      if (line != null) {
        if (total > maxLineBytes) {
          line = null; // stop buffering; keep counting
        } else {
          if (len + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
          }
          System.arraycopy(buf, start, line, len, n);
          len += n;
        }
      }
      if (pos < limit) { // found '\n'
        pos++;
        break;
      }
    }
    lineNumber++;
    if (line == null) {
      return new Line(lineNumber, null, total, startOffset);
    }
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    return new Line(lineNumber, Arrays.copyOf(line, len), len, startOffset);
  }

  private boolean fill() throws IOException {
    int n = in.read(buf);
    while (n == 0) {
      n = in.read(buf);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    bufferStartOffset += limit;
    pos = 0;
    limit = n;
    return true;
  }
}
