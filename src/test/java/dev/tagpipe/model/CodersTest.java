package dev.tagpipe.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Each coder round-trips its type, is deterministic, and fails loudly on cut-off input. */
class CodersTest {
  private static final Sentence TOKENS = Sentence.of("in.tok:7", List.of("Hello", "wörld", "."));
  private static final Sentence CONLLU =
      new Sentence(
          "weblog-1",
          List.of("Hi", "😀"),
          "# sent_id = weblog-1\n1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n"
              + "2\t😀\t_\t_\t_\t_\t_\t_\t_\t_");
  private static final Sentence EMPTY = Sentence.of("", List.of());

  private static <T> void roundTrips(Coder<T> coder, List<T> values) throws Exception {
    coder.verifyDeterministic();
    for (T value : values) {
      CoderProperties.coderDecodeEncodeEqual(coder, value);
      CoderProperties.coderDecodeEncodeEqualInContext(coder, Coder.Context.NESTED, value);
      CoderProperties.coderDeterministic(coder, value, value);
      CoderProperties.structuralValueDecodeEncodeEqual(coder, value);
    }
    CoderProperties.coderSerializable(coder);
  }

  @Test
  void sentences() throws Exception {
    roundTrips(Coders.SentenceCoder.of(), List.of(TOKENS, CONLLU, EMPTY));
  }

  @Test
  void taggedSentences() throws Exception {
    roundTrips(
        Coders.TaggedSentenceCoder.of(),
        List.of(
            new TaggedSentence(TOKENS, List.of("UH", "NN", "."), "ab".repeat(32)),
            new TaggedSentence(CONLLU, List.of("UH", "NFP"), "0123456789abcdef".repeat(4)),
            new TaggedSentence(EMPTY, List.of(), "ff".repeat(32))));
  }

  @Test
  void rejections() throws Exception {
    roundTrips(
        Coders.RejectionCoder.of(),
        List.of(
            new Rejection("in.txt:3", "invalid UTF-8 at byte 4", "ab\uFFFDc"),
            new Rejection("x", "too long", "y".repeat(5_000)),
            new Rejection("empty", "no tokens", null)));
  }

  @Test
  void taggerModels() throws Exception {
    roundTrips(
        Coders.TaggerModelCoder.of(),
        List.of(
            new TaggerModel(
                "m.tagger", "ab".repeat(32), new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}),
            new TaggerModel("empty", "00".repeat(32), new byte[0])));
  }

  @Test
  void truncatedBytesAreAnErrorNotAWrongValue() throws CoderException {
    byte[] encoded = CoderUtils.encodeToByteArray(Coders.SentenceCoder.of(), TOKENS);
    byte[] cut = Arrays.copyOf(encoded, encoded.length - 3);
    assertThrows(
        CoderException.class, () -> CoderUtils.decodeFromByteArray(Coders.SentenceCoder.of(), cut));
  }
}
