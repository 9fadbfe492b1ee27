package dev.tagpipe;

import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared fixtures: the EWT corpus and a reference tagger loaded the plain CoreNLP way. */
public final class TestData {
  private TestData() {}

  public static final Path PROJECT = Path.of(System.getProperty("tagpipe.projectDir", "."));

  /** EWT dev: not the bundled sample, so tests see data the launcher default does not. */
  public static final Path EWT_DEV = PROJECT.resolve("src/test/resources/ewt/en_ewt-ud-dev.conllu");

  public static final String MODEL_RESOURCE =
      "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger";

  private static MaxentTagger reference;

  /** A tagger loaded directly with CoreNLP, independent of the pipeline's loader and cache. */
  public static synchronized MaxentTagger referenceTagger() {
    if (reference == null) {
      try (InputStream in = TestData.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
        reference = new MaxentTagger(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return reference;
  }

  public static byte[] modelBytes() {
    try (InputStream in = TestData.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Single-thread MaxentTagger.tagSentence on the given tokens. */
  public static synchronized List<String> referenceTags(List<String> tokens) {
    List<Word> words = tokens.stream().map(Word::new).collect(Collectors.toList());
    return referenceTagger().tagSentence(words).stream()
        .map(TaggedWord::tag)
        .collect(Collectors.toList());
  }

  /** sent_id to FORM tokens of a CoNLL-U file, parsed here independently of the pipeline. */
  public static Map<String, List<String>> conlluSentences(Path file) throws IOException {
    Map<String, List<String>> sentences = new LinkedHashMap<>();
    String id = null;
    List<String> tokens = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("# sent_id = ")) {
        id = line.substring("# sent_id = ".length()).trim();
      } else if (line.isBlank()) {
        if (!tokens.isEmpty()) {
          sentences.put(id, tokens);
        }
        tokens = new ArrayList<>();
      } else if (!line.startsWith("#")) {
        String[] cols = line.split("\t");
        if (cols[0].matches("\\d+")) {
          tokens.add(cols[1]);
        }
      }
    }
    if (!tokens.isEmpty()) {
      sentences.put(id, tokens);
    }
    return sentences;
  }

  /** EWT dev as running text: its sentences' forms, wrapped at about 70 columns, no blank line. */
  public static String ewtProse() throws IOException {
    WrappedText text = new WrappedText();
    for (List<String> sentence : conlluSentences(EWT_DEV).values()) {
      sentence.forEach(text::word);
    }
    return text.end();
  }

  /**
   * EWT dev as the text it was: each sentence's original text ({@code # text}), a blank line where
   * a paragraph or document starts ({@code # newpar}, {@code # newdoc}), lines wrapped at spaces
   * after about 70 columns.
   */
  public static String ewtParagraphs() throws IOException {
    WrappedText text = new WrappedText();
    for (String line : Files.readAllLines(EWT_DEV)) {
      if (line.startsWith("# newpar") || line.startsWith("# newdoc")) {
        text.paragraphBreak();
      } else if (line.startsWith("# text = ")) {
        for (String word : line.substring("# text = ".length()).split(" ")) {
          text.word(word);
        }
      }
    }
    return text.end();
  }

  /**
   * Words joined by spaces, lines wrapped after about 70 columns, blank lines between paragraphs.
   */
  private static final class WrappedText {
    private final StringBuilder text = new StringBuilder();
    private int column;

    void word(String word) {
      if (column > 70) {
        text.append('\n');
        column = 0;
      } else if (column > 0) {
        text.append(' ');
        column++;
      }
      text.append(word);
      column += word.length();
    }

    void paragraphBreak() {
      if (column > 0) {
        text.append("\n\n");
        column = 0;
      }
    }

    String end() {
      return text.append('\n').toString();
    }
  }

  /** Sentence blocks {@code from} (inclusive) to {@code to} of EWT dev, as CoNLL-U text. */
  public static String ewtBlocks(int from, int to) throws IOException {
    String[] blocks = Files.readString(EWT_DEV).split("\n\n");
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      b.append(blocks[i].strip()).append("\n\n");
    }
    return b.toString();
  }

  /** All lines of all files matching {@code prefix*suffix}. */
  public static List<String> readShards(Path dir, String prefix, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> shards =
          files
              .filter(
                  p ->
                      p.getFileName().toString().startsWith(prefix)
                          && p.getFileName().toString().endsWith(suffix))
              .sorted()
              .collect(Collectors.toList());
      List<String> lines = new ArrayList<>();
      for (Path p : shards) {
        lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
      return lines;
    }
  }
}
