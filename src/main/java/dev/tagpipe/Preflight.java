package dev.tagpipe;

import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.ModelException;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TaggerCache;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks options, input and model before the pipeline is built, so that a mistake costs seconds,
 * not a job. Paths on remote filesystems are checked too unless this is a dry run (which must
 * work offline).
 */
final class Preflight {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private Preflight() {}

  /** What the model check cost that the run summary should count. */
  static final class Result {
    /** Tagger loads done here, in a JVM that also runs the pipeline (so its workers reuse it). */
    final long taggerLoads;
    final long taggerLoadMillis;

    Result(long taggerLoads, long taggerLoadMillis) {
      this.taggerLoads = taggerLoads;
      this.taggerLoadMillis = taggerLoadMillis;
    }
  }

  /** The model check, running while the caller builds the pipeline. */
  static final class ModelCheck {
    private final CompletableFuture<Result> result;

    private ModelCheck(CompletableFuture<Result> result) {
      this.result = result;
    }

    /** Waits for the check; throws {@link UserError} if the model is unusable. */
    Result await() {
      try {
        return result.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
  }

  /**
   * Checks options, input and output at once and starts the model check, which takes about a
   * second (reading and deserializing the model): it runs on its own thread while the caller
   * builds the pipeline, and {@link ModelCheck#await} must be called before the pipeline runs.
   * {@code pipelineInThisJvm}: DirectRunner or embedded Flink, whose workers share our cache.
   */
  static ModelCheck check(TagPipelineOptions o, String[] args, boolean pipelineInThisJvm) {
    checkNumbers(o);
    checkDataflow(o, args);
    checkInput(o);
    checkOutput(o);
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tagpipe-model-check");
      t.setDaemon(true); // a failed launch must not wait for it
      return t;
    });
    try {
      return new ModelCheck(
          CompletableFuture.supplyAsync(() -> checkModel(o, pipelineInThisJvm), thread));
    } finally {
      thread.shutdown();
    }
  }

  private static void checkNumbers(TagPipelineOptions o) {
    if (o.getNumShards() < 0) {
      throw new UserError("--numShards must be 0 (runner decides) or more, not " + o.getNumShards());
    }
    if (o.getMaxSentenceTokens() < 1) {
      throw new UserError("--maxSentenceTokens must be at least 1");
    }
    if (o.getMaxLineBytes() < 1) {
      throw new UserError("--maxLineBytes must be at least 1");
    }
    if (o.getMaxCachedTaggers() < 1) {
      throw new UserError("--maxCachedTaggers must be at least 1");
    }
    if (o.getReadShards() < 0) {
      throw new UserError("--readShards must be 0 (automatic) or more");
    }
    String pin = o.getModelSha256();
    if (pin != null && !pin.isEmpty() && !SHA256.matcher(pin).matches()) {
      throw new UserError("--modelSha256 must be 64 hexadecimal digits, got '" + pin + "'");
    }
  }

  /**
   * Dataflow needs a project, a region and a temp location; left out, the runner looks them up
   * (gcloud, the metadata server), which is slow or hangs offline. Require them explicitly.
   */
  private static void checkDataflow(TagPipelineOptions o, String[] args) {
    if (o.getRunner() != org.apache.beam.runners.dataflow.DataflowRunner.class) {
      if (o.getDryRun() && OptionsParser.given(args, "--dataflowJobFile")) {
        throw new UserError("--dataflowJobFile needs --runner=DataflowRunner");
      }
      return;
    }
    StringBuilder missing = new StringBuilder();
    for (String name : new String[] {"--project", "--region"}) {
      if (!OptionsParser.given(args, name)) {
        missing.append(' ').append(name);
      }
    }
    if (!OptionsParser.given(args, "--tempLocation")
        && !OptionsParser.given(args, "--gcpTempLocation")) {
      missing.append(" --tempLocation");
    }
    if (missing.length() > 0) {
      throw new UserError("DataflowRunner needs" + missing + " (for example --project=my-project"
          + " --region=europe-west1 --tempLocation=gs://my-bucket/tmp)");
    }
    if (o.getDryRun() && !OptionsParser.given(args, "--dataflowJobFile")) {
      throw new UserError("a Dataflow dry run writes the job to --dataflowJobFile=PATH; give it");
    }
  }

