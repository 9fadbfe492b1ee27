package dev.tagpipe.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Compact, deterministic coders for the pipeline's element types. Hand-written rather than
 * SerializableCoder: elements cross a reshuffle and (on Flink) the network, and Java serialization
 * would cost several times the bytes and the CPU.
 */
public final class Coders {
  private Coders() {}

  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final Coder<String> NULLABLE_STRING = NullableCoder.of(STRING);
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();
  private static final Coder<byte[]> NULLABLE_BYTES = NullableCoder.of(ByteArrayCoder.of());

  static void encodeStrings(List<String> values, OutputStream out) throws IOException {
    INT.encode(values.size(), out);
    for (String v : values) {
      STRING.encode(v, out);
    }
  }

  static List<String> decodeStrings(InputStream in) throws IOException {
    int n = INT.decode(in);
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(STRING.decode(in));
    }
    return values;
  }

  /** Coder for {@link Sentence}. */
  public static final class SentenceCoder extends AtomicCoder<Sentence> {
    private static final SentenceCoder INSTANCE = new SentenceCoder();

    public static SentenceCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Sentence s, OutputStream out) throws IOException {
      STRING.encode(s.id(), out);
      encodeStrings(s.tokens(), out);
      NULLABLE_STRING.encode(s.conlluBlock(), out);
      NULLABLE_STRING.encode(s.language(), out);
      NULLABLE_BYTES.encode(s.recordKey(), out);
      DocumentSpan d = s.document();
      if (d == null) {
        out.write(0);
        return;
      }
      out.write(d.offsets() == null ? 1 : 2);
      STRING.encode(d.documentId(), out);
      STRING.encode(d.documentKey(), out);
      INT.encode(d.ordinal(), out);
      if (d.offsets() != null) {
        int previous = 0; // offsets only grow: their differences are small
        for (int offset : d.offsets()) {
          INT.encode(offset - previous, out);
          previous = offset;
        }
      }
    }

    @Override
    public Sentence decode(InputStream in) throws IOException {
      String id = STRING.decode(in);
      List<String> tokens = decodeStrings(in);
      String block = NULLABLE_STRING.decode(in);
      String language = NULLABLE_STRING.decode(in);
      byte[] recordKey = NULLABLE_BYTES.decode(in);
      int document = in.read();
      if (document <= 0) {
        Sentence s = new Sentence(id, tokens, block, null);
        s = language == null ? s : s.withLanguage(language);
        return recordKey == null ? s : s.withRecordKey(recordKey);
      }
      String documentId = STRING.decode(in);
      String documentKey = STRING.decode(in);
      int ordinal = INT.decode(in);
      int[] offsets = null;
      if (document == 2) {
        offsets = new int[2 * tokens.size()];
        int previous = 0;
        for (int i = 0; i < offsets.length; i++) {
          previous += INT.decode(in);
          offsets[i] = previous;
        }
      }
      Sentence s =
          new Sentence(
              id, tokens, block, new DocumentSpan(documentId, documentKey, ordinal, offsets));
      s = language == null ? s : s.withLanguage(language);
      return recordKey == null ? s : s.withRecordKey(recordKey);
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder for {@link TaggedSentence}. */
  public static final class TaggedSentenceCoder extends AtomicCoder<TaggedSentence> {
    private static final TaggedSentenceCoder INSTANCE = new TaggedSentenceCoder();

    public static TaggedSentenceCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TaggedSentence t, OutputStream out) throws IOException {
      SentenceCoder.of().encode(t.sentence(), out);
      encodeStrings(t.tags(), out);
      STRING.encode(t.modelSha256(), out);
      NULLABLE_STRING.encode(t.language(), out);
      BOOLEAN.encode(t.lemmas() != null, out);
      if (t.lemmas() != null) {
        encodeStrings(t.lemmas(), out);
      }
    }

    @Override
    public TaggedSentence decode(InputStream in) throws IOException {
      Sentence sentence = SentenceCoder.of().decode(in);
      List<String> tags = decodeStrings(in);
      String model = STRING.decode(in);
      String language = NULLABLE_STRING.decode(in);
      List<String> lemmas = BOOLEAN.decode(in) ? decodeStrings(in) : null;
      return new TaggedSentence(sentence, tags, model, language, lemmas);
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder for {@link Rejection}. */
  public static final class RejectionCoder extends AtomicCoder<Rejection> {
    private static final RejectionCoder INSTANCE = new RejectionCoder();

    public static RejectionCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Rejection r, OutputStream out) throws IOException {
      STRING.encode(r.id(), out);
      STRING.encode(r.reason(), out);
      STRING.encode(r.input(), out);
      NULLABLE_STRING.encode(r.documentKey(), out);
      NULLABLE_BYTES.encode(r.recordKey(), out);
    }

    @Override
    public Rejection decode(InputStream in) throws IOException {
      return Rejection.decoded(
          STRING.decode(in),
          STRING.decode(in),
          STRING.decode(in),
          NULLABLE_STRING.decode(in),
          NULLABLE_BYTES.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder for {@link Document}. */
  public static final class DocumentCoder extends AtomicCoder<Document> {
    private static final DocumentCoder INSTANCE = new DocumentCoder();

    public static DocumentCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Document d, OutputStream out) throws IOException {
      STRING.encode(d.key(), out);
      STRING.encode(d.id(), out);
      NULLABLE_STRING.encode(d.json(), out);
      INT.encode(d.sentences().size(), out);
      for (Sentence s : d.sentences()) {
        SentenceCoder.of().encode(s, out);
      }
      encodeRejections(d.rejections(), out);
      NULLABLE_STRING.encode(d.language(), out);
    }

    @Override
    public Document decode(InputStream in) throws IOException {
      String key = STRING.decode(in);
      String id = STRING.decode(in);
      String json = NULLABLE_STRING.decode(in);
      int n = INT.decode(in);
      List<Sentence> sentences = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        sentences.add(SentenceCoder.of().decode(in));
      }
      List<Rejection> rejections = decodeRejections(in);
      return new Document(key, id, json, sentences, rejections, NULLABLE_STRING.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder for {@link TaggedDocument}. */
  public static final class TaggedDocumentCoder extends AtomicCoder<TaggedDocument> {
    private static final TaggedDocumentCoder INSTANCE = new TaggedDocumentCoder();

    public static TaggedDocumentCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TaggedDocument d, OutputStream out) throws IOException {
      DocumentCoder.of().encode(d.document(), out);
      INT.encode(d.tagged().size(), out);
      for (TaggedSentence s : d.tagged()) {
        TaggedSentenceCoder.of().encode(s, out);
      }
      encodeRejections(d.rejected(), out);
    }

    @Override
    public TaggedDocument decode(InputStream in) throws IOException {
      Document document = DocumentCoder.of().decode(in);
      int n = INT.decode(in);
      List<TaggedSentence> tagged = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        tagged.add(TaggedSentenceCoder.of().decode(in));
      }
      return new TaggedDocument(document, tagged, decodeRejections(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static void encodeRejections(List<Rejection> rejections, OutputStream out)
      throws IOException {
    INT.encode(rejections.size(), out);
    for (Rejection r : rejections) {
      RejectionCoder.of().encode(r, out);
    }
  }

  private static List<Rejection> decodeRejections(InputStream in) throws IOException {
    int n = INT.decode(in);
    List<Rejection> rejections = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rejections.add(RejectionCoder.of().decode(in));
    }
    return rejections;
  }

  /** Coder for {@link TaggerModel}. */
  public static final class TaggerModelCoder extends AtomicCoder<TaggerModel> {
    private static final TaggerModelCoder INSTANCE = new TaggerModelCoder();

    public static TaggerModelCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TaggerModel m, OutputStream out) throws IOException {
      STRING.encode(m.name(), out);
      STRING.encode(m.sha256(), out);
      ByteArrayCoder.of().encode(m.bytes(), out);
      VarLongCoder.of().encode(m.version(), out);
      NULLABLE_STRING.encode(m.language(), out);
    }

    @Override
    public TaggerModel decode(InputStream in) throws IOException {
      return new TaggerModel(STRING.decode(in), STRING.decode(in), ByteArrayCoder.of().decode(in))
          .withVersion(VarLongCoder.of().decode(in))
          .forLanguage(NULLABLE_STRING.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
