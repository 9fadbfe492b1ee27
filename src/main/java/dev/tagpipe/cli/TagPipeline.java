package dev.tagpipe.cli;

import java.io.PrintStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * The tagging job, in the shape of Beam's examples: {@link #main} parses the options and runs them
 * ({@link Launcher} adds the checks, progress, summary and exit codes around that); {@link
 * #run(TagPipelineOptions)} builds the pipeline with {@link TagPipelineBuilder} and starts it, for
 * callers that have their own options.
 *
 * <p>{@code java -jar tagpipe-bundled.jar --input=... [--option=value ...]}. Exit codes: 0 done, 1
 * the run failed or did not reconcile, 2 a user mistake.
 */
public final class TagPipeline {
  private TagPipeline() {}

  public static void main(String[] args) {
    boolean ownProcess = !RunnerPolicy.invokedByFlinkClient();
    if (ownProcess) {
      FatalErrors.install(System.err); // an Error in any thread ends the process, never hangs
    }
    int code;
    try {
      code = run(args, System.out, System.err);
    } catch (Error e) {
      if (!ownProcess) {
        throw e;
      }
      FatalErrors.die(e, Thread.currentThread().getName());
      return;
    }
    if (!ownProcess) {
      // Inside a Flink JobManager (REST /jars/run) or `flink run`: System.exit would kill the
      // host process, so report a failure by throwing instead.
      if (code != 0) {
        throw new IllegalStateException("tagpipe failed (exit code " + code + "); see above");
      }
      return;
    }
    FatalErrors.exit(code);
  }

  /** The command line's whole run: checks, job, summary; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Launcher.launch(args, out, err).code;
  }

  /** The tagging pipeline for {@code options}, built and not run. */
  public static Pipeline build(TagPipelineOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    TagPipelineBuilder.build(pipeline, options);
    return pipeline;
  }

  /** Builds the tagging pipeline for {@code options} and starts it. */
  public static PipelineResult run(TagPipelineOptions options) {
    return build(options).run();
  }
}
