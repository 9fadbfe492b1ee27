package dev.tagpipe.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.lang.LanguageIdentifier;
import dev.tagpipe.lang.LanguageRouting;
import dev.tagpipe.model.Document;
import dev.tagpipe.model.DocumentSpan;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import edu.stanford.nlp.ling.CoreLabel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines documents: one JSON object per line, its text in {@link JsonFields#textField}, its id
 * in {@link JsonFields#idField}. A document's text is read as a text file's is ({@link
 * PlainTextParser}): a blank line ends a paragraph, and each paragraph goes through CoreNLP's PTB
 * tokenizer and sentence splitter ({@link ParagraphSplitter}); a document given already tokenized
 * ({@link JsonFields#tokensField}) is not tokenized again. Sentence ids are {@code <document
 * id>:<n>}, and each sentence says where its tokens are in the text ({@link DocumentSpan}).
 *
 * <p>The unit a {@link Shard} deals is the line. Every reader of a file parses every line, to know
 * the ids before its own (a duplicate id within a file is rejected); tagging, not parsing, is what
 * costs. A line that cannot be a document (not JSON, no text, a bad id...) is rejected whole, with
 * the reason, as a document wholly rejected.
 */
final class JsonLinesParser implements SentenceParser {
  /** Objects and arrays nested deeper than this are refused by the JSON parser itself. */
  static final int MAX_NESTING_DEPTH = 100;

  static final int DOCUMENTS_PER_STRIPE = 4;

  private final int maxSentenceTokens;
  private final SettingNames names;
  private final JsonFields fields;
  private final TextLanguage language;
  private transient ObjectMapper json;
  private transient LanguageRouter router;

  JsonLinesParser(int maxSentenceTokens, SettingNames names, JsonFields fields) {
    this(maxSentenceTokens, names, fields, TextLanguage.ENGLISH);
  }

  JsonLinesParser(
      int maxSentenceTokens, SettingNames names, JsonFields fields, TextLanguage language) {
    this.maxSentenceTokens = maxSentenceTokens;
    this.names = names;
    this.fields = fields;
    this.language = language;
  }

  @Override
  public int unitsPerStripe() {
    return DOCUMENTS_PER_STRIPE;
  }

  private ObjectMapper json() {
    if (json == null) {
      JsonFactory factory =
          JsonFactory.builder()
              .streamReadConstraints(
                  // No string length limit: --maxLineBytes bounds a line, and a limit only the
                  // full parse checked would make readers disagree on the ids they see (idOf).
                  StreamReadConstraints.builder()
                      .maxNestingDepth(MAX_NESTING_DEPTH)
                      .maxStringLength(Integer.MAX_VALUE)
                      .build())
              .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build();
      json = new ObjectMapper(factory);
    }
    return json;
  }

  @Override
  public void parse(
      String fileName, LineReader lines, Shard shard, SentenceSink sink, ResumePoint from)
      throws IOException {
    DocumentIds ids =
        from.documentIds() == null ? new DocumentIds() : DocumentIds.restore(from.documentIds());
    Collected collected = new Collected();
    java.util.Map<TextTokenizer, ParagraphSplitter> splitters =
        new java.util.EnumMap<>(TextTokenizer.class);
    long units = from.unitsBefore();
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (isBlank(line)) {
        continue;
      }
      sink.resumableAt(
          ResumePoint.atUnit(line.startOffset, line.number - 1, units)
              .withDocumentIds(ids.snapshot()));
      boolean mine = shard.owns(units++);
      Line doc = new Line(fileName, line);
      if (line.tooLong()) {
        if (mine) {
          doc.reject(new LineDecoder(names).decode(line).problem, "");
          sink.document(doc.rejected());
        }
        continue;
      }
      if (!mine) {
        String id = idOf(line.bytes); // only its id matters here: another reader owns it
        if (id != null) {
          ids.firstSeen(id, line.number);
        }
        continue;
      }
      doc.read(ids);
      if (doc.rejection == null && language.isRouted()) {
        doc.route(language.routing());
      }
      if (doc.rejection != null) {
        sink.document(doc.rejected());
        continue;
      }
      TextTokenizer tokenizer =
          doc.language == null ? language.tokenizer() : TextTokenizer.forLanguage(doc.language);
      ParagraphSplitter splitter =
          splitters.computeIfAbsent(
              tokenizer, t -> new ParagraphSplitter(collected, t, maxSentenceTokens, names));
      sink.document(sentences(doc, splitter, collected));
    }
  }

  /** What the splitter finds in one document's text. */
  private static final class Collected implements SentenceSink {
    final List<Sentence> sentences = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void sentence(Sentence sentence) {
      sentences.add(sentence);
    }

    @Override
    public void rejected(Rejection rejection) {
      rejections.add(rejection);
    }
  }

  /**
   * The id a line's owner registers for it ({@link Line#read}): its id field, if the line is one
   * valid JSON object (within the same limits) whose id is a non-empty string or an integer; else
   * null. Scans the tokens without building the record or decoding its other strings: every reader
   * of a file reads every line, and most lines are another reader's.
   */
  private String idOf(byte[] bytes) {
    if (Utf8.firstInvalid(bytes) >= 0) {
      return null;
    }
    try (JsonParser parser = json().createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String id = idIn(parser, fields.idField().split("\\.", -1), 0);
      return parser.nextToken() == null ? id : null;
    } catch (IOException e) {
      return null; // not a document: its owner rejects it, and no id is seen
    }
  }

  /** Reads an object to its end, returning the value at {@code path} from {@code depth}. */
  private static String idIn(JsonParser parser, String[] path, int depth) throws IOException {
    String id = null;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      boolean onPath = parser.currentName().equals(path[depth]);
      JsonToken value = parser.nextToken();
      if (onPath && depth == path.length - 1) {
        if (value == JsonToken.VALUE_STRING) {
          id = usableId(parser.getText());
        } else if (value == JsonToken.VALUE_NUMBER_INT) {
          id = parser.getBigIntegerValue().toString();
        } else {
          parser.skipChildren();
        }
      } else if (onPath && value == JsonToken.START_OBJECT) {
        id = idIn(parser, path, depth + 1);
      } else {
        parser.skipChildren(); // reads (and so checks) them, decoding nothing
      }
    }
    return id;
  }

  /** A string id as it may be: not empty, and no control characters; else null. */
  private static String usableId(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < 0x20 || id.charAt(i) == 0x7F) {
        return null;
      }
    }
    return id;
  }

  private static boolean isBlank(LineReader.Line line) {
    if (line.tooLong()) {
      return false;
    }
    for (byte b : line.bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** One line as a document: what it holds, or why it is rejected. */
  private final class Line {
    final LineReader.Line line;
    final String key;
    String id; // the key until the id field is read
    JsonNode record;
    String text;
    JsonNode tokens;
    String language; // routed: the language whose tokenizer and model it gets
    Rejection rejection;

    Line(String fileName, LineReader.Line line) {
      this.line = line;
      this.key = fileName + ":" + line.number;
      this.id = key;
    }

    void reject(String reason, String input) {
      rejection = new Rejection(id, reason, input).inDocument(key);
    }

    /** The line as text, without a byte-order mark (JSON's parser skips it too). */
    String lineText() {
      String text = new String(line.bytes, StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Parses the line and checks it as a document; sees its id. */
    void read(DocumentIds ids) {
      int invalid = Utf8.firstInvalid(line.bytes);
      if (invalid >= 0) {
        // Checked first, strictly: Jackson lets encoded surrogates and overlong forms through.
        reject(
            "invalid UTF-8 at byte " + (invalid + 1) + " of the line; is the file UTF-8 text?",
            lineText());
        return;
      }
      try (JsonParser parser = json().createParser(line.bytes)) {
        record = json().readTree(parser);
        if (record != null && parser.nextToken() != null) {
          reject(
              "more than one JSON value on the line (the second at column "
                  + parser.currentTokenLocation().getColumnNr()
                  + "); each line must be one JSON object",
              lineText());
          return;
        }
      } catch (StreamConstraintsException e) {
        reject(
            e.getOriginalMessage().startsWith("Depth")
                ? "the record nests objects and arrays more than "
                    + MAX_NESTING_DEPTH
                    + " deep, over tagpipe's limit for a record"
                : "the record is over a limit of the JSON parser: " + describe(e),
            lineText());
        return;
      } catch (JsonProcessingException e) {
        LineDecoder.Result decoded = new LineDecoder(names).decode(line);
        if (decoded.problem != null && decoded.problem.startsWith("invalid UTF-8")) {
          reject(decoded.problem, decoded.text);
        } else {
          reject("not JSON: " + describe(e) + "; each line must be one JSON object", lineText());
        }
        return;
      } catch (IOException e) {
        reject("not JSON: " + e.getMessage(), lineText());
        return;
      }
      if (record == null || !record.isObject()) {
        reject(
            "the line's JSON value is "
                + (record == null ? "missing" : kind(record))
                + ", not an object; each line must be one JSON object",
            lineText());
        return;
      }
      if (!readId(ids)) {
        return;
      }
      if (fields.tokensField() != null) {
        readTokens();
      } else {
        readText();
      }
    }

    private boolean readId(DocumentIds ids) {
      JsonNode idNode = JsonFields.at(record, fields.idField());
      if (idNode == null) {
        return true; // the id is <file>:<line>
      }
      String usable = usableId(idNode.isTextual() ? idNode.textValue() : null);
      if (usable != null) {
        id = usable;
      } else if (idNode.isIntegralNumber()) {
        id = idNode.bigIntegerValue().toString();
      } else if (idNode.isTextual() && !idNode.textValue().isEmpty()) {
        reject(
            "the id field \""
                + fields.idField()
                + "\" holds a control character (a line break, a tab...); an id is one line",
            lineText());
        return false;
      } else {
        reject(
            "the id field \""
                + fields.idField()
                + "\" is "
                + (idNode.isTextual() ? "an empty string" : kind(idNode))
                + ", neither a non-empty string nor an integer",
            lineText());
        return false;
      }
      long first = ids.firstSeen(id, line.number);
      if (first >= 0) {
        reject(
            "duplicate document id \""
                + id
                + "\": line "
                + first
                + " of this file has it too; ids must be unique within a file",
            lineText());
        return false;
      }
      return true;
    }

    private void readText() {
      JsonNode node = JsonFields.at(record, fields.textField());
      String field = "the text field \"" + fields.textField() + "\"";
      if (node == null) {
        reject(
            "no text field \""
                + fields.textField()
                + "\"; name the field that holds the text with "
                + names.of("textField"),
            lineText());
        return;
      }
      if (!node.isTextual()) {
        reject(field + " is " + kind(node) + ", not a string", lineText());
        return;
      }
      String value = node.textValue();
      if (value.isBlank()) {
        reject(field + (value.isEmpty() ? " is empty" : " holds only whitespace"), lineText());
        return;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          reject(
              String.format(
                  "%s holds %s at code point %d; text may hold no control characters"
                      + " but tab and line ends",
                  field,
                  c == 0 ? "NUL (U+0000)" : String.format("the control character U+%04X", (int) c),
                  value.codePointCount(0, i)),
              lineText());
          return;
        }
      }
      text = value;
    }

    private void readTokens() {
      JsonNode node = JsonFields.at(record, fields.tokensField());
      String field = "the tokens field \"" + fields.tokensField() + "\"";
      String shape = "; it must be an array of sentences, each an array of token strings";
      if (node == null) {
        reject("no tokens field \"" + fields.tokensField() + "\"" + shape, lineText());
        return;
      }
      if (!node.isArray() || node.isEmpty()) {
        reject(field + " is " + (node.isArray() ? "empty" : kind(node)) + shape, lineText());
        return;
      }
      for (int s = 0; s < node.size(); s++) {
        JsonNode sentence = node.get(s);
        if (!sentence.isArray() || sentence.isEmpty()) {
          reject(
              field
                  + ": sentence "
                  + (s + 1)
                  + " is "
                  + (sentence.isArray() ? "empty" : kind(sentence))
                  + shape,
              lineText());
          return;
        }
        for (int t = 0; t < sentence.size(); t++) {
          JsonNode token = sentence.get(t);
          if (!token.isTextual()
              || token.textValue().isEmpty()
              || token.textValue().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            reject(
                field
                    + ": token "
                    + (t + 1)
                    + " of sentence "
                    + (s + 1)
                    + " is "
                    + (!token.isTextual()
                        ? kind(token)
                        : token.textValue().isEmpty()
                            ? "an empty string"
                            : "a string with a control character (a line break, a tab...)")
                    + shape,
                lineText());
            return;
          }
        }
      }
      tokens = node;
    }

    /**
     * Finds the document's language (from its text, or its given tokens) and whether a model tags
     * it; if none does, the document is rejected saying what was found and what to add.
     */
    void route(LanguageRouting routing) {
      if (router == null) {
        router = new LanguageRouter(routing);
      }
      LanguageRouting.Route route = router.route(text != null ? text : joined(tokens));
      if (route.rejected()) {
        reject(route.rejection(), lineText());
      } else {
        language = route.language();
      }
    }

    private String joined(JsonNode sentences) {
      StringBuilder b = new StringBuilder();
      for (JsonNode sentence : sentences) {
        for (JsonNode token : sentence) {
          if (b.length() >= LanguageIdentifier.MAX_CHARS) {
            return b.toString();
          }
          b.append(token.textValue()).append(' ');
        }
      }
      return b.toString();
    }

    /** The line as a document rejected whole: no record, no sentences, one rejection. */
    Document rejected() {
      return new Document(key, id, null, List.of(), List.of(rejection));
    }
  }

  /** The document of a good line, with its sentences (and rejected ones). */
  private static Document sentences(Line doc, ParagraphSplitter splitter, Collected collected)
      throws IOException {
    collected.sentences.clear();
    collected.rejections.clear();
    if (doc.tokens != null) {
      for (int s = 0; s < doc.tokens.size(); s++) {
        List<String> words = new ArrayList<>();
        doc.tokens.get(s).forEach(t -> words.add(t.textValue()));
        collected.sentence(
            Sentence.inDocument(words, new DocumentSpan(doc.id, doc.key, s + 1, null)));
      }
    } else {
      TextLines lines = TextLines.ofText(doc.text);
      DocumentSentences maker = new DocumentSentences(doc.id, doc.key, doc.text);
      for (TextLine line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) {
          continue;
        }
        lines.pushBack(line);
        splitter.split(lines, maker, k -> true, 0, null);
      }
    }
    return new Document(
        doc.key, doc.id, doc.lineText(), collected.sentences, collected.rejections, doc.language);
  }

  /** A document's sentences: ids {@code <document id>:<n>}, offsets in its text's code points. */
  private static final class DocumentSentences implements ParagraphSplitter.SentenceMaker {
    private final String documentId;
    private final String documentKey;
    private final CodePoints codePoints;
    private int ordinal;

    DocumentSentences(String documentId, String documentKey, String text) {
      this.documentId = documentId;
      this.documentKey = documentKey;
      this.codePoints = new CodePoints(text);
    }

    @Override
    public String nextId(long line) {
      return documentId + ":" + ++ordinal;
    }

    @Override
    public Sentence sentence(String id, List<CoreLabel> tokens, ParagraphReader text) {
      int[] offsets = new int[2 * tokens.size()];
      for (int i = 0; i < tokens.size(); i++) {
        CoreLabel token = tokens.get(i);
        int begin = inText(text.lineStartOf(token.beginPosition()), token.beginPosition());
        int end = inText(text.lineStartOf(token.endPosition() - 1), token.endPosition());
        offsets[2 * i] = codePoints.fromUtf16(begin);
        offsets[2 * i + 1] = codePoints.fromUtf16(end);
      }
      return Sentence.inDocument(
          ParagraphSplitter.words(tokens),
          new DocumentSpan(documentId, documentKey, ordinal, offsets));
    }

    /**
     * Where a position of the paragraph's reader is in the document's text: the reader gives each
     * line as it is in the text (its {@link TextLine#byteOffset} is where it starts there), so the
     * distance from the start of the position's line carries over.
     */
    private static int inText(ParagraphReader.LineStart line, int position) {
      return (int) (line.byteOffset() + (position - line.charOffset()));
    }

    @Override
    public Rejection rejection(String id, String reason, String input) {
      return new Rejection(id, reason, input).inDocument(documentKey);
    }
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String message = e.getOriginalMessage();
    int cut = message.indexOf('\n');
    message = cut < 0 ? message : message.substring(0, cut);
    return message + (at != null && at.getColumnNr() > 0 ? " at column " + at.getColumnNr() : "");
  }

  private static String kind(JsonNode node) {
    switch (node.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case NUMBER:
        return "a number";
      case STRING:
        return "a string";
      default:
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
