package dev.tagpipe.io;

/**
 * Strict UTF-8 validation of a line's bytes, without decoding them: what Java's decoder refuses
 * (overlong forms, encoded surrogates, code points above U+10FFFF, truncated sequences) is refused.
 */
final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte that is not valid UTF-8, or -1 if all are. */
  static int firstInvalid(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + n >= b.length) {
        return i; // truncated
      }
      int cp = c & (0x3F >> n);
      for (int k = 1; k <= n; k++) {
        int next = b[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (next & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += n + 1;
    }
    return -1;
  }
}
