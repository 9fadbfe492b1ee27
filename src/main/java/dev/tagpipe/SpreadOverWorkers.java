package dev.tagpipe;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Sentence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;

/**
 * Redistributes sentences so that every worker tags, moving them in batches: a file is parsed by
 * one worker, and the shuffle that follows costs the runner work per element (keys, coders,
 * and on the DirectRunner per-element trigger firings) that would otherwise be paid per sentence.
 * Batches of about {@code batchTokens} tokens keep that cost per batch while leaving enough
 * pieces (several hundred per million tokens) for the workers to share the load evenly.
 */
public final class SpreadOverWorkers extends PTransform<PCollection<Sentence>, PCollection<Sentence>> {
  public static final int DEFAULT_BATCH_TOKENS = 1000;

  private final int batchTokens;
  private final int buckets; // 0: one random key per batch

  private SpreadOverWorkers(int batchTokens, int buckets) {
    this.batchTokens = batchTokens;
    this.buckets = buckets;
  }

  public static SpreadOverWorkers inBatchesOf(int batchTokens) {
    return new SpreadOverWorkers(batchTokens, 0);
  }

  /** Use at most {@code buckets} shuffle keys (0: no limit). */
  public SpreadOverWorkers withBuckets(int buckets) {
    return new SpreadOverWorkers(batchTokens, buckets);
  }

  @Override
  public PCollection<Sentence> expand(PCollection<Sentence> sentences) {
    Reshuffle.ViaRandomKey<List<Sentence>> reshuffle = Reshuffle.viaRandomKey();
    return sentences
        .apply("Batch", ParDo.of(new BatchFn(batchTokens)))
        .setCoder(ListCoder.of(Coders.SentenceCoder.of()))
        .apply("Reshuffle", buckets > 0 ? reshuffle.withNumBuckets(buckets) : reshuffle)
        .apply("Unbatch", Flatten.iterables())
        .setCoder(Coders.SentenceCoder.of());
  }

  /** Collects the sentences of a bundle into batches, per window, flushed at the bundle's end. */
  static final class BatchFn extends DoFn<Sentence, List<Sentence>> {
    private final int batchTokens;
    private transient Map<BoundedWindow, Batch> open;

    private static final class Batch {
      final List<Sentence> sentences = new ArrayList<>();
      int tokens;
    }

    BatchFn(int batchTokens) {
      this.batchTokens = batchTokens;
    }

    @StartBundle
    public void startBundle() {
      open = new LinkedHashMap<>();
    }

    @ProcessElement
    public void process(@Element Sentence sentence, BoundedWindow window,
        OutputReceiver<List<Sentence>> out) {
      Batch batch = open.computeIfAbsent(window, w -> new Batch());
      batch.sentences.add(sentence);
      batch.tokens += Math.max(1, sentence.tokens().size());
      if (batch.tokens >= batchTokens) {
        out.output(batch.sentences);
        open.remove(window);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      for (Map.Entry<BoundedWindow, Batch> e : open.entrySet()) {
        c.output(e.getValue().sentences, e.getKey().maxTimestamp(), e.getKey());
      }
      open = null;
    }
  }
}
