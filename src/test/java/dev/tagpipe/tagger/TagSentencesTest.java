package dev.tagpipe.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import dev.tagpipe.model.TaggedSentence;
import dev.tagpipe.model.TaggerModel;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TagSentences on its own: tags like single-thread MaxentTagger, rejects with reasons. */
@ExtendWith(TestPipelineExtension.class)
class TagSentencesTest {
  private static final Sentence CAT = Sentence.of("a", List.of("The", "cat", "sleeps", "."));
  private static final Sentence LONG =
      Sentence.of("b", List.of("one", "two", "three", "four", "five"));
  private static final Sentence EMPTY = Sentence.of("c", List.of());

  @Test
  void tagsWithTheSideInputModelAndRejectsWhatItCannotTag(TestPipeline pipeline) {
    PCollectionView<Iterable<TaggerModel>> model =
        pipeline.apply("Model", ReadTaggerModel.from(ModelLocation.BUNDLED_MODEL));
    PCollectionTuple out =
        pipeline
            .apply("Sentences", Create.of(CAT, LONG, EMPTY).withCoder(Coders.SentenceCoder.of()))
            .apply("Tag", TagSentences.with(model).withMaxSentenceTokens(4));
    // The reason names the setting as the library user set it; a command line gives its form.
    PCollectionTuple flags =
        pipeline
            .apply("Long", Create.of(LONG).withCoder(Coders.SentenceCoder.of()))
            .apply(
                "TagForFlags",
                TagSentences.with(model)
                    .withMaxSentenceTokens(4)
                    .withSettingNames(SettingNames.withPrefix("--")));
    PAssert.that(flags.get(TagSentences.REJECTED))
        .containsInAnyOrder(
            new Rejection(
                "b", "5 tokens, more than --maxSentenceTokens=4", "one two three four five"));
    PAssert.that(out.get(TagSentences.TAGGED))
        .containsInAnyOrder(
            new TaggedSentence(
                CAT,
                TestData.referenceTags(CAT.tokens()),
                ModelBytes.sha256(TestData.modelBytes())));
    PAssert.that(out.get(TagSentences.REJECTED))
        .containsInAnyOrder(
            new Rejection(
                "b", "5 tokens, more than maxSentenceTokens=4", "one two three four five"),
            new Rejection("c", "no tokens", ""));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void argumentsAreCheckedWhenGiven(TestPipeline pipeline) {
    assertThrows(IllegalArgumentException.class, () -> TagSentences.with(null));
    PCollectionView<Iterable<TaggerModel>> model =
        pipeline.apply(ReadTaggerModel.from(ModelLocation.BUNDLED_MODEL));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TagSentences.with(model).withMaxSentenceTokens(0));
    assertTrue(e.getMessage().contains("maxSentenceTokens"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> TagSentences.with(model).withMaxCachedTaggers(0));
    assertThrows(
        IllegalArgumentException.class, () -> TagSentences.with(model).withSettingNames(null));
    assertThrows(IllegalArgumentException.class, () -> ReadTaggerModel.from(" "));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadTaggerModel.from("m.tagger").withExpectedSha256("abc"));
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  void describesItselfForRunnerUIs(TestPipeline pipeline) {
    PCollectionView<Iterable<TaggerModel>> model =
        pipeline.apply(ReadTaggerModel.from(ModelLocation.BUNDLED_MODEL));
    DisplayData tag =
        DisplayData.from(
            TagSentences.with(model).withMaxSentenceTokens(50).withMaxCachedTaggers(3));
    assertEquals(50, ((Number) value(tag, "maxSentenceTokens")).intValue());
    assertEquals(3, ((Number) value(tag, "maxCachedTaggers")).intValue());
    DisplayData read =
        DisplayData.from(
            ReadTaggerModel.from("gs://b/m.tagger").withExpectedSha256("ab".repeat(32)));
    assertEquals("gs://b/m.tagger", value(read, "model"));
    assertEquals("ab".repeat(32), value(read, "expectedSha256"));
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  static Object value(DisplayData data, String key) {
    return data.items().stream()
        .filter(i -> i.getKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no display item " + key + " in " + data))
        .getValue();
  }
}
