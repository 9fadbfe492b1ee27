package dev.tagpipe.tagger;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.TaggerModel;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The taggers of this JVM, keyed by model SHA-256. A model is deserialized lazily, at most once per
 * JVM however many DoFn instances and threads ask for it (MaxentTagger is safe to share for
 * tagging), and shared by all of them. At most {@code capacity} models are kept: when the model
 * side input changes, the least recently used tagger is released (about 86 MB of heap each).
 */
public final class TaggerCache {
  public static final int DEFAULT_CAPACITY = 2;

  private static final TaggerCache SHARED = new TaggerCache(DEFAULT_CAPACITY);

  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(4, 0.75f, true);
  private final AtomicLong loads = new AtomicLong();
  private int capacity;

  /** A private cache: the JVM's is {@link #shared()}; tests make their own to count loads. */
  TaggerCache(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  /** The one cache of this JVM (of this class loader, on Flink: of this job on a TaskManager). */
  public static TaggerCache shared() {
    return SHARED;
  }

  /** Raise or lower how many models are kept. */
  public synchronized void setCapacity(int capacity) {
    this.capacity = Math.max(1, capacity);
    evictBeyondCapacity(null);
  }

  /** How many times this cache deserialized a model (for tests and the per-JVM log line). */
  public long loads() {
    return loads.get();
  }

  public synchronized int size() {
    return entries.size();
  }

  /** The tagger for {@code model}, deserializing it on first use in this JVM. */
  public MaxentTagger get(TaggerModel model) {
    return get(model, true);
  }

  /**
   * As {@link #get(TaggerModel)}; {@code inPipeline} false when called outside a DoFn (the
   * launcher's check), where a load is not reported as a Beam metric.
   */
  public MaxentTagger get(TaggerModel model, boolean inPipeline) {
    Entry entry;
    synchronized (this) {
      entry = entries.computeIfAbsent(model.sha256(), sha -> new Entry());
      evictBeyondCapacity(model.sha256());
    }
    try {
      return entry.tagger(model, loads, inPipeline);
    } catch (RuntimeException e) {
      synchronized (this) {
        entries.remove(model.sha256(), entry); // a model that failed to load takes no slot
      }
      throw e;
    }
  }

  /**
   * The model's tagger as {@code implementation} tags (loading the model on first use, as {@link
   * #get(TaggerModel)}); the kernel is compiled once per loaded model and lives as long as its
   * entry.
   */
  public SentenceTagger sentenceTagger(TaggerModel model, TaggerImplementation implementation) {
    MaxentTagger tagger = get(model);
    if (implementation == TaggerImplementation.corenlp) {
      return SentenceTagger.of(tagger, implementation, model.name());
    }
    Entry entry;
    synchronized (this) {
      entry = entries.get(model.sha256());
    }
    if (entry == null || entry.tagger != tagger) {
      return SentenceTagger.of(tagger, implementation, model.name()); // evicted since: not kept
    }
    return entry.kernel(model.name());
  }

  private void evictBeyondCapacity(String keep) {
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      if (!it.next().getKey().equals(keep)) {
        it.remove(); // in-flight users keep their reference; the heap is freed when they finish
      }
    }
  }

  /** One model's tagger; loading is serialized per entry so that other models are not blocked. */
  private static final class Entry {
    private volatile MaxentTagger tagger;
    private volatile SentenceTagger kernel;

    /** The kernel for this entry's (loaded) tagger, compiled on first use. */
    SentenceTagger kernel(String name) {
      SentenceTagger k = kernel;
      if (k != null) {
        return k;
      }
      synchronized (this) {
        if (kernel == null) {
          kernel = SentenceTagger.of(tagger, TaggerImplementation.kernel, name);
        }
        return kernel;
      }
    }

    MaxentTagger tagger(TaggerModel model, AtomicLong loads, boolean inPipeline) {
      MaxentTagger t = tagger;
      if (t != null) {
        return t;
      }
      synchronized (this) {
        if (tagger == null) {
          long start = System.nanoTime();
          tagger = SafeModelLoader.load(model.name(), model.bytes());
          long millis = (System.nanoTime() - start) / 1_000_000;
          loads.incrementAndGet();
          if (inPipeline) {
            Counters.TAGGER_LOADS.inc();
            Counters.TAGGER_LOAD_MILLIS.update(millis);
          }
          org.slf4j.LoggerFactory.getLogger(TaggerCache.class)
              .info("Loaded tagger {} (sha256 {}) in {} ms", model.name(), model.sha256(), millis);
        }
        return tagger;
      }
    }
  }
}
