package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tagpipe.EwtDocuments;
import dev.tagpipe.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON Lines documents through the whole job, on the DirectRunner and embedded Flink: every
 * document comes out once with its input fields as they were; its sentences are what CoreNLP's
 * tokenizer and splitter find in each of its paragraphs, tagged as single-thread MaxentTagger tags
 * them; every offset points at the token's characters; the bad lines mixed in are rejected with
 * their reasons, and sentences and documents reconcile.
 */
class DocumentsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bad lines mixed in, each with a fragment of its rejection's reason. */
  private static final String[][] BAD_LINES = {
    {"{\"id\": \"broken\", \"text\": \"No end.\"", "not JSON"},
    {"[1, 2]", "is an array, not an object"},
    {"{\"id\": \"notext\"}", "no text field \"text\""},
    {"{\"id\": \"num\", \"text\": 7}", "is a number, not a string"},
    {"{\"id\": \"empty\", \"text\": \"\"}", "is empty"},
    {"{\"id\": [1], \"text\": \"Array id.\"}", "is an array, neither"},
    {"{\"id\": \"huge\", \"text\": \"The id of the huge one.\"}", "duplicate document id \"huge\""},
    {"{\"id\": \"nul\", \"text\": \"A \\u0000 b.\"}", "NUL (U+0000)"},
    {"[".repeat(200) + "]".repeat(200), "more than 100 deep"},
  };

  @TempDir Path dir;

  private Map<String, ObjectNode> writeInput(Path file) throws IOException {
    Map<String, ObjectNode> records = EwtDocuments.write(file, 400);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    for (int i = 0; i < BAD_LINES.length; i++) {
      if (BAD_LINES[i][0].contains("\"huge\"")) {
        lines.add(BAD_LINES[i][0]); // after the document whose id it repeats
      } else {
        lines.add(20 + 30 * i, BAD_LINES[i][0]); // spread among the good ones
      }
    }
    lines.add("{\"id\": \"bad-utf8\", \"text\": \"x\"}"); // made invalid below
    Files.write(file, lines);
    byte[] bytes = Files.readAllBytes(file);
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = s.lastIndexOf("\"x\"") + 1;
    bytes[at] = (byte) 0xC3; // a lead byte followed by '"': invalid UTF-8
    Files.write(file, bytes);
    return records;
  }

  private static String[] args(Path input, Path prefix, String runner, String format) {
    List<String> a = new ArrayList<>();
    a.add("--input=" + input);
    a.add("--inputFormat=jsonl");
    a.add("--output=" + prefix);
    a.add("--outputFormat=" + format);
    if (runner.equals("flink")) {
      a.add("--runner=FlinkRunner");
      a.add("--parallelism=2");
    }
    return a.toArray(String[]::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "flink"})
  void documentsComeOutWholeOnceEachAsTheyWentInWithTheirSentences(String runner)
      throws IOException {
    Path input = dir.resolve("docs.jsonl");
    Map<String, ObjectNode> records = writeInput(input);
    Path prefix = dir.resolve("out/docs");
    CliRun.RunResult r = CliRun.runJob(args(input, prefix, runner, "documents"));
    assertEquals(0, r.code, r.err);

    Map<String, JsonNode> out = new HashMap<>();
    for (String line : TestData.readShards(prefix.getParent(), "docs-0", ".jsonl")) {
      JsonNode o = JSON.readTree(line);
      assertTrue(out.put(o.get("id").asText(), o) == null, "once: " + o.get("id"));
    }
    assertEquals(records.keySet(), out.keySet(), "every good document, and only those");
    long sentences = 0;
    for (Map.Entry<String, ObjectNode> e : records.entrySet()) {
      ObjectNode got = (ObjectNode) out.get(e.getKey()).deepCopy();
      JsonNode tagpipe = got.remove("tagpipe");
      assertEquals(e.getValue(), got, "the input fields as they were: " + e.getKey());
      assertEquals(fieldNames(e.getValue()), fieldNames(got), "in their order: " + e.getKey());
      String text = e.getValue().get("text").textValue();
      List<List<String>> expected = EwtDocuments.referenceSentences(text);
      JsonNode list = tagpipe.get("sentences");
      assertEquals(expected.size(), list.size(), "sentences of " + e.getKey());
      for (int i = 0; i < expected.size(); i++) {
        JsonNode s = list.get(i);
        List<String> tokens = strings(s.get("tokens"));
        assertEquals(expected.get(i), tokens, e.getKey() + " sentence " + (i + 1));
        assertEquals(TestData.referenceTags(tokens), strings(s.get("tags")), e.getKey());
        assertOffsetsPointAtTheTokens(text, tokens, s.get("offsets"), e.getKey());
      }
      sentences += expected.size();
      assertEquals(12, tagpipe.get("model").asText().length());
    }

    JsonNode summary = CliRun.summary(prefix);
    long bad = BAD_LINES.length + 1;
    assertEquals(records.size() + bad, summary.get("documentsRead").asLong(), summary.toString());
    assertEquals(records.size(), summary.get("documentsTagged").asLong(), summary.toString());
    assertEquals(bad, summary.get("documentsRejected").asLong(), summary.toString());
    assertEquals(sentences, summary.get("tagged").asLong(), summary.toString());
    assertEquals(bad, summary.get("rejected").asLong(), summary.toString());
    assertTrue(summary.get("reconciled").asBoolean(), summary.toString());
    assertTrue(r.out.contains("documents read " + (records.size() + bad)), r.out);
    assertEveryBadLineRejectedWithItsReason(prefix, input);
  }

  private static void assertEveryBadLineRejectedWithItsReason(Path prefix, Path input)
      throws IOException {
    List<String> reasons = new ArrayList<>();
    for (String line : TestData.readShards(prefix.getParent(), "docs-rejected", ".jsonl")) {
      reasons.add(JSON.readTree(line).get("reason").asText());
    }
    assertEquals(BAD_LINES.length + 1, reasons.size(), reasons.toString());
    for (String[] bad : BAD_LINES) {
      assertTrue(reasons.stream().anyMatch(x -> x.contains(bad[1])), bad[1] + " in " + reasons);
    }
    assertTrue(reasons.stream().anyMatch(x -> x.startsWith("invalid UTF-8")), reasons.toString());
  }

  /**
   * {@code text[begin:end]} in code points is the token, but for CoreNLP's normalisations: spaces
   * inside a token (a phone number, ". . .") given as U+00A0, quotes as {@code ``} and {@code ''},
   * a sentence-final abbreviation's period given to both it and the sentence's own period.
   */
  private static void assertOffsetsPointAtTheTokens(
      String text, List<String> tokens, JsonNode offsets, String doc) {
    int[] codePoints = text.codePoints().toArray();
    assertEquals(tokens.size(), offsets.size(), doc);
    int previousEnd = 0;
    for (int i = 0; i < tokens.size(); i++) {
      int begin = offsets.get(i).get(0).asInt();
      int end = offsets.get(i).get(1).asInt();
      assertTrue(begin >= previousEnd && end > begin, doc + ": offsets in order");
      previousEnd = end;
      String original = new String(codePoints, begin, end - begin);
      String token = tokens.get(i);
      boolean same =
          original.equals(token)
              || original.equals(token.replace('\u00A0', ' '))
              || (token.equals("``") || token.equals("''")) && original.matches("[\"“”'‘’`]+")
              || token.endsWith(".") && original.equals(token.substring(0, token.length() - 1));
      assertTrue(same, doc + ": token " + token + " at [" + begin + "," + end + ") is " + original);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "conllu"})
  void sentenceOutputCarriesDocumentIdsOffsetsAndCoNLLUComments(String format) throws IOException {
    Path input = dir.resolve("docs.jsonl");
    Map<String, ObjectNode> records = writeInput(input);
    Path prefix = dir.resolve("out/s");
    // JSON Lines on the DirectRunner, CoNLL-U (assembled per document) on embedded Flink.
    CliRun.RunResult r =
        CliRun.runJob(args(input, prefix, format.equals("jsonl") ? "direct" : "flink", format));
    assertEquals(0, r.code, r.err);
    Map<String, List<List<String>>> expected = new LinkedHashMap<>();
    records.forEach(
        (id, rec) ->
            expected.put(id, EwtDocuments.referenceSentences(rec.get("text").textValue())));
    Map<String, List<List<String>>> got = new LinkedHashMap<>();
    List<String> lines = TestData.readShards(prefix.getParent(), "s-0", "." + format);
    if (format.equals("jsonl")) {
      Map<String, Map<Integer, List<String>>> byDoc = new HashMap<>();
      for (String line : lines) {
        JsonNode o = JSON.readTree(line);
        String doc = o.get("doc").asText();
        String id = o.get("id").asText();
        assertTrue(id.startsWith(doc + ":"), id);
        List<String> tokens = strings(o.get("tokens"));
        assertOffsetsPointAtTheTokens(
            records.get(doc).get("text").textValue(), tokens, o.get("offsets"), id);
        int n = Integer.parseInt(id.substring(doc.length() + 1));
        byDoc.computeIfAbsent(doc, k -> new java.util.TreeMap<>()).put(n, tokens);
      }
      byDoc.forEach((doc, sentences) -> got.put(doc, new ArrayList<>(sentences.values())));
    } else {
      assertCoNLLUDocuments(lines, records, got);
    }
    assertEquals(expected.keySet(), got.keySet());
    expected.forEach((doc, sentences) -> assertEquals(sentences, got.get(doc), doc));
    JsonNode summary = CliRun.summary(prefix);
    assertEquals(records.size(), summary.get("documentsTagged").asLong(), summary.toString());
    assertEquals(BAD_LINES.length + 1, summary.get("documentsRejected").asLong());
    assertTrue(summary.get("reconciled").asBoolean(), summary.toString());
  }

  private static final Pattern SENT_ID = Pattern.compile("# sent_id = (.*):([0-9]+)");

  /**
   * Each document's sentences together, in order, after its {@code # newdoc id}; each {@code #
   * text} is the sentence's original characters, line breaks as spaces.
   */
  private static void assertCoNLLUDocuments(
      List<String> lines, Map<String, ObjectNode> records, Map<String, List<List<String>>> got) {
    String doc = null;
    int expectedN = 0;
    List<String> tokens = new ArrayList<>();
    String text = null;
    for (String line : lines) {
      if (line.startsWith("# newdoc id = ")) {
        doc = line.substring("# newdoc id = ".length());
        assertTrue(got.put(doc, new ArrayList<>()) == null, "one # newdoc per document: " + doc);
        expectedN = 1;
      } else if (line.startsWith("# sent_id = ")) {
        Matcher m = SENT_ID.matcher(line);
        assertTrue(m.matches(), line);
        assertEquals(doc, m.group(1), "a sentence of the document its # newdoc names");
        assertEquals(expectedN++, Integer.parseInt(m.group(2)), "in order: " + line);
      } else if (line.startsWith("# text = ")) {
        text = line.substring("# text = ".length());
      } else if (line.isEmpty()) {
        if (!tokens.isEmpty()) {
          got.get(doc).add(tokens);
          String original = records.get(doc).get("text").textValue().replaceAll("\\R", " ");
          assertTrue(original.contains(text), "# text is the document's own: " + text);
          tokens = new ArrayList<>();
        }
      } else if (!line.startsWith("#")) {
        tokens.add(line.split("\t")[1]);
      }
    }
  }

  @Test
  void documentOutputNeedsJsonLinesInput() {
    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + TestData.EWT_DEV,
            "--inputFormat=conllu",
            "--output=" + dir.resolve("x"),
            "--outputFormat=documents");
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.contains("--outputFormat=documents needs --inputFormat=jsonl"), r.err);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<String> fieldNames(JsonNode o) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
