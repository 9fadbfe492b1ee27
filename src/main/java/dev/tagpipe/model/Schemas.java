package dev.tagpipe.model;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Beam schemas of the elements a tagging gives, so that Beam SQL and schema transforms ({@code
 * Select}, {@code Convert.toRows()}, {@code Filter}) can work on them by field name.
 */
public final class Schemas {
  private Schemas() {}

  /**
   * A tagged sentence: {@code id}, {@code tokens}, {@code tags} (one per token), {@code model} (the
   * first 12 hex digits of the model's SHA-256, as the output files show it), {@code modelSha256}
   * (all of it), and {@code conlluBlock} (the input's CoNLL-U lines, or null).
   */
  public static final Schema TAGGED_SENTENCE =
      Schema.builder()
          .addStringField("id")
          .addArrayField("tokens", FieldType.STRING)
          .addArrayField("tags", FieldType.STRING)
          .addStringField("model")
          .addStringField("modelSha256")
          .addNullableField("conlluBlock", FieldType.STRING)
          .build();

  /** A rejection: {@code id}, {@code reason} and {@code input} (what was rejected, abbreviated). */
  public static final Schema REJECTION =
      Schema.builder()
          .addStringField("id")
          .addStringField("reason")
          .addStringField("input")
          .build();

  /** Gives {@code tagged} the {@link #TAGGED_SENTENCE} schema (and so a schema coder). */
  public static void attach(PCollection<TaggedSentence> tagged) {
    tagged.setSchema(
        TAGGED_SENTENCE,
        TypeDescriptor.of(TaggedSentence.class),
        Schemas::toRow,
        row ->
            new TaggedSentence(
                new Sentence(
                    row.getString("id"),
                    row.<String>getArray("tokens").stream().toList(),
                    row.getString("conlluBlock")),
                row.<String>getArray("tags").stream().toList(),
                row.getString("modelSha256")));
  }

  /** Gives {@code rejected} the {@link #REJECTION} schema (and so a schema coder). */
  public static void attachToRejections(PCollection<Rejection> rejected) {
    rejected.setSchema(
        REJECTION,
        TypeDescriptor.of(Rejection.class),
        r -> Row.withSchema(REJECTION).addValues(r.id(), r.reason(), r.input()).build(),
        row ->
            Rejection.decoded(
                row.getString("id"), row.getString("reason"), row.getString("input")));
  }

  static Row toRow(TaggedSentence t) {
    return Row.withSchema(TAGGED_SENTENCE)
        .addValues(
            t.id(),
            t.tokens(),
            t.tags(),
            t.shortModelSha256(),
            t.modelSha256(),
            t.sentence().conlluBlock())
        .build();
  }
}
