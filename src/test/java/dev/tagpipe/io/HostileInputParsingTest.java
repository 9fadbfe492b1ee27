package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.HostileInputs;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TagSentences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input table ({@link HostileInputs}) read by {@link ReadSentences} and tagged by
 * {@link TagSentences}: each row's sentences tagged, its rejections counted, every rejection with
 * its reason, as a library user's pipeline words it (settings, not flags). A pipeline per row: the
 * DirectRunner's bookkeeping grows with the transforms of one pipeline.
 */
class HostileInputParsingTest {
  @TempDir Path dir;

  /** The command line names a setting by its flag; a transform by the setting's own name. */
  private static String asTheLibraryWordsIt(String reason) {
    return reason.replace("--", "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tagpipe.HostileInputs#cases")
  void definedOutcome(HostileInputs.Case c) throws IOException {
    // The DirectRunner's per-element checks would copy and hash the 13.5 MB model at every step:
    // most of this test's time. The transforms' own tests keep them on.
    Pipeline pipeline =
        Pipeline.create(
            PipelineOptionsFactory.fromArgs(
                    "--enforceImmutability=false", "--enforceEncodability=false")
                .create());
    Path input = dir.resolve("input." + c.format());
    Files.write(input, c.content());
    PCollectionTuple read =
        pipeline.apply(ReadSentences.from(input.toString(), InputFormat.valueOf(c.format())));
    PCollectionView<Iterable<TaggerModel>> model =
        pipeline.apply(ReadTaggerModel.from(ModelLocation.BUNDLED_MODEL));
    PCollectionTuple tagged = read.get(ReadSentences.SENTENCES).apply(TagSentences.with(model));
    PCollection<Rejection> rejected =
        PCollectionList.of(read.get(ReadSentences.REJECTED))
            .and(tagged.get(TagSentences.REJECTED))
            .apply(Flatten.pCollections());
    PAssert.that("tagged", tagged.get(TagSentences.TAGGED).apply("CountTagged", Count.globally()))
        .containsInAnyOrder(c.tagged());
    PAssert.that("rejected", rejected.apply("CountRejected", Count.globally()))
        .containsInAnyOrder(c.rejected());
    if (c.reason() != null) {
      String reason = asTheLibraryWordsIt(c.reason()); // the lambda may hold strings only
      PAssert.that("reasons", rejected)
          .satisfies(
              all -> {
                for (Rejection r : all) {
                  assertTrue(r.reason().contains(reason), r.reason());
                }
                return null;
              });
    }
    pipeline.run().waitUntilFinish();
  }
}
