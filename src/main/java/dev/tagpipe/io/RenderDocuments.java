package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggedDocument;
import dev.tagpipe.model.TaggedSentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Renders tagged documents ({@link dev.tagpipe.tagger.TagDocuments}) for {@link WriteLines}:
 *
 * <ul>
 *   <li>{@link OutputFormat#documents}: one line per document, the input record exactly as it was
 *       plus {@code "tagpipe": {"sentences": [{"tokens", "tags", "offsets"}...], "model",
 *       "rejected": {"count", "reasons"}}} (rejected only if some of it was); a document whose line
 *       was rejected whole has no record, and is only in the rejections;
 *   <li>{@link OutputFormat#conllu}: per document with a sentence tagged, {@code # newdoc id}, then
 *       its sentences in order, each with its {@code # text} (its original characters);
 *   <li>{@link OutputFormat#jsonl} and {@link OutputFormat#text}: its sentences, one line each, as
 *       {@link WriteTagged} writes them ({@code "doc"} and {@code "offsets"} in JSON Lines).
 * </ul>
 *
 * {@link #rejections()} gives what of them was rejected, for {@link WriteRejections}.
 */
public final class RenderDocuments
    extends PTransform<PCollection<TaggedDocument>, PCollection<String>> {
  /** The key {@code documents} output adds to each record. */
  public static final String FIELD = "tagpipe";

  private final OutputFormat format;
  private final JsonFields fields;

  private RenderDocuments(OutputFormat format, JsonFields fields) {
    this.format = format;
    this.fields = fields;
  }

  /** Renders as {@code format}. */
  public static RenderDocuments as(OutputFormat format) {
    checkArgument(format != null, "RenderDocuments.as: the format is null");
    return new RenderDocuments(format, JsonFields.DEFAULT);
  }

  /** The fields the documents were read with: CoNLL-U's {@code # text} is cut from the text. */
  public RenderDocuments withJsonFields(JsonFields fields) {
    checkArgument(fields != null, "RenderDocuments.withJsonFields: the fields are null");
    return new RenderDocuments(format, fields);
  }

  /** Every rejection of the documents: of reading, then of tagging. */
  public static PTransform<PCollection<TaggedDocument>, PCollection<Rejection>> rejections() {
    return new PTransform<>() {
      @Override
      public PCollection<Rejection> expand(PCollection<TaggedDocument> documents) {
        return documents
            .apply(
                FlatMapElements.into(TypeDescriptor.of(Rejection.class))
                    .via(TaggedDocument::rejected))
            .setCoder(Coders.RejectionCoder.of());
      }
    };
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("format", format.name()).withLabel("Output format"));
  }

  @Override
  public PCollection<String> expand(PCollection<TaggedDocument> documents) {
    return documents
        .apply("Render " + format, ParDo.of(new LinesFn(format, fields)))
        .setCoder(StringUtf8Coder.of());
  }

  /**
   * The same lines, each keyed by the key of the stream record its document came from ({@link
   * dev.tagpipe.model.Sentence#recordKey}; null if none): for a topic whose partitioning follows
   * the input's.
   */
  public PTransform<PCollection<TaggedDocument>, PCollection<KV<byte[], String>>> keyed() {
    OutputFormat format = this.format;
    JsonFields fields = this.fields;
    return new PTransform<>("RenderKeyed") {
      @Override
      public PCollection<KV<byte[], String>> expand(PCollection<TaggedDocument> documents) {
        return documents
            .apply("Render " + format, ParDo.of(new KeyedFn(format, fields)))
            .setCoder(KvCoder.of(NullableCoder.of(ByteArrayCoder.of()), StringUtf8Coder.of()));
      }
    };
  }

  /** The key of the record a document came from: any of its parts carries it. */
  static byte[] recordKey(TaggedDocument doc) {
    if (!doc.tagged().isEmpty()) {
      return doc.tagged().get(0).sentence().recordKey();
    }
    return doc.rejected().isEmpty() ? null : doc.rejected().get(0).recordKey();
  }

  private static final class LinesFn extends RenderFn<String> {
    LinesFn(OutputFormat format, JsonFields fields) {
      super(format, fields);
    }

    @Override
    String wrap(TaggedDocument doc, String line) {
      return line;
    }
  }

  private static final class KeyedFn extends RenderFn<KV<byte[], String>> {
    KeyedFn(OutputFormat format, JsonFields fields) {
      super(format, fields);
    }

    @Override
    KV<byte[], String> wrap(TaggedDocument doc, String line) {
      return KV.of(recordKey(doc), line);
    }
  }

  private abstract static class RenderFn<OutT> extends DoFn<TaggedDocument, OutT> {
    private final OutputFormat format;
    private final JsonFields fields;
    private transient ObjectMapper json;

    RenderFn(OutputFormat format, JsonFields fields) {
      this.format = format;
      this.fields = fields;
    }

    /** What is output for {@code line}, a rendering of {@code doc}. */
    abstract OutT wrap(TaggedDocument doc, String line);

    @Setup
    public void setup() {
      // Exact numbers, should a record be written again rather than added to (see withField).
      json =
          new ObjectMapper()
              .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
              .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @ProcessElement
    public void process(@Element TaggedDocument doc, OutputReceiver<OutT> out) {
      switch (format) {
        case documents:
          if (doc.document().json() != null) {
            out.output(wrap(doc, document(doc)));
          }
          break;
        case conllu:
          if (doc.anyTagged()) {
            out.output(wrap(doc, conllu(doc)));
          }
          break;
        default:
          for (TaggedSentence s : doc.tagged()) {
            out.output(wrap(doc, Formats.render(s, format)));
          }
      }
    }

    private String document(TaggedDocument doc) {
      ObjectNode added = json.createObjectNode();
      ArrayNode list = added.putArray("sentences");
      for (TaggedSentence s : doc.tagged()) {
        ObjectNode o = list.addObject();
        ArrayNode tokens = o.putArray("tokens");
        s.tokens().forEach(tokens::add);
        ArrayNode tags = o.putArray("tags");
        s.tags().forEach(tags::add);
        if (s.lemmas() != null) {
          ArrayNode lemmas = o.putArray("lemmas");
          s.lemmas().forEach(lemmas::add);
        }
        if (s.sentence().document() != null && s.sentence().document().offsets() != null) {
          Formats.putOffsets(o, s.sentence().document());
        }
      }
      if (doc.anyTagged()) {
        added.put("model", doc.tagged().get(0).shortModelSha256()); // one tagger per document
      }
      if (doc.document().language() != null) {
        added.put("lang", doc.document().language());
      }
      List<Rejection> rejected = doc.rejected();
      if (!rejected.isEmpty()) {
        ObjectNode r = added.putObject("rejected");
        r.put("count", rejected.size());
        ArrayNode reasons = r.putArray("reasons");
        for (Rejection rejection : rejected) {
          reasons.addObject().put("id", rejection.id()).put("reason", rejection.reason());
        }
      }
      return withField(doc.document().json(), added);
    }

    /**
     * The record's own text with {@code "tagpipe": added} before its closing brace, so every field
     * stays byte for byte as it was. A record that has a "tagpipe" field already (tagged before)
     * has it replaced: then the record is written again, its other fields in their order.
     */
    private String withField(String line, ObjectNode added) {
      try {
        String record = (line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
        if (record.contains("\"" + FIELD + "\"")) {
          JsonNode parsed = json.readTree(record);
          if (parsed.has(FIELD)) {
            ((ObjectNode) parsed).set(FIELD, added);
            return json.writeValueAsString(parsed);
          }
        }
        int close = record.lastIndexOf('}');
        return record.substring(0, close)
            + ",\""
            + FIELD
            + "\":"
            + json.writeValueAsString(added)
            + "}";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String conllu(TaggedDocument doc) {
      String text = null;
      if (fields.tokensField() == null && doc.document().json() != null) {
        try {
          JsonNode node = JsonFields.at(json.readTree(doc.document().json()), fields.textField());
          text = node == null ? null : node.textValue();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      CodePoints codePoints = text == null ? null : new CodePoints(text);
      StringBuilder b =
          new StringBuilder("# newdoc id = ").append(doc.document().id()).append('\n');
      for (int i = 0; i < doc.tagged().size(); i++) {
        TaggedSentence s = doc.tagged().get(i);
        String original = null;
        int[] offsets = s.sentence().document() == null ? null : s.sentence().document().offsets();
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
