package dev.tagpipe.io;

import dev.tagpipe.model.SettingNames;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of one line, plus the checks every line-based format shares. A problem is
 * returned as a human-readable reason instead of thrown, so that it becomes a rejection.
 */
final class LineDecoder {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final SettingNames names;

  /** {@code names}: how the problems name the settings they are about ({@code maxLineBytes}). */
  LineDecoder(SettingNames names) {
    this.names = names;
  }

  /** The decoded line, or the reason it is not acceptable text. */
  static final class Result {
    final String text;
    final String problem;

    private Result(String text, String problem) {
      this.text = text;
      this.problem = problem;
    }
  }

  Result decode(LineReader.Line line) {
    if (line.tooLong()) {
      return new Result(
          "",
          "line is " + line.length + " bytes long, over the limit of " + names.of("maxLineBytes"));
    }
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(line.bytes)).toString();
    } catch (MalformedInputException e) {
      int offset = findMalformedOffset(line.bytes);
      return new Result(
          new String(line.bytes, StandardCharsets.UTF_8),
          "invalid UTF-8 at byte " + (offset + 1) + " of the line; is the file UTF-8 text?");
    } catch (CharacterCodingException e) {
      return new Result(new String(line.bytes, StandardCharsets.UTF_8), "invalid UTF-8");
    }
    if (line.number == 1 && text.startsWith("\uFEFF")) {
      text = text.substring(1); // byte-order mark
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t') {
        return new Result(
            text,
            String.format(
                "control character U+%04X at column %d; the input looks binary", (int) c, i + 1));
      }
    }
    return new Result(text, null);
  }

  private int findMalformedOffset(byte[] bytes) {
    // Decode prefixes until one fails: slow, but only on the error path.
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    decoder.decode(in, out, true);
    return in.position();
  }
}
