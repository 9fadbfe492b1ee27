package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The streaming text parser splits exactly as CoreNLP's tokenizer and splitter do on the whole
 * paragraph at once, whatever the paragraph's size, and rejects a sentence without an end instead
 * of holding it.
 */
class PlainTextParserTest {
  private static final Shard ALL = new Shard(0, 1, 16);

  private record Parsed(List<Sentence> sentences, List<Rejection> rejections) {}

  private static Parsed parse(String text, int maxSentenceTokens) throws IOException {
    List<Sentence> sentences = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    new PlainTextParser(maxSentenceTokens)
        .parse(
            "f",
            new LineReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1 << 20),
            ALL,
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                sentences.add(sentence);
              }

              @Override
              public void rejected(Rejection rejection) {
                rejections.add(rejection);
              }
            });
    return new Parsed(sentences, rejections);
  }

  /**
   * What CoreNLP gives for the whole paragraph in one go, with the options its tokenize annotator
   * uses for English when a blank line ends a sentence ("invertible,tokenizeNLs"), newline tokens
   * dropped as its sentence splitter drops a single one.
   */
  private static List<List<String>> wholeParagraph(String paragraph) {
    List<CoreLabel> labels =
        new PTBTokenizer<>(
                new StringReader(paragraph), new CoreLabelTokenFactory(), "invertible,tokenizeNLs")
            .tokenize();
    labels.removeIf(label -> label.word().equals("*NL*"));
    return new WordToSentenceProcessor<CoreLabel>()
        .process(labels).stream()
            .filter(s -> !s.isEmpty())
            .map(s -> s.stream().map(CoreLabel::word).collect(Collectors.toList()))
            .collect(Collectors.toList());
  }

  @Test
  void aParagraphWithoutBlankLinesSplitsAsCoreNlpDoesOnTheWholeOfIt() throws IOException {
    String prose = TestData.ewtProse(); // ~25,000 tokens, ~1,900 lines, one paragraph
    Parsed parsed = parse(prose, 1000);
    List<List<String>> expected = wholeParagraph(prose.strip());
    assertTrue(expected.size() > 1000, "EWT dev is many sentences: " + expected.size());
    assertEquals(expected, parsed.sentences().stream().map(Sentence::tokens).toList());
    assertEquals(List.of(), parsed.rejections());
  }

  @Test
  void idsGiveTheLineEachSentenceStartsOnAndItsNumberThere() throws IOException {
    Parsed parsed =
        parse("First one. Second one.\nThird\nstarts here. Fourth.\n\nNew para.\n", 1000);
    assertEquals(
        List.of("f:1:1", "f:1:2", "f:2:1", "f:3:1", "f:5:1"),
        parsed.sentences().stream().map(Sentence::id).toList());
    assertEquals(List.of("Third", "starts", "here", "."), parsed.sentences().get(2).tokens());
  }

  @Test
  void aSentenceWithoutAnEndIsRejectedAndTheNextOneIsKept() throws IOException {
    String endless =
        "word "
            .repeat(5_000)
            .replace(
                "word word word word word ",
                "word word word word word\n"); // wrapped, 5,000 tokens, no full stop
    Parsed parsed = parse("Before it. " + endless + "end . After it.\n", 100);
    assertEquals(
        List.of(List.of("Before", "it", "."), List.of("After", "it", ".")),
        parsed.sentences().stream().map(Sentence::tokens).toList());
    assertEquals(1, parsed.rejections().size());
    Rejection r = parsed.rejections().get(0);
    assertEquals("f:1:2", r.id());
    // Named as the library's setting (withMaxSentenceTokens), not as the command line's flag.
    assertTrue(r.reason().contains("more than maxSentenceTokens=100;"), r.reason());
    assertFalse(r.reason().contains("--"), r.reason());
    assertTrue(r.input().length() <= Rejection.MAX_INPUT_CHARS + 100, "cut, not the whole");
  }

  /**
   * Real paragraphs (EWT dev's original text, a blank line between paragraphs, lines wrapped) give
   * exactly the sentences and tokens of CoreNLP's own pipeline (tokenize and ssplit annotators; a
   * blank line ends a sentence, as it ends a paragraph here, a single newline does not). Without
   * that mode CoreNLP 4.5.10's pipeline runs paragraphs together.
   */
  @Test
  void paragraphsSplitExactlyAsCoreNlpsPipelineSplitsThem() throws IOException {
    String text =
        TestData.ewtParagraphs()
            + "\n\nCOVID-19 cases rose. The STS-1 flight, in 1981, was the first.\n";
    java.util.Properties props = new java.util.Properties();
    props.setProperty("annotators", "tokenize,ssplit");
    props.setProperty("ssplit.newlineIsSentenceBreak", "two");
    edu.stanford.nlp.pipeline.CoreDocument doc = new edu.stanford.nlp.pipeline.CoreDocument(text);
    new edu.stanford.nlp.pipeline.StanfordCoreNLP(props).annotate(doc);
    List<List<String>> expected =
        doc.sentences().stream()
            .map(s -> s.tokens().stream().map(CoreLabel::word).collect(Collectors.toList()))
            .collect(Collectors.toList());
    assertTrue(expected.size() > 1000, "EWT dev is many sentences: " + expected.size());
    List<List<String>> parsed =
        parse(text, 1000).sentences().stream().map(Sentence::tokens).toList();
    for (int i = 0; i < Math.min(expected.size(), parsed.size()); i++) {
      assertEquals(expected.get(i), parsed.get(i), "sentence " + (i + 1));
    }
    assertEquals(expected.size(), parsed.size());
    assertEquals(List.of("COVID", "-", "19", "cases", "rose", "."), parsed.get(parsed.size() - 2));
  }

  @Test
  void closingQuotesAndBracketsStayWithTheSentenceTheyEnd() throws IOException {
    String text = "He said \"stop.\" Then (quietly.) she left! Really?! Yes.\n";
    assertEquals(
        wholeParagraph(text.strip()),
        parse(text, 1000).sentences().stream().map(Sentence::tokens).toList());
  }
}
