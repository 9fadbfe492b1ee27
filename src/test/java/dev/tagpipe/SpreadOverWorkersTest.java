package dev.tagpipe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Sentence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batching for the shuffle loses, duplicates and alters nothing, and keeps batches bounded. */
@ExtendWith(TestPipelineExtension.class)
class SpreadOverWorkersTest {
  private static List<Sentence> sentences(int n) {
    List<Sentence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // 1 to 7 tokens, and one empty sentence (counted as one token for batching)
      out.add(Sentence.of("s" + i, Collections.nCopies(i == 17 ? 0 : 1 + i % 7, "w" + i)));
    }
    return out;
  }

  @Test
  void everySentenceArrivesOnceAndUnchanged(TestPipeline pipeline) {
    List<Sentence> input = sentences(2_000);
    PCollection<Sentence> spread = pipeline
        .apply(Create.of(input).withCoder(Coders.SentenceCoder.of()))
        .apply(SpreadOverWorkers.inBatchesOf(50));
    PAssert.that(spread).containsInAnyOrder(input);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void bucketsLimitTheKeysNotTheContent(TestPipeline pipeline) {
    List<Sentence> input = sentences(500);
    PCollection<Sentence> spread = pipeline
        .apply(Create.of(input).withCoder(Coders.SentenceCoder.of()))
        .apply(SpreadOverWorkers.inBatchesOf(1_000_000).withBuckets(3));
    PAssert.that(spread).containsInAnyOrder(input);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void batchesCloseOnceTheyReachTheirTokenBudget(TestPipeline pipeline) {
    PCollection<List<Sentence>> batches = pipeline
        .apply(Create.of(sentences(1_000)).withCoder(Coders.SentenceCoder.of()))
        .apply(ParDo.of(new SpreadOverWorkers.BatchFn(40)))
        .setCoder(ListCoder.of(Coders.SentenceCoder.of()));
    PAssert.that(batches).satisfies(all -> {
      int total = 0;
      for (List<Sentence> batch : all) {
        int tokens = batch.stream().mapToInt(s -> Math.max(1, s.tokens().size())).sum();
        int withoutLast = tokens - Math.max(1, batch.get(batch.size() - 1).tokens().size());
        assertTrue(withoutLast < 40, "a batch grew past its budget: " + tokens + " tokens");
        total += batch.size();
      }
      assertTrue(total == 1_000, "sentences in batches: " + total);
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
