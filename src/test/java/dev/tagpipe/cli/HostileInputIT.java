package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.TestData;
import dev.tagpipe.io.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input loses nothing: every line is tagged or rejected with its reason, ordinary lines
 * next to bad ones are tagged, and read = tagged + rejected.
 */
class HostileInputIT {
  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, String> rejections(String prefix) throws IOException {
    Map<String, String> reasons = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : TestData.readShards(dir, prefix + "-rejected", ".jsonl")) {
      JsonNode o = json.readTree(line);
      assertTrue(o.has("input"), line);
      reasons.put(o.get("id").asText(), o.get("reason").asText());
    }
    return reasons;
  }

  @Test
  void tokenLinesWithEveryKindOfBadLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(utf8("\uFEFFThe cat sat .\n")); // 1 BOM, tagged
    b.write(utf8("\n")); // 2 blank: not a sentence
    b.write(utf8("  \t \n")); // 3 whitespace only: blank
    b.write(new byte[] {'c', 'a', 'f', (byte) 0xC3, '(', '\n'}); // 4 invalid UTF-8
    b.write(utf8("a\u0000b c\n")); // 5 NUL byte
    b.write(utf8("word ".repeat(20_000) + "\n")); // 6 20,000 tokens
    b.write(utf8("x".repeat(100_000) + " end\n")); // 7 100,000-char token
    b.write(utf8("Hello world .\r\n")); // 8 CRLF
    b.write(utf8("It works .\n")); // 9 ordinary
    b.write(utf8("Final line without newline")); // 10 no final newline
    Path input = dir.resolve("hostile.tok");
    Files.write(input, b.toByteArray());
    Path prefix = dir.resolve("tagged");

    CliRun.RunResult r =
        CliRun.runJob("--input=" + input, "--inputFormat=tokens", "--output=" + prefix);
    assertEquals(0, r.code, r.err);

    TaggedOutput got = TaggedOutput.read(dir, "tagged", OutputFormat.jsonl);
    String f = input.toString();
    assertEquals(List.of("The", "cat", "sat", "."), got.tokens.get(f + ":1"), "BOM stripped");
    assertEquals(List.of("Hello", "world", "."), got.tokens.get(f + ":8"), "CR dropped");
    assertEquals(List.of("It", "works", "."), got.tokens.get(f + ":9"));
    assertEquals(List.of("Final", "line", "without", "newline"), got.tokens.get(f + ":10"));
    assertEquals(2, got.tokens.get(f + ":7").size(), "a long token is still a token");
    for (String id : got.tokens.keySet()) {
      assertEquals(TestData.referenceTags(got.tokens.get(id)), got.tags.get(id), id);
    }

    Map<String, String> rejected = rejections("tagged");
    assertTrue(rejected.get(f + ":4").contains("invalid UTF-8"), rejected.toString());
    assertTrue(rejected.get(f + ":5").contains("U+0000"), rejected.toString());
    assertTrue(rejected.get(f + ":6").contains("20000 tokens"), rejected.toString());
    assertEquals(3, rejected.size(), rejected.toString());

    JsonNode s = CliRun.summary(prefix);
    assertEquals(8, s.get("read").asLong(), "blank lines are not sentences");
    assertEquals(5, s.get("tagged").asLong());
    assertEquals(3, s.get("rejected").asLong());
    assertTrue(r.out.contains("read 8 = tagged 5 + rejected 3"), r.out);
  }

  @Test
  void malformedCoNLLUBlocksAreRejectedWholeAndTheRestTagged() throws IOException {
    String good =
        "# sent_id = good-1\n# text = I can't go.\n"
            + "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
            + "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
            + "2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_\n"
            + "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
            + "3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_\n"
            + "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
            + "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";
    String missingColumns = "# sent_id = bad-columns\n1\tHello\thello\n2\tthere\tthere\n";
    String nonNumeric = "# sent_id = bad-id\nx\tHello\t_\t_\t_\t_\t_\t_\t_\t_\n";
    String duplicate = good.replace("I can't go.", "duplicate");
    String noSentId = "1\tStill\t_\t_\t_\t_\t_\t_\t_\t_\n2\there\t_\t_\t_\t_\t_\t_\t_\t_";
    Path input = dir.resolve("bad.conllu");
    Files.writeString(
        input,
        String.join("\n", good, missingColumns, nonNumeric, duplicate, noSentId),
        StandardCharsets.UTF_8);
    Path prefix = dir.resolve("tagged");

    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + input,
            "--inputFormat=conllu",
            "--output=" + prefix,
            "--outputFormat=conllu");
    assertEquals(0, r.code, r.err);

    TaggedOutput got = TaggedOutput.read(dir, "tagged", OutputFormat.conllu);
    assertEquals(
        List.of("I", "ca", "n't", "go", "."),
        got.tokens.get("good-1"),
        "ranges and empty nodes are not tokens");
    assertEquals(TestData.referenceTags(got.tokens.get("good-1")), got.tags.get("good-1"));
    assertEquals(9, got.blocks.get("good-1").size(), "every input line is kept");
    String f = input.toString();
    Map<String, String> rejected = rejections("tagged");
    assertTrue(
        rejected.get("bad-columns").contains("expected 10 tab-separated columns"),
        rejected.toString());
    assertTrue(rejected.get("bad-id").contains("ID 'x'"), rejected.toString());
    String dupKey =
        rejected.keySet().stream().filter(k -> k.startsWith(f + ":")).findFirst().orElseThrow();
    assertTrue(rejected.get(dupKey).contains("duplicate sent_id 'good-1'"), rejected.toString());
    assertEquals(3, rejected.size(), rejected.toString());
    assertEquals(2, got.records, "good-1 and the block without sent_id");

    JsonNode s = CliRun.summary(prefix);
    assertEquals(5, s.get("read").asLong());
    assertEquals(s.get("read").asLong(), s.get("tagged").asLong() + s.get("rejected").asLong());
  }
}
