package dev.tagpipe.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readers that shard a file ({@link Shard}) together produce exactly what one reader of the whole
 * file produces: every sentence and rejection once, with the same ids, for every format, on EWT
 * text with hostile lines mixed in (invalid UTF-8, an over-long line, a malformed block, a
 * duplicate sent_id).
 */
class SharedFileParsingTest {
  static final int MAX_LINE_BYTES = 4096;

  static byte[] input(InputFormat format) throws IOException {
    Path dev =
        Path.of(System.getProperty("tagpipe.projectDir", "."))
            .resolve("src/test/resources/ewt/en_ewt-ud-dev.conllu");
    String conllu = Files.readString(dev, StandardCharsets.UTF_8);
    StringBuilder text = new StringBuilder();
    int n = 0;
    for (String block : conllu.split("\n\n")) {
      if (++n > 900) {
        break;
      }
      if (format == InputFormat.conllu) {
        text.append(block).append("\n\n");
        continue;
      }
      List<String> forms = new ArrayList<>();
      String sentenceText = "";
      for (String line : block.split("\n")) {
        if (line.startsWith("# text = ")) {
          sentenceText = line.substring("# text = ".length());
        } else if (!line.startsWith("#")
            && line.split("\t").length == 10
            && line.split("\t")[0].matches("[0-9]+")) {
          forms.add(line.split("\t")[1]);
        }
      }
      // Plain text: paragraphs of one to three sentences, then (sentences 600 to 800) one long
      // paragraph, whose sentences rather than itself are dealt to the readers.
      boolean longParagraph = n >= 600 && n < 800;
      text.append(format == InputFormat.tokens ? String.join(" ", forms) : sentenceText)
          .append(format != InputFormat.tokens && n % 3 == 0 && !longParagraph ? "\n\n" : "\n");
    }
    String hostileBlock =
        format == InputFormat.conllu
            ? "# sent_id = weblog-blogspot.com_nominations_20041117172713_ENG_20041117_172713-0001\n"
                + "1\tduplicate\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tno\tcolumns\n\n"
            : "";
    if (format == InputFormat.jsonl) {
      return documents(text.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
    int third = body.length / 3;
    out.write(body, 0, third);
    out.write("\n\nbad \u00e9 byte: ".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xC3, (byte) 0x28, '\n', '\n'}); // invalid UTF-8
    out.write(hostileBlock.getBytes(StandardCharsets.UTF_8));
    out.write(("x".repeat(MAX_LINE_BYTES + 10) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.write(body, third, body.length - third);
    return out.toByteArray();
  }

  /**
   * JSON Lines: the text's paragraphs, two to a document; a third of the way in, a line with
   * invalid UTF-8, one too long, and a document whose id an earlier one has.
   */
  private static byte[] documents(String text) throws IOException {
    String[] paragraphs = text.split("\n\n");
    ObjectMapper json = new ObjectMapper();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < paragraphs.length; i += 2) {
      String body = paragraphs[i] + (i + 1 < paragraphs.length ? "\n\n" + paragraphs[i + 1] : "");
      out.write(
          json.writeValueAsBytes(Map.of("id", "d" + i, "text", body, "meta", Map.of("n", i))));
      out.write('\n');
      if (i / 2 == paragraphs.length / 6) {
        out.write("{\"id\": \"bad\", \"text\": \"bad byte: ".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', '\n'}); // invalid UTF-8
        out.write(("{\"text\": \"" + "x".repeat(MAX_LINE_BYTES + 10) + "\"}\n").getBytes(UTF_8));
        out.write("{\"id\": \"d2\", \"text\": \"Again.\"}\n".getBytes(StandardCharsets.UTF_8));
        // Ids that are not seen: the line is not one JSON object, or the id is not usable.
        out.write("{\"id\": \"late\", \"text\": \"One.\"} {}\n".getBytes(UTF_8));
        out.write("{\"id\": \"late\", \"id\": \"x\", \"text\": \"Two.\"}\n".getBytes(UTF_8));
        out.write("{\"meta\": {\"id\": 1}, \"id\": 2.5, \"text\": \"Three.\"}\n".getBytes(UTF_8));
        out.write("{\"id\": \"late\", \"text\": \"Four.\"}\n".getBytes(UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static List<Object> parse(InputFormat format, byte[] bytes, Shard shard)
      throws IOException {
    List<Object> items = new ArrayList<>();
    SentenceParser.forFormat(format, 1000)
        .parse(
            "f",
            new LineReader(new ByteArrayInputStream(bytes), MAX_LINE_BYTES),
            shard,
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                items.add(sentence);
              }

              @Override
              public void rejected(Rejection rejection) {
                items.add(rejection);
              }
            });
    return items;
  }

  @ParameterizedTest
  @EnumSource(InputFormat.class)
  void sharesTogetherGiveWhatOneReaderGivesEachItemOnce(InputFormat format) throws IOException {
    byte[] bytes = input(format);
    List<Object> whole = parse(format, bytes, new Shard(0, 1, 1)); // one reader, whole file
    long rejections = whole.stream().filter(o -> o instanceof Rejection).count();
    assertTrue(whole.size() > 500, "enough sentences to span many stripes: " + whole.size());
    assertTrue(
        rejections >= (format == InputFormat.conllu || format == InputFormat.jsonl ? 3 : 2),
        "the hostile lines are in the file: " + rejections);
    if (format == InputFormat.jsonl) {
      assertTrue(
          whole.stream()
              .anyMatch(
                  o -> o instanceof Rejection r && r.reason().contains("duplicate document id")),
          "the duplicate is found");
    }
    if (format == InputFormat.conllu) {
      assertTrue(
          whole.stream()
              .anyMatch(o -> o instanceof Rejection r && r.reason().contains("duplicate sent_id")),
          "the duplicate is found");
    }
    int unitsPerStripe = SentenceParser.forFormat(format, 1000).unitsPerStripe();
    for (int count : new int[] {2, 3, 7}) {
      List<Object> union = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        List<Object> part = parse(format, bytes, new Shard(i, count, unitsPerStripe));
        assertTrue(part.size() < whole.size(), "shard " + i + " of " + count + " keeps a part");
        assertTrue(!part.isEmpty(), "shard " + i + " of " + count + " is not empty");
        union.addAll(part);
      }
      assertEquals(whole.size(), union.size(), count + " shards: nothing lost or doubled");
      assertEquals(new HashSet<>(whole), new HashSet<>(union), count + " shards: same items");
      Set<String> ids = new HashSet<>();
      for (Object o : union) {
        String id = o instanceof Sentence s ? s.id() : ((Rejection) o).id();
        assertTrue(ids.add(id), "id used once: " + id);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(InputFormat.class)
  void aFileSmallerThanAStripeBelongsWhollyToTheFirstShare(InputFormat format) throws IOException {
    byte[] bytes = "One sentence here .\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(1, parse(format, bytes, new Shard(0, 4, 64)).size());
    assertEquals(0, parse(format, bytes, new Shard(3, 4, 64)).size());
  }
}
