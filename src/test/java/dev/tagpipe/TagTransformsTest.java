package dev.tagpipe;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.TaggedSentence;
import dev.tagpipe.tagger.ModelBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public tagging transforms in a pipeline: token lines and sentences tagged as the reference,
 * fields selected by schema, a model updated while the job runs (a bad update refused).
 */
@ExtendWith(TestPipelineExtension.class)
class TagTransformsTest {
  @TempDir Path dir;

  private static final List<String> CAT = List.of("The", "cat", "sleeps", ".");
  private static final List<String> MICE = List.of("It", "dreams", "of", "mice", ".");

  private static PCollection<String> tagsOf(TaggingResult result) {
    return result
        .tagged()
        .apply(
            "Tags",
            MapElements.into(TypeDescriptors.strings())
                .via((TaggedSentence s) -> String.join(" ", s.tags())));
  }

  private static String reference(List<String> tokens) {
    return String.join(" ", TestData.referenceTags(tokens));
  }

  @Test
  void theTaggerChosenIsKeptByTheOtherSettingsAndShown() {
    TagTokens chosen =
        TagTokens.withDefaultModel()
            .withTagger(dev.tagpipe.tagger.TaggerImplementation.corenlp)
            .withMaxSentenceTokens(50);
    assertTrue(taggerShown(chosen).equals("corenlp"), taggerShown(chosen));
    assertTrue(taggerShown(TagTokens.withDefaultModel()).equals("kernel"));
  }

  private static String taggerShown(TagTokens t) {
    return org.apache.beam.sdk.transforms.display.DisplayData.from(t).items().stream()
        .filter(i -> i.getKey().equals("tagger"))
        .map(i -> String.valueOf(i.getValue()))
        .findFirst()
        .orElse("none");
  }

  @Test
  void tokenLinesAreTaggedAsTheyAreAndAnEmptyLineIsRejected(TestPipeline pipeline) {
    TaggingResult result =
        pipeline
            .apply(Create.of(List.of("The cat sleeps .", "It  dreams of\tmice .", " ")))
            .apply(TagTokenLines.withDefaultModel());
    PAssert.that(tagsOf(result)).containsInAnyOrder(reference(CAT), reference(MICE));
    PAssert.that(result.rejected().apply(Select.fieldNames("reason")))
        .satisfies(
            rows -> {
              int n = 0;
              for (Row row : rows) {
                assertTrue(
                    row.getString("reason").equals("no tokens: the line is empty"), row.toString());
                n++;
              }
              assertTrue(n == 1, n + " rejections");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void sentencesKeepTheirIdsAndTheSchemaSelectsFields(TestPipeline pipeline) {
    TaggingResult result =
        pipeline
            .apply(Create.of(Sentence.of("doc-1:1", CAT), Sentence.of("doc-1:2", MICE)))
            .apply(TagTokens.withDefaultModel());
    String sha = ModelBytes.sha256(TestData.modelBytes()).substring(0, 12);
    PCollection<Row> selected = result.tagged().apply(Select.fieldNames("id", "tags", "model"));
    PAssert.that(selected)
        .satisfies(
            rows -> {
              int n = 0;
              for (Row row : rows) {
                List<String> tokens = row.getString("id").equals("doc-1:1") ? CAT : MICE;
                assertTrue(
                    List.copyOf(row.<String>getArray("tags"))
                        .equals(TestData.referenceTags(tokens)),
                    row.toString());
                assertTrue(sha.equals(row.getString("model")), row.toString());
                n++;
              }
              assertTrue(n == 2, n + " rows");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aModelUpdateTagsAndABadUpdateIsRefused(TestPipeline pipeline) throws IOException {
    Path testModels =
        Path.of(
            System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"));
    Path caseless = testModels.resolve("pos-tagger/english-caseless-left3words-distsim.tagger");
    Path bad = dir.resolve("cut.tagger");
    Files.write(bad, java.util.Arrays.copyOf(TestData.modelBytes(), 3_000));
    String caselessSha = ModelBytes.sha256(Files.readAllBytes(caseless));

    PCollection<String> updates =
        pipeline.apply(
            "Updates",
            Create.timestamped(
                TimestampedValue.of(caseless.toString(), new Instant(1_000)),
                TimestampedValue.of(bad.toString(), new Instant(2_000))));
    TaggingResult result =
        pipeline
            .apply("Lines", Create.of(List.of("The cat sleeps .")))
            .apply(TagTokenLines.withDefaultModel().withModelUpdates(updates));
    PAssert.that(
            result
                .tagged()
                .apply(
                    "Models",
                    MapElements.into(TypeDescriptors.strings()).via(TaggedSentence::modelSha256)))
        .containsInAnyOrder(caselessSha);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void settingsAreCheckedWhenGiven() {
    assertThrows(IllegalArgumentException.class, () -> TagText.withModel(" "));
    assertThrows(
        IllegalArgumentException.class, () -> TagTokens.withDefaultModel().withModelSha256("ab"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TagTokenLines.withDefaultModel().withMaxSentenceTokens(0));
  }
}
