package dev.tagpipe.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Tells a binary file from text by its first bytes, as grep and git do, so that a binary file (an
 * image, a compressed file without its extension) becomes one clear rejection instead of thousands
 * of line rejections, and none of its lines is "tagged" by chance.
 */
final class BinarySniffer {
  static final int SAMPLE_BYTES = 8192;

  /** Text with a few bad bytes stays text: its lines are judged one by one. */
  private static final double MAX_BAD_FRACTION = 0.10;

  /** ...and a short file with a couple of bad bytes too. */
  private static final int MIN_BAD_CHARACTERS = 16;

  private BinarySniffer() {}

  /** Why the sample looks binary, or null if it looks like text. */
  static String problem(byte[] sample, int length) {
    if (length == 0) {
      return null;
    }
    if (length >= 2 && (sample[0] & 0xff) == 0x1f && (sample[1] & 0xff) == 0x8b) {
      return "it is gzip-compressed but its name does not end in .gz; rename it";
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    CharBuffer chars = CharBuffer.allocate(length + 1);
    decoder.decode(ByteBuffer.wrap(sample, 0, length), chars, false);
    chars.flip();
    int bad = 0;
    int total = chars.remaining();
    while (chars.hasRemaining()) {
      char c = chars.get();
      if (c == '\uFFFD' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        bad++;
      }
    }
    if (bad >= MIN_BAD_CHARACTERS && bad > total * MAX_BAD_FRACTION) {
      return String.format(
          "it looks binary (%d of its first %d characters are control"
              + " characters or invalid UTF-8); if it is compressed, give it its extension"
              + " (.gz, .bz2, .zst)",
          bad, total);
    }
    return null;
  }
}
