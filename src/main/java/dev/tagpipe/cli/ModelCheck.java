package dev.tagpipe.cli;

import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.ModelException;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TaggerCache;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
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
      String spec = options.getModel(); // now: the launcher may point the job at a staged copy
      return new ModelCheck(CompletableFuture.supplyAsync(() -> check(options, spec), thread));
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

  private static Outcome check(TagPipelineOptions o, String spec) {
    if (spec == null || spec.isBlank()) {
      throw new UserError("--model must name a CoreNLP .tagger file");
    }
    if (!ModelLocation.isLocal(spec) && o.getDryRun()) {
      return Outcome.NONE; // offline: the run-time reader checks the pin
    }
    return load(
            spec,
            o.getModelSha256(),
            RunnerPolicy.workersRunInThisJvm(o) && !o.getDryRun(),
            o.getMaxCachedTaggers())
        .outcome();
  }

  /** A model that passed the check, and what its check loaded for this JVM's workers. */
  public record Loaded(TaggerModel model, Outcome outcome) {}

  /**
   * Reads the model at {@code spec}, checks its pin (null: none) and the heap, and loads it through
   * the safe loader: into this JVM's shared tagger cache when its workers run here, else only to
   * prove that it loads. Every problem is a {@link UserError}. Shared by the launcher and {@code
   * pipelines/evaluate}.
   */
  public static Loaded load(String spec, String pin, boolean intoSharedCache, int cacheCapacity) {
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
    checkHeap(spec, model);
    PrintStream stderr = System.err;
    HeldStderr held = new HeldStderr(stderr, Thread.currentThread());
    System.setErr(held);
    try {
      if (intoSharedCache) {
        long start = System.nanoTime();
        TaggerCache cache = TaggerCache.shared();
        long before = cache.loads();
        cache.setCapacity(cacheCapacity);
        cache.get(model, false);
        long loads = cache.loads() - before; // 0 if an earlier run in this JVM loaded it
        return new Loaded(
            model, new Outcome(loads, loads == 0 ? 0 : (System.nanoTime() - start) / 1_000_000));
      }
      SafeModelLoader.load(spec, model.bytes()); // proves it loads; the workers load their own
      return new Loaded(model, Outcome.NONE);
    } catch (ModelException e) {
      held.drop(); // the refusal says it in one line
      throw new UserError(e.getMessage());
    } catch (OutOfMemoryError e) {
      held.drop();
      throw tooLittleHeap(spec, model);
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
  private static void checkHeap(String spec, TaggerModel model) {
    if (Runtime.getRuntime().maxMemory() < heapNeeded(model)) {
      throw tooLittleHeap(spec, model);
    }
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

  private static UserError tooLittleHeap(String spec, TaggerModel model) {
    long mb = 1 << 20;
    return new UserError(
        "too little memory for the model "
            + spec
            + ": it needs about "
            + heapNeeded(model) / mb
            + " MB of heap with the runner, this JVM has "
            + Runtime.getRuntime().maxMemory() / mb
            + " MB; give it more, e.g."
            + " JAVA_OPTS=-Xmx2g pipelines/tag ...");
  }
}
