package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.DocumentRecord;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggedSentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Puts each document back together from what was read ({@link ReadSentences#DOCUMENTS}, made with
 * {@link ReadSentences#withDocumentRecords}), tagged and rejected: its sentences are grouped by the
 * document and sorted by their place in it, however the runner spread them. Gives one element per
 * document, rendered as {@link OutputFormat#documents} (the input record exactly as it was, plus
 * {@code "tagpipe"}) or {@link OutputFormat#conllu} ({@code # newdoc id}, then each sentence with
 * its {@code # text}); on a stream, per window. Counts the documents tagged and wholly rejected
 * ({@link CountDocuments} counts them where the documents are not written).
 *
 * <pre>{@code
 * PCollection<String> documents =
 *     AssembleDocuments.inputs(read.get(ReadSentences.DOCUMENTS), tagged, rejected)
 *         .apply(AssembleDocuments.as(OutputFormat.documents));
 * }</pre>
 */
public final class AssembleDocuments extends PTransform<PCollectionTuple, PCollection<String>> {
  /** The key {@code "tagpipe"} adds to each record. */
  public static final String FIELD = "tagpipe";

  /** The input's documents ({@link ReadSentences#DOCUMENTS}, with their records). */
  public static final TupleTag<DocumentRecord> DOCUMENTS = ReadSentences.DOCUMENTS;

  /** The input's tagged sentences. */
  public static final TupleTag<TaggedSentence> TAGGED = new TupleTag<TaggedSentence>() {};

  /** The input's rejections, all of them (those of reading and of tagging). */
  public static final TupleTag<Rejection> REJECTED = new TupleTag<Rejection>() {};

  private final OutputFormat format;
  private final JsonFields fields;

  private AssembleDocuments(OutputFormat format, JsonFields fields) {
    this.format = format;
    this.fields = fields;
  }

  /** The input this transform takes: the documents read, and their sentences' outcomes. */
  public static PCollectionTuple inputs(
      PCollection<DocumentRecord> documents,
      PCollection<TaggedSentence> tagged,
      PCollection<Rejection> rejected) {
    checkArgument(
        documents != null && tagged != null && rejected != null,
        "AssembleDocuments.inputs: documents, tagged and rejected must all be given");
    return PCollectionTuple.of(DOCUMENTS, documents).and(TAGGED, tagged).and(REJECTED, rejected);
  }

  /** Renders each document as {@code documents} or {@code conllu}. */
  public static AssembleDocuments as(OutputFormat format) {
    checkArgument(
        format == OutputFormat.documents || format == OutputFormat.conllu,
        "AssembleDocuments renders documents or conllu, not %s",
        format);
    return new AssembleDocuments(format, JsonFields.DEFAULT);
  }

  /** The fields the documents were read with: CoNLL-U's {@code # text} is cut from the text. */
  public AssembleDocuments withJsonFields(JsonFields fields) {
    checkArgument(fields != null, "AssembleDocuments.withJsonFields: the fields are null");
    return new AssembleDocuments(format, fields);
  }

  private static final TupleTag<DocumentRecord> RECORD = new TupleTag<>() {};
  private static final TupleTag<TaggedSentence> SENTENCE = new TupleTag<>() {};
  private static final TupleTag<Rejection> REJECTION = new TupleTag<>() {};

  @Override
  public PCollection<String> expand(PCollectionTuple input) {
    checkArgument(
        input.has(DOCUMENTS) && input.has(TAGGED) && input.has(REJECTED),
        "AssembleDocuments: the input is not AssembleDocuments.inputs(documents, tagged, rejected)");
    PCollection<KV<String, DocumentRecord>> records =
        input
            .get(DOCUMENTS)
            .apply(
                "KeyRecords",
                WithKeys.of((DocumentRecord d) -> d.key()).withKeyType(TypeDescriptors.strings()))
            .setCoder(
                org.apache.beam.sdk.coders.KvCoder.of(
                    StringUtf8Coder.of(), Coders.DocumentRecordCoder.of()));
    return KeyedPCollectionTuple.of(RECORD, records)
        .and(SENTENCE, CountDocuments.keyTagged(input.get(TAGGED)))
        .and(REJECTION, CountDocuments.keyRejected(input.get(REJECTED)))
        .apply("GroupByDocument", CoGroupByKey.create())
        .apply("Assemble " + format, ParDo.of(new AssembleFn(format, fields)))
        .setCoder(StringUtf8Coder.of());
  }

  private static final class AssembleFn extends DoFn<KV<String, CoGbkResult>, String> {
    private final OutputFormat format;
    private final JsonFields fields;
    private transient ObjectMapper json;

    AssembleFn(OutputFormat format, JsonFields fields) {
      this.format = format;
      this.fields = fields;
    }

    @Setup
    public void setup() {
      // Exact numbers, should a record be written again rather than added to (see render).
      json =
          new ObjectMapper()
              .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
              .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, OutputReceiver<String> out) {
      CoGbkResult parts = group.getValue();
      List<TaggedSentence> sentences = new ArrayList<>();
      parts.getAll(SENTENCE).forEach(sentences::add);
      (sentences.isEmpty() ? Counters.DOCUMENTS_REJECTED : Counters.DOCUMENTS_TAGGED).inc();
      DocumentRecord record = parts.getOnly(RECORD, null);
      if (record == null) {
        return; // rejected whole as it was read: the rejections say why
      }
      if (format == OutputFormat.conllu && sentences.isEmpty()) {
        return; // CoNLL-U has nothing to say of a document without a sentence
      }
      sentences.sort(Comparator.comparingInt(s -> s.sentence().document().ordinal()));
      List<Rejection> rejections = new ArrayList<>();
      parts.getAll(REJECTION).forEach(rejections::add);
      rejections.sort(Comparator.comparing(Rejection::id));
      out.output(
          format == OutputFormat.conllu
              ? conllu(record, sentences)
              : document(record, sentences, rejections));
    }

    private String document(
        DocumentRecord record, List<TaggedSentence> sentences, List<Rejection> rejections) {
      ObjectNode added = json.createObjectNode();
      ArrayNode list = added.putArray("sentences");
      String model = sentences.isEmpty() ? null : sentences.get(0).shortModelSha256();
      boolean oneModel =
          sentences.stream()
              .allMatch(s -> s.shortModelSha256().equals(sentences.get(0).shortModelSha256()));
      for (TaggedSentence s : sentences) {
        ObjectNode o = list.addObject();
        ArrayNode tokens = o.putArray("tokens");
        s.tokens().forEach(tokens::add);
        ArrayNode tags = o.putArray("tags");
        s.tags().forEach(tags::add);
        if (s.sentence().document().offsets() != null) {
          Formats.putOffsets(o, s.sentence().document());
        }
        if (!oneModel) {
          o.put("model", s.shortModelSha256()); // a stream's model changed within the document
        }
      }
      if (model != null && oneModel) {
        added.put("model", model);
      }
      if (!rejections.isEmpty()) {
        ObjectNode r = added.putObject("rejected");
        r.put("count", rejections.size());
        ArrayNode reasons = r.putArray("reasons");
        for (Rejection rejection : rejections) {
          reasons.addObject().put("id", rejection.id()).put("reason", rejection.reason());
        }
      }
      return withField(record.json(), added);
    }

    /**
     * The record's own text with {@code "tagpipe": added} before its closing brace, so every field
     * stays byte for byte as it was. A record that has a "tagpipe" field already (tagged before)
     * has it replaced: then the record is written again, its other fields in their order.
     */
    private String withField(String line, ObjectNode added) {
      try {
        String addedText = json.writeValueAsString(added);
        String record = line.startsWith("\uFEFF") ? line.substring(1) : line;
        JsonNode parsed = null;
        if (record.contains("\"" + FIELD + "\"")) {
          parsed = json.readTree(record);
        }
        if (parsed != null && parsed.has(FIELD)) {
          ((ObjectNode) parsed).set(FIELD, added);
          return json.writeValueAsString(parsed);
        }
        int close = record.lastIndexOf('}');
        return record.substring(0, close) + ",\"" + FIELD + "\":" + addedText + "}";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String conllu(DocumentRecord record, List<TaggedSentence> sentences) {
      String text = null;
      if (fields.tokensField() == null) {
        try {
          JsonNode node = JsonFields.at(json.readTree(record.json()), fields.textField());
          text = node == null ? null : node.textValue();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      CodePoints codePoints = text == null ? null : new CodePoints(text);
      StringBuilder b = new StringBuilder("# newdoc id = ").append(record.id()).append('\n');
      for (int i = 0; i < sentences.size(); i++) {
        TaggedSentence s = sentences.get(i);
        String original = null;
        int[] offsets = s.sentence().document().offsets();
        if (codePoints != null && offsets != null && offsets.length > 0) {
          int from = codePoints.toUtf16(offsets[0]);
          int to = codePoints.toUtf16(offsets[offsets.length - 1]);
          original = text.substring(from, to);
        }
        if (i > 0) {
          b.append('\n');
        }
        b.append(Formats.conllu(s, original));
      }
      return b.toString();
    }
  }
}
