package dev.tagpipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Real documents for the JSON Lines tests: the documents of EWT dev ({@code # newdoc}), each its
 * sentences' original text, paragraphs ({@code # newpar}) apart by a blank line and lines wrapped
 * at about 70 columns; as records with ids (strings and integers), titles and nested metadata, some
 * with characters beyond the BMP or CRLF line ends, and one document of tens of thousands of
 * characters.
 */
public final class EwtDocuments {
  private EwtDocuments() {}

  /** The documents' texts by id, in order. */
  public static Map<String, String> texts() throws IOException {
    Map<String, String> docs = new LinkedHashMap<>();
    String id = null;
    StringBuilder text = new StringBuilder();
    int column = 0;
    for (String line : Files.readAllLines(TestData.EWT_DEV)) {
      if (line.startsWith("# newdoc id = ")) {
        if (id != null) {
          docs.put(id, text.toString());
        }
        id = line.substring("# newdoc id = ".length());
        text.setLength(0);
        column = 0;
      } else if (line.startsWith("# newpar") && column > 0) {
        text.append("\n\n");
        column = 0;
      } else if (line.startsWith("# text = ")) {
        for (String word : line.substring("# text = ".length()).split(" ")) {
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
      }
    }
    docs.put(id, text.toString());
    return docs;
  }

  /** Characters beyond the BMP, and others a careless offset count gets wrong. */
  private static final String[] UNICODE = {
    "\uD83D\uDE00", "\uD835\uDD18\uD835\uDD2B\uD835\uDD26", "\uD83C\uDDE9\uD83C\uDDEA", "na\u00EFve"
  };

  /**
   * Writes the documents as JSON Lines records to {@code file}; returns each record by the id it
   * will have in the output (its id field as text).
   */
  public static Map<String, ObjectNode> write(Path file, int count) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, ObjectNode> records = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    int i = 0;
    StringBuilder big = new StringBuilder();
    for (Map.Entry<String, String> doc : texts().entrySet()) {
      if (i >= count) {
        break;
      }
      String text = doc.getValue();
      if (i % 5 == 0) {
        text = UNICODE[i % UNICODE.length] + " " + text + " " + UNICODE[(i + 1) % 4] + " (p. 3).";
      }
      if (i % 7 == 3) {
        text = text.replace("\n", "\r\n");
      }
      if (big.length() < 40_000) {
        big.append(big.length() > 0 ? "\n\n" : "").append(doc.getValue());
      }
      ObjectNode r = json.createObjectNode();
      if (i % 4 == 0) {
        r.putObject("meta").put("source", "ewt").put("n", i).putArray("tags").add("a").add(2.50);
      }
      if (i % 3 == 0) {
        r.put("id", 1000 + i);
      } else {
        r.put("id", doc.getKey());
      }
      r.put("title", "Document " + i + " \u201Cquoted\u201D");
      r.put("text", text);
      r.putObject("extra").putNull("none").put("flag", true).put("big", 1e21);
      records.put(r.get("id").asText(), r);
      lines.add(json.writeValueAsString(r));
      i++;
    }
    ObjectNode huge = json.createObjectNode().put("id", "huge").put("text", big.toString());
    huge.putObject("meta").put("chars", big.length());
    records.put("huge", huge);
    lines.add(json.writeValueAsString(huge));
    Files.write(file, lines);
    return records;
  }

  private static StanfordCoreNLP pipeline;

  /**
   * What CoreNLP's own pipeline finds in a document's text: {@code tokenize,ssplit} with a blank
   * line ending a sentence ({@code ssplit.newlineIsSentenceBreak=two}), on the whole text at once,
   * so that each paragraph's tokens are found with the text around it (a paragraph ending
   * "part...." before a capitalized word gives "..." and ".").
   */
  public static synchronized List<List<String>> referenceSentences(String text) {
    if (pipeline == null) {
      Properties props = new Properties();
      props.setProperty("annotators", "tokenize,ssplit");
      props.setProperty("ssplit.newlineIsSentenceBreak", "two");
      props.setProperty("tokenize.options", "untokenizable=noneDelete");
      pipeline = new StanfordCoreNLP(props);
    }
    Annotation doc = new Annotation(text);
    pipeline.annotate(doc);
    List<List<String>> sentences = new ArrayList<>();
    for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
      sentences.add(
          s.get(CoreAnnotations.TokensAnnotation.class).stream().map(CoreLabel::word).toList());
    }
    return sentences;
  }

  private static final java.util.Map<String, StanfordCoreNLP> PIPELINES = new java.util.HashMap<>();

  /**
   * As {@link #referenceSentences(String)}, for text in {@code language} (ISO 639-1): CoreNLP's
   * pipeline with {@code tokenize.language}, and German's post-processor as its German pipeline has
   * it; English is the one-argument form's.
   */
  public static synchronized List<List<String>> referenceSentences(String text, String language) {
    if (language.equals("en")) {
      return referenceSentences(text);
    }
    StanfordCoreNLP languagePipeline =
        PIPELINES.computeIfAbsent(
            language,
            l -> {
              Properties props = new Properties();
              props.setProperty("annotators", "tokenize,ssplit");
              props.setProperty("tokenize.language", l);
              props.setProperty("ssplit.newlineIsSentenceBreak", "two");
              if (l.equals("de")) {
                props.setProperty(
                    "tokenize.postProcessor",
                    "edu.stanford.nlp.international.german.process.GermanTokenizerPostProcessor");
              }
              return new StanfordCoreNLP(props, false);
            });
    Annotation doc = new Annotation(text);
    languagePipeline.annotate(doc);
    List<List<String>> sentences = new ArrayList<>();
    for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
      sentences.add(
          s.get(CoreAnnotations.TokensAnnotation.class).stream().map(CoreLabel::word).toList());
    }
    return sentences;
  }
}
