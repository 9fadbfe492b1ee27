package dev.tagpipe.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tagpipe.model.DocumentSpan;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggedSentence;
import java.io.UncheckedIOException;
import java.util.List;

/** Renders records as the lines of each output format. Pure functions, easy to test. */
public final class Formats {
  /** The CoNLL-U comment that names the model that tagged a sentence. */
  public static final String MODEL_COMMENT = "# model_sha256 = ";

  /** The CoNLL-U comment that names the language whose model tagged it (routing by language). */
  public static final String LANGUAGE_COMMENT = "# lang = ";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Formats() {}

  public static String render(TaggedSentence s, OutputFormat format) {
    switch (format) {
      case jsonl:
        return jsonl(s);
      case text:
        return text(s);
      case conllu:
        return conllu(s);
      case documents:
        throw new IllegalArgumentException(
            "documents are written whole, by RenderDocuments, not sentence by sentence");
      default:
        throw new IllegalArgumentException("unknown output format " + format);
    }
  }

  static String jsonl(TaggedSentence s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", s.id());
    ArrayNode tokens = o.putArray("tokens");
    s.tokens().forEach(tokens::add);
    ArrayNode tags = o.putArray("tags");
    s.tags().forEach(tags::add);
    if (s.lemmas() != null) {
      ArrayNode lemmas = o.putArray("lemmas");
      s.lemmas().forEach(lemmas::add);
    }
    o.put("model", s.shortModelSha256());
    if (s.language() != null) {
      o.put("lang", s.language());
    }
    DocumentSpan document = s.sentence().document();
    if (document != null) {
      o.put("doc", document.documentId());
      if (document.offsets() != null) {
        putOffsets(o, document);
      }
    }
    return write(o);
  }

  /** {@code "offsets": [[begin, end], ...]}, one pair per token. */
  static void putOffsets(ObjectNode o, DocumentSpan document) {
    ArrayNode offsets = o.putArray("offsets");
    for (int i = 0; i < document.offsets().length; i += 2) {
      offsets.addArray().add(document.offsets()[i]).add(document.offsets()[i + 1]);
    }
  }

  static String text(TaggedSentence s) {
    StringBuilder b = new StringBuilder(s.id()).append('\t');
    List<String> tokens = s.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(tokens.get(i)).append('/').append(s.tags().get(i));
    }
    return b.append('\t').append(s.shortModelSha256()).toString();
  }

  /** A CoNLL-U block plus the blank line that ends it. */
  static String conllu(TaggedSentence s) {
    return conllu(s, null);
  }

  /**
   * A CoNLL-U block; a sentence of a document has {@code text}, its original characters, which
   * become its {@code # text} comment (line breaks as spaces: a comment is one line), or null.
   */
  static String conllu(TaggedSentence s, String text) {
    StringBuilder b = new StringBuilder();
    String modelComment =
        MODEL_COMMENT
            + s.shortModelSha256()
            + "\n"
            + (s.language() == null ? "" : LANGUAGE_COMMENT + s.language() + "\n");
    String block = s.sentence().conlluBlock();
    if (block == null) {
      b.append("# sent_id = ").append(s.id()).append('\n');
      if (text != null) {
        b.append("# text = ").append(text.replaceAll("\\R", " ")).append('\n');
      }
      b.append(modelComment);
      for (int i = 0; i < s.tokens().size(); i++) {
        b.append(i + 1)
            .append('\t')
            .append(s.tokens().get(i))
            .append('\t')
            .append(s.lemmas() == null ? "_" : s.lemmas().get(i))
            .append("\t_\t")
            .append(s.tags().get(i))
            .append("\t_\t_\t_\t_\t_\n");
      }
      return b.toString();
    }
    int word = 0;
    boolean commented = false;
    for (String line : block.split("\n", -1)) {
      if (!line.startsWith("#") && !commented) {
        b.append(modelComment); // after the input's comments, before its first word line
        commented = true;
      }
      if (!line.startsWith("#")) {
        String[] cols = line.split("\t", -1);
        if (cols.length == 10 && isWordId(cols[0])) {
          if (s.lemmas() != null) {
            cols[2] = s.lemmas().get(word);
          }
          cols[4] = s.tags().get(word++);
          line = String.join("\t", cols);
        }
      }
      b.append(line).append('\n');
    }
    return b.toString();
  }

  private static boolean isWordId(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return false;
      }
    }
    return !id.isEmpty();
  }

  public static String rejection(Rejection r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.id());
    o.put("reason", r.reason());
    o.put("input", r.input());
    return write(o);
  }

  private static String write(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
