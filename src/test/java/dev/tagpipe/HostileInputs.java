package dev.tagpipe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile inputs, one row each, with the outcome defined for it: how many sentences are read,
 * tagged and rejected, and the reason every rejection carries (as the command line words it).
 */
public final class HostileInputs {
  private HostileInputs() {}

  /** One hostile input and its defined outcome. */
  public record Case(
      String name,
      String format,
      byte[] content,
      long read,
      long tagged,
      long rejected,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
        gz.write(bytes);
      }
      return b.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  public static Stream<Case> cases() {
    String fiveMegabyteLine = "token ".repeat(5 * 1024 * 1024 / 6) + "\n";
    String conll = "# sent_id = a\n1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    return Stream.of(
        new Case("empty file", "tokens", new byte[0], 0, 0, 0, null),
        new Case("only blank lines", "tokens", utf8("\n\n  \n\t\n\r\n"), 0, 0, 0, null),
        new Case(
            "20,000-token sentence",
            "tokens",
            utf8("w ".repeat(20_000) + "\nok .\n"),
            2,
            1,
            1,
            "20000 tokens, more than --maxSentenceTokens"),
        new Case(
            "5 MB line",
            "tokens",
            utf8(fiveMegabyteLine + "ok .\n"),
            2,
            1,
            1,
            "more than --maxSentenceTokens"),
        new Case(
            "100,000-character token", "tokens", utf8("x".repeat(100_000) + " .\n"), 1, 1, 0, null),
        new Case(
            "invalid UTF-8",
            "tokens",
            new byte[] {'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, '\n'},
            2,
            1,
            1,
            "invalid UTF-8"),
        new Case("NUL bytes", "tokens", utf8("ok .\nbad\u0000line\n"), 2, 1, 1, "U+0000"),
        new Case(
            "binary file (random bytes)",
            "tokens",
            randomBytes(64 * 1024),
            1,
            0,
            1,
            "binary file: it looks binary"),
        new Case(
            "gzip file without .gz",
            "tokens",
            gzip(utf8("hello world\n".repeat(500))),
            1,
            0,
            1,
            "gzip-compressed but its name does not end in .gz"),
        new Case("byte-order mark", "tokens", utf8("\uFEFFHello world .\n"), 1, 1, 0, null),
        new Case("CRLF", "tokens", utf8("Hello world .\r\nBye .\r\n"), 2, 2, 0, null),
        new Case("no final newline", "tokens", utf8("Hello world ."), 1, 1, 0, null),
        new Case(
            "CoNLL-U missing columns",
            "conllu",
            utf8(conll + "# sent_id = b\n1\tHi\t_\n\n"),
            2,
            1,
            1,
            "10 tab-separated columns"),
        new Case(
            "CoNLL-U non-numeric id",
            "conllu",
            utf8(conll + "# sent_id = b\none\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n\n"),
            2,
            1,
            1,
            "is not a number"),
        new Case(
            "CoNLL-U duplicate sent_id",
            "conllu",
            utf8(conll + conll),
            2,
            1,
            1,
            "duplicate sent_id 'a'"),
        new Case(
            "CoNLL-U multiword tokens and empty nodes",
            "conllu",
            utf8(
                "# sent_id = m\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    + "2\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n2.1\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    + "3\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n\n"),
            1,
            1,
            0,
            null));
  }
}
