package dev.tagpipe;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggedSentence;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TagText in a pipeline: every text's sentences tagged as the reference, an empty text rejected.
 */
@ExtendWith(TestPipelineExtension.class)
class TagTextTest {
  @Test
  void textsAreSplitAndTaggedAndAnEmptyTextIsRejected(TestPipeline pipeline) {
    TaggingResult result =
        pipeline
            .apply(Create.of(List.of("The cat sleeps. It dreams of mice.", "  ")))
            .apply(TagText.withDefaultModel());
    PAssert.that(
            result
                .tagged()
                .apply(
                    "Tags",
                    MapElements.into(TypeDescriptors.strings())
                        .via((TaggedSentence s) -> String.join(" ", s.tags()))))
        .containsInAnyOrder(
            String.join(" ", TestData.referenceTags(List.of("The", "cat", "sleeps", "."))),
            String.join(" ", TestData.referenceTags(List.of("It", "dreams", "of", "mice", "."))));
    PAssert.that(
            result
                .rejected()
                .apply(
                    "Reasons", MapElements.into(TypeDescriptors.strings()).via(Rejection::reason)))
        .containsInAnyOrder("no tokens: the text is empty");
    pipeline.run().waitUntilFinish();
  }
}
