package dev.tagpipe.cli;

import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.ModelException;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TaggerCache;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The launcher's model check: reads the model, checks its pin and loads it through the safe loader,
 * so that a wrong model fails before any data is read. It takes about a second, so it runs on its
 * own thread while the launcher builds the pipeline; {@link #await} before running.
 *
 * <p>Where the workers run in this JVM (DirectRunner, embedded Flink), the check loads the model
 * into the JVM's shared {@link TaggerCache}, where the workers then find it: that load is the run's
 * one load, and the {@link Outcome} says so for the run summary.
 */
public final class ModelCheck {
  /** What the check loaded that the run's workers will use instead of loading it again. */
  public record Outcome(long loadsSharedWithWorkers, long loadMillis) {
    static final Outcome NONE = new Outcome(0, 0);
  }

  private final CompletableFuture<Outcome> outcome;

  private ModelCheck(CompletableFuture<Outcome> outcome) {
    this.outcome = outcome;
  }

  /** Starts the check of {@code options}' model on a daemon thread. */
  static ModelCheck start(TagPipelineOptions options) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "tagpipe-model-check");
              t.setDaemon(true); // a failed launch must not wait for it
              return t;
            });
    try {
      // Now: the launcher may point the job at a staged copy while the check runs.
      String spec = options.getModel();
      Map<String, String> byLanguage =
          ModelChoice.parse(spec).routed() ? Languages.modelsByLanguage(options) : Map.of();
      int capacity = Languages.cacheCapacity(options);
      return new ModelCheck(
          CompletableFuture.supplyAsync(() -> check(options, spec, byLanguage, capacity), thread));
    } finally {
      thread.shutdown();
    }
  }

  /** Waits for the check; throws {@link UserError} if the model is unusable. */
  Outcome await() {
    try {
      return outcome.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static Outcome check(
      TagPipelineOptions o, String spec, Map<String, String> byLanguage, int capacity) {
    if (spec == null || spec.isBlank()) {
      throw new UserError("--model must name a CoreNLP .tagger file");
    }
    boolean shared = RunnerPolicy.workersRunInThisJvm(o) && !o.getDryRun();
    ModelChoice choice = ModelChoice.parse(spec);
    if (choice.routed()) {
      // Every language's model, loaded one after the other: the heap must hold them all.
      long loads = 0;
      long millis = 0;
      long heapOfOthers = 0;
      java.util.Set<String> counted = new java.util.HashSet<>(); // one model for two languages
      for (Map.Entry<String, String> e : byLanguage.entrySet()) {
        if (!ModelLocation.isLocal(e.getValue()) && o.getDryRun()) {
          continue;
        }
        Loaded loaded = load(e.getValue(), null, shared, capacity, heapOfOthers);
        if (counted.add(loaded.model().sha256())) {
          heapOfOthers += heapNeeded(loaded.model()) - RUNNER_HEAP_BYTES;
        }
        if (o.getLemmas() && e.getKey().equals("en") && !loaded.pennTreebankTags()) {
          throw new UserError(
              "--lemmas needs Penn Treebank tags from the English model, but "
                  + e.getValue()
                  + " tags with another tag set; give an English model for en, or leave --lemmas"
                  + " out");
        }
        loads += loaded.outcome().loadsSharedWithWorkers();
        millis += loaded.outcome().loadMillis();
      }
      return new Outcome(loads, millis);
    }
    String resolved = Languages.resolve(spec);
    if (!ModelLocation.isLocal(resolved) && o.getDryRun()) {
      return Outcome.NONE; // offline: the run-time reader checks the pin
    }
    Loaded loaded = load(resolved, o.getModelSha256(), shared, o.getMaxCachedTaggers(), 0);
    if (o.getLemmas() && !loaded.pennTreebankTags()) {
      throw new UserError(
          "--lemmas needs Penn Treebank tags (an English model), but "
              + spec
              + " tags with another tag set; CoreNLP lemmatizes English only: leave --lemmas out");
    }
    return loaded.outcome();
  }

  /** A model that passed the check, and what its check loaded for this JVM's workers. */
  public record Loaded(TaggerModel model, Outcome outcome, boolean pennTreebankTags) {}

  /**
   * Reads the model at {@code spec}, checks its pin (null: none) and the heap, and loads it through
   * the safe loader: into this JVM's shared tagger cache when its workers run here, else only to
   * prove that it loads. Every problem is a {@link UserError}. Shared by the launcher and {@code
   * pipelines/evaluate}.
   */
  public static Loaded load(String spec, String pin, boolean intoSharedCache, int cacheCapacity) {
    return load(spec, pin, intoSharedCache, cacheCapacity, 0);
  }

  /** As above, with {@code heapOfOthers} bytes of heap taken by other models this run loads. */
  static Loaded load(
      String spec, String pin, boolean intoSharedCache, int cacheCapacity, long heapOfOthers) {
    TaggerModel model;
    try {
      model = ModelBytes.read(spec);
    } catch (FileNotFoundException e) {
      throw new UserError(
          "cannot read --model: "
              + e.getMessage()
              + "; pass a CoreNLP .tagger file, a model's name (pipelines/models lists them), or"
              + " leave --model out for the bundled English model");
    } catch (ModelLocation.NotAModelFileException e) {
      throw new UserError("refused model " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot read --model=" + spec + ": " + e);
    }
    if (pin != null && !pin.isEmpty() && !pin.equalsIgnoreCase(model.sha256())) {
      throw new UserError(
          "refused model "
              + spec
              + ": its SHA-256 is "
              + model.sha256()
              + " but --modelSha256 pins "
              + pin.toLowerCase()
              + "; use the pinned model or update the pin");
    }
    checkHeap(spec, model, heapOfOthers);
    PrintStream stderr = System.err;
    HeldStderr held = new HeldStderr(stderr, Thread.currentThread());
    System.setErr(held);
    try {
      if (intoSharedCache) {
        long start = System.nanoTime();
        TaggerCache cache = TaggerCache.shared();
        long before = cache.loads();
        cache.setCapacity(cacheCapacity);
        MaxentTagger tagger = cache.get(model, false);
        long loads = cache.loads() - before; // 0 if an earlier run in this JVM loaded it
        return new Loaded(
            model,
            new Outcome(loads, loads == 0 ? 0 : (System.nanoTime() - start) / 1_000_000),
            pennTreebankTags(tagger));
      }
      // Proves it loads; the workers load their own.
      return new Loaded(
          model, Outcome.NONE, pennTreebankTags(SafeModelLoader.load(spec, model.bytes())));
    } catch (ModelException e) {
      held.drop(); // the refusal says it in one line
      throw new UserError(e.getMessage());
    } catch (OutOfMemoryError e) {
      held.drop();
      throw tooLittleHeap(spec, model, heapOfOthers);
    } finally {
      System.setErr(stderr);
      held.release();
    }
  }

  /**
   * Standard error while this launcher's check loads a model: CoreNLP prints a stack trace of its
   * own for some truncated models (its Dictionary reader) before the load fails, and the launcher's
   * answer is to be one line. What the loading thread writes is held, and dropped if the model is
   * refused; every other thread writes through at once.
   */
  private static final class HeldStderr extends PrintStream {
    private final PrintStream through;
    private final Thread loader;
    private final ByteArrayOutputStream heldBytes = new ByteArrayOutputStream();
    private boolean dropped;

    HeldStderr(PrintStream through, Thread loader) {
      super(through, true);
      this.through = through;
      this.loader = loader;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (Thread.currentThread() == loader) {
        synchronized (heldBytes) {
          heldBytes.write(b, off, len);
        }
      } else {
        through.write(b, off, len);
      }
    }

    @Override
    public void flush() {
      through.flush();
    }

    void drop() {
      dropped = true;
    }

    /** Writes what was held, unless the load failed. */
    void release() {
      synchronized (heldBytes) {
        if (!dropped && heldBytes.size() > 0) {
          through.write(heldBytes.toByteArray(), 0, heldBytes.size());
          through.flush();
        }
        heldBytes.reset();
      }
    }
  }

  /**
   * A loaded tagger takes about 6.5 times its (uncompressed) model file on the heap (86 MB for the
   * 13.5 MB English model); the launcher, Beam and the runner need room beside it. A heap too small
   * for that is found here, before anything is read, not as an OutOfMemoryError later.
   */
  private static void checkHeap(String spec, TaggerModel model, long heapOfOthers) {
    if (Runtime.getRuntime().maxMemory() < heapNeeded(model) + heapOfOthers) {
      throw tooLittleHeap(spec, model, heapOfOthers);
    }
  }

  /** Whether the tagger's tags are Penn Treebank tags, which English lemmas need. */
  static boolean pennTreebankTags(MaxentTagger tagger) {
    java.util.Set<String> tags = new java.util.HashSet<>(tagger.tagSet());
    return tags.contains("NN") && tags.contains("VBZ") && tags.contains("JJ");
  }

  static long heapNeeded(TaggerModel model) {
    long modelBytes = model.bytes().length;
    if (modelBytes > 2 && (model.bytes()[0] & 0xff) == 0x1f && (model.bytes()[1] & 0xff) == 0x8b) {
      modelBytes *= 4; // gzipped: about a quarter of the serialized size
    }
    return 7 * modelBytes + RUNNER_HEAP_BYTES;
  }

  /** Heap the launcher and a runner need besides the tagger (measured: Beam plus Flink ~120 MB). */
  static final long RUNNER_HEAP_BYTES = 128L << 20;

  private static UserError tooLittleHeap(String spec, TaggerModel model, long heapOfOthers) {
    long mb = 1 << 20;
    return new UserError(
        "too little memory for the model "
            + spec
            + ": it needs about "
            + (heapNeeded(model) + heapOfOthers) / mb
            + " MB of heap with the runner"
            + (heapOfOthers > 0 ? " and the run's other models" : "")
            + ", this JVM has "
            + Runtime.getRuntime().maxMemory() / mb
            + " MB; give it more, e.g."
            + " JAVA_OPTS=-Xmx2g pipelines/tag ...");
  }
}
