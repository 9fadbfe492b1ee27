package dev.tagpipe;

import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Entry point: {@code java -jar tagpipe-bundled.jar --input=... [--option=value ...]}. Checks
 * the options, input and model, runs the pipeline, then prints and writes the run summary.
 * Exit codes: 0 done, 1 the run failed or did not reconcile, 2 a user mistake.
 */
public final class TagPipeline {
  private TagPipeline() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (invokedByFlinkClient()) {
      // Inside a Flink JobManager (REST /jars/run) or `flink run`: System.exit would kill the
      // host process, so report a failure by throwing instead.
      if (code != 0) {
        throw new IllegalStateException("tagpipe failed (exit code " + code + "); see above");
      }
      return;
    }
    System.exit(code);
  }

  /** Runner settings this launcher chooses for the user; called before anything else reads them. */
  private static void applyRunnerDefaults(TagPipelineOptions options, String[] args) {
    if (options.getRunner() == FlinkRunner.class) {
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      if (!invokedByFlinkClient() && "[auto]".equals(flink.getFlinkMaster())) {
        // Outside a Flink client "[auto]" is a bare local environment whose sort buffers are
        // too small for the model record; "[local]" is Beam's configured embedded cluster.
        flink.setFlinkMaster("[local]");
      }
      if (!options.getWaitUntilFinish()) {
        flink.setAttachedMode(false); // Flink returns at once; no job result is asked for
      }
      if (!OptionsParser.given(args, "--fasterCopy")) {
        // Our DoFns never mutate their inputs, so Flink need not copy each element between
        // chained operators (an encode and a decode per element per hop otherwise).
        flink.setFasterCopy(true);
      }
    }
    if (options.getRunner() == DirectRunner.class) {
      options.as(DirectOptions.class).setBlockOnRun(false); // so that progress can be shown
    }
  }

  /** DirectRunner and embedded Flink run their workers in this JVM, sharing its tagger cache. */
  private static boolean runsInThisJvm(TagPipelineOptions options) {
    return options.getRunner() == DirectRunner.class
        || (options.getRunner() == FlinkRunner.class && !invokedByFlinkClient()
            && "[local]".equals(options.as(FlinkPipelineOptions.class).getFlinkMaster()));
  }

  private static boolean invokedByFlinkClient() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(
        f -> f.getClassName().startsWith("org.apache.flink.client.program.PackagedProgram")));
  }

  /** Runs the job; returns the process exit code. Never throws for user mistakes. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      out.println("Tags sentences with a Stanford CoreNLP MaxentTagger on Apache Beam.");
      out.println("Runner options (--runner=DirectRunner|FlinkRunner|DataflowRunner and theirs)"
          + " are listed by --help=<RunnerOptionsInterface>.");
      PipelineOptionsFactory.printHelp(out, TagPipelineOptions.class);
      return 0;
    }
    TagPipelineOptions options;
    Pipeline pipeline;
    Preflight.Result checked;
    try {
      options = OptionsParser.parse(args);
      applyRunnerDefaults(options, args);
      Preflight.ModelCheck modelCheck = Preflight.check(options, args, runsInThisJvm(options));
      DryRun.prepare(options, args);
      pipeline = Pipeline.create(options);
      TagPipelineBuilder.build(pipeline, options);
      checked = modelCheck.await();
    } catch (UserError | IllegalArgumentException e) {
      err.println("tagpipe: error: " + e.getMessage());
      err.println("tagpipe: run with --help to list the options");
      return 2;
    }
    if (options.getDryRun()) {
      return DryRun.run(pipeline, options, out, err);
    }
    boolean direct = options.getRunner() == DirectRunner.class;
    out.printf("tagpipe: tagging %s (%s) with %s on %s%n", options.getInput(),
        options.getInputFormat(), options.getModel(), options.getRunner().getSimpleName());
    PipelineResult result;
    PipelineResult.State state;
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tagpipe-progress");
      t.setDaemon(true);
      return t;
    });
    try {
      result = pipeline.run();
      if (!options.getWaitUntilFinish()) {
        out.println("tagpipe: job submitted; not waiting for it (--waitUntilFinish=false)");
        return 0;
      }
      if (direct) {
        progress.scheduleAtFixedRate(() -> showProgress(result, start, out), 10, 10,
            TimeUnit.SECONDS);
      }
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      err.println("tagpipe: the run failed: " + rootMessage(e));
      if (rootMessage(e).contains("Record too large")) {
        err.println("tagpipe: a record is larger than Flink's sort buffers; give the"
            + " TaskManagers more managed memory (taskmanager.memory.managed.fraction or .size)");
      }
      return 1;
    } finally {
      progress.shutdownNow();
    }
    if (state != PipelineResult.State.DONE) {
      err.println("tagpipe: the job ended in state " + state);
      return 1;
    }
    RunSummary summary = RunSummary.from(result, (System.nanoTime() - start) / 1e9)
        .plusLauncherLoads(checked.taggerLoads, checked.taggerLoadMillis);
    out.println("tagpipe: " + summary.describe().replace("\n", "\ntagpipe: "));
    String summaryPath = options.getOutput() + "-summary.json";
    try {
      summary.write(summaryPath);
    } catch (Exception e) {
      err.println("tagpipe: could not write " + summaryPath + ": " + rootMessage(e));
      return 1;
    }
    String shown = options.getOutput().contains("://") ? options.getOutput()
        : new File(options.getOutput()).getAbsolutePath(); // say exactly where
    out.println("tagpipe: tagged sentences: " + shown + "-*" + options.getOutputFormat().suffix());
    out.println("tagpipe: rejected:         " + shown + "-rejected-*.jsonl");
    out.println("tagpipe: summary:          " + shown + "-summary.json");
    if (!summary.reconciles()) {
      err.println("tagpipe: error: read != tagged + rejected; some sentences are unaccounted for");
      return 1;
    }
    return 0;
  }

  private static void showProgress(PipelineResult result, long start, PrintStream out) {
    try {
      RunSummary s = RunSummary.from(result, (System.nanoTime() - start) / 1e9);
      out.printf("tagpipe: ... %.0f s: read %d, tagged %d, rejected %d%n",
          s.wallSeconds, s.read, s.tagged, s.rejected);
    } catch (RuntimeException e) {
      // metrics not available yet
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message != null ? message : root.toString();
  }
}
