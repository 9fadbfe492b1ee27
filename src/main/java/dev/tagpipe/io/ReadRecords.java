package dev.tagpipe.io;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Document;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@link ReadSentences} for the records of a stream ({@link InputRecord}, such as Kafka's): each
 * record's value is parsed as a whole file of the input format would be, with the same rejections
 * (not UTF-8, a line over {@code maxLineBytes}, a JSON Lines record that is not an object), plus
 * one of its own: a record with nothing to tag (empty, blank, binary) is rejected, so that every
 * record is accounted for. Outputs {@link ReadSentences#SENTENCES}, {@link ReadSentences#REJECTED}
 * and (JSON Lines {@link #withWholeDocuments}) {@link ReadSentences#DOCUMENTS}, in the input's
 * windows; each carries the record's key ({@link Sentence#recordKey}), so that its output can be
 * keyed as its input was.
 *
 * <p>Ids name the record: {@code <name>} for a one-line record of tokens, {@code <name>:<n>} for
 * the n-th sentence of a one-line text record; a record of several lines keeps the line, as a file
 * does ({@code <name>:<line>}, {@code <name>:<line>:<n>}). A JSON Lines document's id is its id
 * field, else {@code <name>:1}.
 */
public final class ReadRecords extends PTransform<PCollection<InputRecord>, PCollectionTuple> {
  private final ReadSentences.Parsing parsing;

  ReadRecords(ReadSentences.Parsing parsing) {
    this.parsing = parsing;
  }

  /** As {@link ReadSentences#withMaxLineBytes}: a longer line of a record is rejected. */
  public ReadRecords withMaxLineBytes(int maxLineBytes) {
    return new ReadRecords(parsing.withMaxLineBytes(maxLineBytes));
  }

  /** As {@link ReadSentences#withMaxSentenceTokens}. */
  public ReadRecords withMaxSentenceTokens(int maxSentenceTokens) {
    return new ReadRecords(parsing.withMaxSentenceTokens(maxSentenceTokens));
  }

  /** As {@link ReadSentences#withSettingNames}. */
  public ReadRecords withSettingNames(SettingNames names) {
    return new ReadRecords(parsing.withNames(names));
  }

  /** As {@link ReadSentences#withJsonFields}. */
  public ReadRecords withJsonFields(JsonFields fields) {
    return new ReadRecords(parsing.withFields(fields));
  }

  /** As {@link ReadSentences#withTextLanguage}. */
  public ReadRecords withTextLanguage(TextLanguage language) {
    return new ReadRecords(parsing.withLanguage(language));
  }

  /** As {@link ReadSentences#withWholeDocuments}. */
  public ReadRecords withWholeDocuments() {
    return new ReadRecords(parsing.withWholeDocuments(true));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    parsing.populateDisplayData(builder);
  }

  @Override
  public PCollectionTuple expand(PCollection<InputRecord> records) {
    SentenceParser parser =
        SentenceParser.forFormat(
            parsing.format(),
            parsing.maxSentenceTokens(),
            parsing.names(),
            parsing.fields(),
            parsing.language());
    PCollectionTuple parsed =
        records.apply(
            "Parse " + parsing.format() + " records",
            ParDo.of(new ParseRecordFn(parser, parsing.maxLineBytes(), parsing.wholeDocuments()))
                .withOutputTags(
                    ReadSentences.SENTENCES,
                    TupleTagList.of(ReadSentences.REJECTED).and(ReadSentences.DOCUMENTS)));
    parsed.get(ReadSentences.SENTENCES).setCoder(Coders.SentenceCoder.of());
    parsed.get(ReadSentences.REJECTED).setCoder(Coders.RejectionCoder.of());
    parsed.get(ReadSentences.DOCUMENTS).setCoder(Coders.DocumentCoder.of());
    return parsed;
  }

  private static final class ParseRecordFn extends DoFn<InputRecord, Sentence> {
    private static final Shard WHOLE = new Shard(0, 1, 1);
    private final SentenceParser parser;
    private final int maxLineBytes;
    private final boolean wholeDocuments;

    ParseRecordFn(SentenceParser parser, int maxLineBytes, boolean wholeDocuments) {
      this.parser = parser;
      this.maxLineBytes = maxLineBytes;
      this.wholeDocuments = wholeDocuments;
    }

    @ProcessElement
    public void process(@Element InputRecord record, MultiOutputReceiver out) {
      String name = record.name();
      byte[] key = record.key();
      byte[] value = record.value();
      String nothing = nothingToTag(value);
      if (nothing != null) {
        ReadSentences.emit(
            out, new Rejection(name, nothing, "").withRecordKey(key), wholeDocuments);
        return;
      }
      boolean oneLine = isOneLine(value);
      List<Object> items = new ArrayList<>();
      try {
        parser.parse(
            name,
            new LineReader(new ByteArrayInputStream(value), maxLineBytes),
            WHOLE,
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                items.add(
                    sentence.withId(shortId(sentence.id(), name, oneLine)).withRecordKey(key));
              }

              @Override
              public void rejected(Rejection rejection) {
                items.add(
                    rejection.withId(shortId(rejection.id(), name, oneLine)).withRecordKey(key));
              }

              @Override
              public void document(Document document) {
                items.add(withRecordKey(document, key));
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("reading bytes in memory cannot fail", e);
      }
      if (items.isEmpty()) { // blank lines only: no sentence, and nothing to reject by line
        items.add(
            new Rejection(name, "no tokens: the record has only blank lines", "")
                .withRecordKey(key));
      }
      for (Object item : items) {
        ReadSentences.emit(out, item, wholeDocuments);
      }
    }

    /** Why a record is nothing to tag (empty, binary), or null. */
    private static String nothingToTag(byte[] value) {
      if (value.length == 0) {
        return "empty record: no text to tag";
      }
      String binary =
          BinarySniffer.problem(value, Math.min(value.length, BinarySniffer.SAMPLE_BYTES));
      return binary == null ? null : "binary record: " + binary;
    }

    /** One line: no line feed but, perhaps, a last one. */
    private static boolean isOneLine(byte[] value) {
      for (int i = 0; i < value.length - 1; i++) {
        if (value[i] == '\n') {
          return false;
        }
      }
      return true;
    }

    /** {@code name:1} becomes {@code name}, {@code name:1:n} {@code name:n}, for one line. */
    private static String shortId(String id, String name, boolean oneLine) {
      String lineOne = name + ":1";
      if (!oneLine || !id.startsWith(lineOne)) {
        return id;
      }
      String rest = id.substring(lineOne.length());
      return rest.isEmpty() ? name : rest.startsWith(":") ? name + rest : id;
    }

    private static Document withRecordKey(Document d, byte[] key) {
      List<Sentence> sentences = new ArrayList<>(d.sentences().size());
      d.sentences().forEach(s -> sentences.add(s.withRecordKey(key)));
      List<Rejection> rejections = new ArrayList<>(d.rejections().size());
      d.rejections().forEach(r -> rejections.add(r.withRecordKey(key)));
      return new Document(d.key(), d.id(), d.json(), sentences, rejections, d.language());
    }
  }
}
