package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A parse resumed at any point the parser reported gives exactly the rest of what the parse from
 * the start gave: same sentences, same ids, same rejections, in order. This is what lets the
 * splittable read checkpoint (and a runner hand on small bundles) without changing the output.
 */
class ResumableParsingTest {
  /** What a parse gave, and the points it reported with how many items came before each. */
  private record Run(List<Object> items, List<ResumePoint> points, List<Integer> itemsBefore) {}

  private static Run parse(InputFormat format, byte[] bytes, Shard shard, ResumePoint from)
      throws IOException {
    return parse(SentenceParser.forFormat(format, 1000), bytes, shard, from);
  }

  private static Run parse(SentenceParser parser, byte[] bytes, Shard shard, ResumePoint from)
      throws IOException {
    Run run = new Run(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    in.skipNBytes(from.byteOffset());
    parser.parse(
        "f",
        new LineReader(
            in, SharedFileParsingTest.MAX_LINE_BYTES, from.linesBefore(), from.byteOffset()),
        shard,
        new SentenceSink() {
          @Override
          public void sentence(Sentence sentence) {
            run.items.add(sentence);
          }

          @Override
          public void rejected(Rejection rejection) {
            run.items.add(rejection);
          }

          @Override
          public void resumableAt(ResumePoint point) {
            run.points.add(point);
            run.itemsBefore.add(run.items.size());
          }
        },
        from);
    return run;
  }

  private static void assertEveryResumeGivesTheRest(
      InputFormat format, byte[] bytes, Shard shard, int minPoints) throws IOException {
    Run whole = parse(format, bytes, shard, ResumePoint.START);
    assertTrue(
        whole.points.size() >= minPoints,
        "points to resume at: " + whole.points.size() + " (shard " + shard + ")");
    // Every point near the start and end, and a spread in between (each resume re-parses).
    int step = Math.max(1, whole.points.size() / 60);
    for (int p = 0; p < whole.points.size(); p++) {
      if (p % step != 0 && p > 5 && p < whole.points.size() - 5) {
        continue;
      }
      ResumePoint point = whole.points.get(p);
      List<Object> expected = whole.items.subList(whole.itemsBefore.get(p), whole.items.size());
      List<Object> resumed = parse(format, bytes, shard, point).items;
      assertEquals(expected, resumed, "resumed at " + point);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = InputFormat.class,
      names = {"text", "tokens", "jsonl"})
  void resumingAtAnyReportedPointGivesTheRestExactly(InputFormat format) throws IOException {
    // Paragraphs, one long paragraph, invalid UTF-8 and an over-long line.
    byte[] bytes = SharedFileParsingTest.input(format);
    int unitsPerStripe = SentenceParser.forFormat(format, 1000).unitsPerStripe();
    int points = format == InputFormat.jsonl ? 100 : 300; // a document is several paragraphs
    assertEveryResumeGivesTheRest(format, bytes, new Shard(0, 1, unitsPerStripe), points);
    assertEveryResumeGivesTheRest(format, bytes, new Shard(1, 3, unitsPerStripe), points / 3);
  }

  @Test
  void aTextWithoutBlankLinesHasPointsAllThroughAndResumesExactly() throws IOException {
    // EWT dev as wrapped prose, one 1,900-line paragraph: a sentence that starts a line is a
    // point, so a reader of a huge paragraph can still be checkpointed.
    byte[] bytes = TestData.ewtProse().getBytes(StandardCharsets.UTF_8);
    // Wrapped at 70 columns, about one line in 40 starts with a sentence.
    assertEveryResumeGivesTheRest(InputFormat.text, bytes, new Shard(0, 1, 16), 40);
    assertEveryResumeGivesTheRest(InputFormat.text, bytes, new Shard(2, 4, 16), 40);
    Run whole = parse(InputFormat.text, bytes, new Shard(0, 1, 16), ResumePoint.START);
    assertTrue(
        whole.points.stream().filter(ResumePoint::insideParagraph).count() >= 40,
        "points inside the paragraph");
  }

  @Test
  void aRoutedLongParagraphKeepsTheLanguageOfItsStartWhenResumed() throws IOException {
    // A French paragraph of 120 wrapped lines (no blank line), then an English one: resumed
    // anywhere inside the French one, the rest is still French, tokenized and routed as French.
    StringBuilder text = new StringBuilder();
    List<String> french =
        java.nio.file.Files.readAllLines(
            java.nio.file.Path.of("src/test/resources/lid-pud/fr.txt"));
    for (int i = 0; i < 120; i++) {
      String line = french.get(i);
      int cut = line.indexOf(' ', line.length() / 2);
      text.append(cut > 0 ? line.substring(0, cut) + "\n" + line.substring(cut + 1) : line);
      text.append('\n');
    }
    text.append("\nThe weather was fine. Everyone went to the beach that day.\n");
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    SentenceParser parser =
        new PlainTextParser(
            1000,
            dev.tagpipe.model.SettingNames.LIBRARY,
            TextLanguage.routed(dev.tagpipe.lang.LanguageRouting.to(java.util.Set.of("en", "fr"))));
    Shard shard = new Shard(1, 2, 16);
    Run whole = parse(parser, bytes, shard, ResumePoint.START);
    assertTrue(whole.points.stream().filter(ResumePoint::insideParagraph).count() >= 10);
    for (int p = 0; p < whole.points.size(); p++) {
      ResumePoint point = whole.points.get(p);
      List<Object> expected = whole.items.subList(whole.itemsBefore.get(p), whole.items.size());
      assertEquals(expected, parse(parser, bytes, shard, point).items, "resumed at " + point);
    }
    long frenchSentences =
        whole.items.stream()
            .filter(o -> o instanceof Sentence && "fr".equals(((Sentence) o).language()))
            .count();
    assertTrue(frenchSentences > 40, "French sentences: " + frenchSentences);
  }

  @Test
  void conlluIsReadInOneGo() throws IOException {
    byte[] bytes = SharedFileParsingTest.input(InputFormat.conllu);
    assertEquals(
        0,
        parse(InputFormat.conllu, bytes, new Shard(0, 1, 64), ResumePoint.START).points.size(),
        "no points: duplicate sent_ids are checked over the whole file");
  }
}