  private static void checkInput(TagPipelineOptions o) {
    String input = o.getInput();
    if (input == null || input.isBlank()) {
      throw new UserError("--input is required: a file, glob or URI of the sentences to tag");
    }
    if (ModelLocation.isRemotePath(input) && o.getDryRun()) {
      return;
    }
    List<MatchResult.Metadata> files;
    try {
      files = FileSystems.match(input, EmptyMatchTreatment.ALLOW).metadata();
    } catch (FileNotFoundException e) {
      files = List.of();
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot list --input=" + input + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new UserError("--input=" + input + " matches no file; check the path or glob"
          + (input.contains("*") ? "" : " (a directory needs a glob such as dir/*)"));
    }
  }

  private static void checkOutput(TagPipelineOptions o) {
    String output = o.getOutput();
    if (output == null || output.isBlank()) {
      throw new UserError("--output must be a path prefix such as out/tagged");
    }
    if (ModelLocation.isRemotePath(output)) {
      return;
    }
    File prefix = new File(output.startsWith("file://") ? output.substring(7) : output);
    if (output.endsWith("/") || prefix.isDirectory()) {
      throw new UserError("--output=" + output + " is a directory; give a file prefix inside it,"
          + " such as " + new File(prefix, "tagged"));
    }
    File dir = prefix.getAbsoluteFile().getParentFile();
    if (!dir.isDirectory() && !dir.mkdirs()) {
      throw new UserError("cannot create the output directory " + dir + " for --output=" + output);
    }
    if (!dir.canWrite()) {
      throw new UserError("cannot write to the output directory " + dir + " (--output=" + output
          + "); choose a writable location");
    }
  }

  private static Result checkModel(TagPipelineOptions o, boolean pipelineInThisJvm) {
    String spec = o.getModel();
    if (spec == null || spec.isBlank()) {
      throw new UserError("--model must name a CoreNLP .tagger file");
    }
    if (!ModelLocation.isLocal(spec) && o.getDryRun()) {
      return new Result(0, 0); // offline: the run-time reader checks the pin
    }
    TaggerModel model;
    try {
      model = ModelBytes.read(spec);
    } catch (FileNotFoundException e) {
      throw new UserError("cannot read --model: " + e.getMessage()
          + "; pass a CoreNLP .tagger file, or leave --model out for the bundled English model");
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot read --model=" + spec + ": " + e);
    }
    String pin = o.getModelSha256();
    if (pin != null && !pin.isEmpty() && !pin.equalsIgnoreCase(model.sha256())) {
      throw new UserError("refused model " + spec + ": its SHA-256 is " + model.sha256()
          + " but --modelSha256 pins " + pin.toLowerCase()
          + "; use the pinned model or update the pin");
    }
    long start = System.nanoTime();
    try {
      if (pipelineInThisJvm && !o.getDryRun()) {
        // Proves it loads, and the workers of this JVM will find it in the shared cache.
        long before = TaggerCache.shared().loads();
        TaggerCache.shared().setCapacity(o.getMaxCachedTaggers());
        TaggerCache.shared().get(model, false);
        long loads = TaggerCache.shared().loads() - before;
        return new Result(loads, loads == 0 ? 0 : (System.nanoTime() - start) / 1_000_000);
      }
      SafeModelLoader.load(spec, model.bytes()); // proves it loads; the workers load their own
      return new Result(0, 0);
    } catch (ModelException e) {
      throw new UserError(e.getMessage());
    }
  }
}
