package dev.tagpipe.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.model.Document;
import dev.tagpipe.model.DocumentSpan;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JSON Lines documents: a document's text splits into the sentences a text file of that text splits
 * into; ids are {@code <document id>:<n>}; offsets are code points into the text field; every line
 * that cannot be a document is rejected whole, with its reason, and counted as a document.
 */
class JsonLinesParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Parsed(
      List<Document> documents, List<Sentence> sentences, List<Rejection> rejections) {}

  private static Parsed parse(byte[] bytes, JsonFields fields, int maxSentenceTokens)
      throws IOException {
    Parsed p = new Parsed(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    new JsonLinesParser(maxSentenceTokens, SettingNames.withPrefix("--"), fields)
        .parse(
            "f.jsonl",
            new LineReader(new ByteArrayInputStream(bytes), 4096),
            new Shard(0, 1, 4),
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                p.sentences.add(sentence);
              }

              @Override
              public void rejected(Rejection rejection) {
                p.rejections.add(rejection);
              }

              @Override
              public void document(Document document) {
                p.documents.add(document);
                p.sentences.addAll(document.sentences());
                p.rejections.addAll(document.rejections());
              }
            });
    return p;
  }

  private static Parsed parse(String lines) throws IOException {
    return parse(lines.getBytes(UTF_8), JsonFields.DEFAULT, 1000);
  }

  private static List<Sentence> asTextFile(String text) throws IOException {
    List<Sentence> sentences = new ArrayList<>();
    new PlainTextParser(1000)
        .parse(
            "t",
            new LineReader(new ByteArrayInputStream(text.getBytes(UTF_8)), 1 << 20),
            new Shard(0, 1, 16),
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                sentences.add(sentence);
              }

              @Override
              public void rejected(Rejection rejection) {}
            });
    return sentences;
  }

  private static String line(Map<String, Object> record) throws IOException {
    return JSON.writeValueAsString(record) + "\n";
  }

  @Test
  void aDocumentSplitsAsTheSameTextInAFileWithIdsAndCodePointOffsets() throws IOException {
    String text =
        "\uD83D\uDE00 Dr. Smith arrived at 5 p.m. He said: \"It's (mostly) fine.\"\r\n"
            + "Then he left \uD835\uDD18\uD835\uDD2B\uD835\uDD26 quickly.\n\n"
            + "  A second paragraph -- with U.S. dollars, $5.50 and COVID-19.\n"
            + "-2:30 is a time.";
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", "doc-7");
    record.put("meta", Map.of("source", "test"));
    record.put("text", text);
    Parsed p = parse(line(record));

    List<Sentence> expected = asTextFile(text);
    assertTrue(expected.size() >= 4, "the text has several sentences: " + expected.size());
    assertEquals(
        expected.stream().map(Sentence::tokens).toList(),
        p.sentences.stream().map(Sentence::tokens).toList(),
        "the same sentences as the text read from a file");
    int[] codePoints = text.codePoints().toArray();
    for (int n = 0; n < p.sentences.size(); n++) {
      Sentence s = p.sentences.get(n);
      DocumentSpan d = s.document();
      assertEquals("doc-7:" + (n + 1), s.id());
      assertEquals("doc-7", d.documentId());
      assertEquals("f.jsonl:1", d.documentKey());
      assertEquals(n + 1, d.ordinal());
      for (int i = 0; i < s.tokens().size(); i++) {
        String original = new String(codePoints, d.begin(i), d.end(i) - d.begin(i));
        String token = s.tokens().get(i);
        // CoreNLP's normalisations: quotes, and a sentence-final abbreviation's period doubled.
        boolean normalised = token.equals("``") || token.equals("''") || token.equals("p.m.");
        assertTrue(
            original.equals(token) || normalised,
            "token " + token + " of " + s.id() + " is text[begin:end], not " + original);
      }
    }
    assertEquals(1, p.documents.size());
    assertEquals("doc-7", p.documents.get(0).id());
    assertEquals(line(record).trim(), p.documents.get(0).json(), "the record's line as it was");
    assertEquals(List.of(), p.rejections);
  }

  @Test
  void everyLineThatCannotBeADocumentIsRejectedWholeWithItsReason() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[][] lines = {
      {"{\"id\": \"a\", \"text\": \"Fine.\"}", null},
      {"{\"id\": \"b\", \"text\": \"Unclosed.\"", "not JSON"},
      {"[\"an\", \"array\"]", "the line's JSON value is an array, not an object"},
      {"\"just a string\"", "not an object"},
      {
        "{\"id\": \"c\"}",
        "no text field \"text\"; name the field that holds the text with --textField"
      },
      {"{\"id\": \"d\", \"text\": 42}", "the text field \"text\" is a number, not a string"},
      {"{\"id\": \"e\", \"text\": \"\"}", "the text field \"text\" is empty"},
      {"{\"id\": \"f\", \"text\": \"  \\n \"}", "holds only whitespace"},
      {"{\"id\": 1.5, \"text\": \"Float id.\"}", "the id field \"id\" is a number, neither"},
      {"{\"id\": true, \"text\": \"Bool id.\"}", "is a boolean, neither"},
      {"{\"id\": \"a\", \"text\": \"Again.\"}", "duplicate document id \"a\": line 1"},
      {"{\"id\": \"g\", \"text\": \"NUL \\u0000 here.\"}", "NUL (U+0000) at code point 4"},
      {"{\"id\": \"h\", \"text\": \"bell \\u0007.\"}", "the control character U+0007"},
      {"{\"id\": \"i\", \"text\": \"x\"} {\"more\": 1}", "more than one JSON value"},
      {"{\"id\": \"j\", \"id\": \"k\", \"text\": \"Twice.\"}", "Duplicate field 'id'"},
      {"[".repeat(150) + "]".repeat(150), "nests objects and arrays more than 100 deep"},
      {"{\"id\": 12345678901234567890, \"text\": \"Big integer id.\"}", null},
      {"{\"text\": \"No id.\"}", null},
      {"{\"id\": \"a\\nb\", \"text\": \"Id with a line break.\"}", "holds a control character"},
    };
    for (String[] l : lines) {
      bytes.write(l[0].getBytes(UTF_8));
      bytes.write('\n');
      bytes.write('\n'); // blank lines are nothing
    }
    bytes.write("{\"id\": \"u\", \"text\": \"bad ".getBytes(UTF_8));
    bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    bytes.write(("{\"id\": \"long\", \"text\": \"" + "x".repeat(5000) + "\"}\n").getBytes(UTF_8));
    bytes.write("{\"id\": \"s\", \"text\": \"".getBytes(UTF_8)); // an encoded surrogate
    bytes.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}', '\n'});
    Parsed p = parse(bytes.toByteArray(), JsonFields.DEFAULT, 1000);

    long bad = java.util.Arrays.stream(lines).filter(l -> l[1] != null).count() + 3;
    assertEquals(lines.length + 3, p.documents.size(), "every line is a document read");
    assertEquals(bad, p.rejections.size(), "one rejection per bad line: " + p.rejections);
    int r = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i][1] == null) {
        continue;
      }
      Rejection rejection = p.rejections.get(r++);
      assertTrue(
          rejection.reason().contains(lines[i][1]),
          "line " + (2 * i + 1) + ": " + rejection.reason());
      assertEquals("f.jsonl:" + (2 * i + 1), rejection.documentKey());
      assertNull(p.documents.get(i).json(), "a rejected line is not kept as a record");
    }
    assertTrue(p.rejections.get(r).reason().startsWith("invalid UTF-8 at byte"), "" + p.rejections);
    assertEquals("f.jsonl:" + (2 * lines.length + 1), p.rejections.get(r).id());
    assertTrue(p.rejections.get(r + 1).reason().contains("over the limit of --maxLineBytes"));
    assertTrue(
        p.rejections.get(r + 2).reason().startsWith("invalid UTF-8 at byte 22"), "" + p.rejections);
    // The id of a bad record with a usable id is that id; without one, <file>:<line>.
    assertEquals("c", p.rejections.get(3).id());
    assertEquals("f.jsonl:3", p.rejections.get(0).id());
    List<String> ids = p.sentences.stream().map(Sentence::id).toList();
    assertEquals(List.of("a:1", "12345678901234567890:1", "f.jsonl:35:1"), ids);
  }

  @Test
  void aTokenizedDocumentIsTakenAsItIsAndABadOneRejected() throws IOException {
    String lines =
        "{\"id\": 1, \"toks\": [[\"The\", \"cat\", \"sat\", \".\"], [\"It\", \"slept\"]]}\n"
            + "{\"id\": 2, \"toks\": [[\"ok\"], [\"bad\", 3]]}\n"
            + "{\"id\": 3, \"toks\": [[]]}\n"
            + "{\"id\": 4, \"toks\": \"The cat\"}\n";
    Parsed p = parse(lines.getBytes(UTF_8), JsonFields.DEFAULT.withTokensField("toks"), 1000);
    assertEquals(
        List.of(List.of("The", "cat", "sat", "."), List.of("It", "slept")),
        p.sentences.stream().map(Sentence::tokens).toList());
    assertEquals(List.of("1:1", "1:2"), p.sentences.stream().map(Sentence::id).toList());
    assertNull(p.sentences.get(0).document().offsets(), "no text to point into");
    assertEquals(3, p.rejections.size());
    assertTrue(p.rejections.get(0).reason().contains("token 2 of sentence 2 is a number"));
    assertTrue(p.rejections.get(1).reason().contains("sentence 1 is empty"));
    assertTrue(p.rejections.get(2).reason().contains("is a string; it must be an array"));
  }

  @Test
  void nestedFieldsAreFoundByADottedPath() throws IOException {
    String lines =
        "{\"meta\": {\"doc\": {\"key\": \"x-1\"}}, \"body\": {\"text\": \"Hi there.\"}}\n";
    Parsed p =
        parse(
            lines.getBytes(UTF_8),
            JsonFields.DEFAULT.withTextField("body.text").withIdField("meta.doc.key"),
            1000);
    assertEquals(List.of("x-1:1"), p.sentences.stream().map(Sentence::id).toList());
    assertEquals(List.of("Hi", "there", "."), p.sentences.get(0).tokens());
  }

  @Test
  void aSentenceWithoutAnEndIsRejectedAsPartOfItsDocument() throws IOException {
    String text = "word ".repeat(30) + "\n\nA short one.";
    Parsed p = parse(line(Map.of("id", "d", "text", text)).getBytes(UTF_8), JsonFields.DEFAULT, 10);
    assertEquals(1, p.rejections.size());
    assertEquals("d:1", p.rejections.get(0).id());
    assertEquals("f.jsonl:1", p.rejections.get(0).documentKey());
    assertTrue(p.rejections.get(0).reason().contains("more than --maxSentenceTokens=10"));
    assertEquals(List.of("d:2"), p.sentences.stream().map(Sentence::id).toList());
  }

  @Test
  void utf8IsCheckedAsStrictlyAsJavasDecoder() {
    java.util.Random random = new java.util.Random(21);
    java.nio.charset.CharsetDecoder strict = UTF_8.newDecoder();
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[1 + random.nextInt(6)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
      }
      boolean valid;
      try {
        strict.decode(java.nio.ByteBuffer.wrap(b));
        valid = true;
      } catch (java.nio.charset.CharacterCodingException e) {
        valid = false;
      }
      assertEquals(valid, Utf8.firstInvalid(b) < 0, java.util.HexFormat.of().formatHex(b));
    }
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheRecord() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] line = "{\"id\": \"a\", \"text\": \"Hi.\"}\n".getBytes(UTF_8);
    byte[] both = new byte[bom.length + line.length];
    System.arraycopy(bom, 0, both, 0, 3);
    System.arraycopy(line, 0, both, 3, line.length);
    Parsed p = parse(both, JsonFields.DEFAULT, 1000);
    assertEquals("{\"id\": \"a\", \"text\": \"Hi.\"}", p.documents.get(0).json());
    assertEquals(List.of("a:1"), p.sentences.stream().map(Sentence::id).toList());
  }

  @Test
  void documentIdsSurviveASnapshotAndTheArraysItKeeps() {
    DocumentIds ids = new DocumentIds();
    for (int i = 0; i < 1000; i++) {
      assertEquals(-1, ids.firstSeen("id-" + i, i + 1));
    }
    DocumentIds.Snapshot at500 = DocumentIds.restore(ids.snapshot()).snapshot();
    for (int i = 1000; i < 5000; i++) {
      ids.firstSeen("id-" + i, i + 1);
    }
    assertEquals(8, ids.firstSeen("id-7", 99));
    DocumentIds restored = DocumentIds.restore(at500);
    assertEquals(-1, restored.firstSeen("id-1500", 1501), "seen after the snapshot");
    assertEquals(12, restored.firstSeen("id-11", 99), "seen before it");
  }
}
