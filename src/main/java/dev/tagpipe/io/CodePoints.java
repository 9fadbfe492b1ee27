package dev.tagpipe.io;

/**
 * Converts UTF-16 offsets into a text (what Java and CoreNLP count) to Unicode code point offsets
 * (what Python's {@code text[begin:end]} and spaCy count) and back, for offsets asked in increasing
 * order: a cursor walks the text once, so a document's tokens cost one pass, not one per token.
 */
final class CodePoints {
  private final String text;
  private int utf16;
  private int codePoints;

  CodePoints(String text) {
    this.text = text;
  }

  /** The code point offset of UTF-16 offset {@code target}. */
  int fromUtf16(int target) {
    if (target < utf16) {
      utf16 = 0;
      codePoints = 0;
    }
    while (utf16 < target) {
      step();
    }
    return codePoints;
  }

  /** The UTF-16 offset of code point offset {@code target}. */
  int toUtf16(int target) {
    if (target < codePoints) {
      utf16 = 0;
      codePoints = 0;
    }
    while (codePoints < target && utf16 < text.length()) {
      step();
    }
    return utf16;
  }

  private void step() {
    char c = text.charAt(utf16++);
    if (Character.isHighSurrogate(c)
        && utf16 < text.length()
        && Character.isLowSurrogate(text.charAt(utf16))) {
      utf16++;
    }
    codePoints++;
  }
}
