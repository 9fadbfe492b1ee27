package dev.tagpipe.cli;

import dev.tagpipe.models.ModelCatalog;
import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line's run, step by step: parse the options ({@link OptionsParser}), apply the
 * runner's defaults ({@link RunnerPolicy}), check options, input and output ({@link Preflight})
 * while the model is checked ({@link ModelCheck}), then either the dry run ({@link DryRun}) or the
 * job ({@link TagPipeline}), its progress ({@link ProgressReporter}) and its summary ({@link
 * RunSummary}). Every outcome is an {@link ExitCode}; a user mistake is one line on stderr.
 */
final class Launcher {
  private Launcher() {}

  static ExitCode launch(String[] args, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      printHelp(out);
      return ExitCode.DONE;
    }
    TagPipelineOptions options;
    Pipeline pipeline;
    ModelCheck.Outcome modelCheck;
    String modelGiven;
    try {
      OptionsParser.Parsed parsed = OptionsParser.parse(args);
      options = parsed.options();
      RunnerPolicy.applyDefaults(
          options,
          parsed.given(),
          options.getWaitUntilFinish(),
          options.getWatchInput() != null || options.getInputTopic() != null);
      Preflight.check(parsed);
      if (KafkaJob.readsTopic(options) && !parsed.isGiven("consumerGroup")) {
        options.setConsumerGroup(KafkaJob.consumerGroup(options, parsed.isGiven("jobName")));
      }
      // A name (--model=french) becomes the installed file's path here, so that everything after
      // (the check, the graph, the summary) sees a location, as for --model=FILE.
      modelGiven = options.getModel();
      if (!ModelChoice.parse(modelGiven).routed()) {
        // The name's language picks the text's tokenizer once the name is a path.
        options.setLanguage(Languages.language(options));
        options.setModel(Languages.resolve(modelGiven));
      }
      ModelCheck check = ModelCheck.start(options); // runs while the pipeline is built
      if (options.getDryRun()) {
        return DryRun.run(parsed, check, out, err);
      }
      ModelStaging.stageForWorkers(options, check, out);
      if (StreamedInput.isStream(options.getInput())) {
        check.await(); // a bad model is said before the stream is read
        options.setInputCopy(StreamedInput.copy(options.getInput(), out).toString());
      }
      pipeline = TagPipeline.build(options);
      modelCheck = check.await();
    } catch (UserError | IllegalArgumentException e) {
      err.println("tagpipe: error: " + e.getMessage());
      err.println("tagpipe: run with --help to list the options");
      return ExitCode.USER_ERROR;
    }
    out.printf(
        "tagpipe: tagging %s (%s) with %s on %s%n",
        KafkaJob.readsTopic(options) ? KafkaJob.describe(options) : options.getInput(),
        options.getInputFormat(),
        modelGiven.equals(options.getModel())
            ? modelGiven
            : modelGiven + " (" + options.getModel() + ")",
        options.getRunner().getSimpleName());
    return runJob(pipeline, options, modelCheck, start, out, err);
  }

  private static ExitCode runJob(
      Pipeline pipeline,
      TagPipelineOptions options,
      ModelCheck.Outcome modelCheck,
      long start,
      PrintStream out,
      PrintStream err) {
    PipelineResult result;
    PipelineResult.State state;
    try {
      result = pipeline.run();
      if (!options.getWaitUntilFinish()) {
        out.println("tagpipe: job submitted; not waiting for it (--waitUntilFinish=false)");
        return ExitCode.DONE;
      }
      // The DirectRunner's metrics are live; other runners' arrive when the job ends.
      boolean watching = KafkaJob.streams(options);
      Thread stopHook =
          watching ? stopOnSignal(result, options, modelCheck, start, out, err) : null;
      boolean live = options.getRunner() == DirectRunner.class;
      try (ProgressReporter progress =
          live || KafkaJob.readsTopic(options)
              ? new ProgressReporter(
                  live ? result : null, start, watching ? 5 : 10, out, KafkaJob.lag(options))
              : null) {
        state = result.waitUntilFinish();
      }
      if (stopHook != null) {
        Runtime.getRuntime().removeShutdownHook(stopHook);
      }
    } catch (RuntimeException e) {
      Throwable root = rootCause(e);
      if (root instanceof Error error) {
        // A worker's JVM error (out of memory, ...) reported through the runner: say what to do.
        err.println("tagpipe: error: the run failed: " + FatalErrors.explain(error));
        return ExitCode.FAILED;
      }
      err.println("tagpipe: the run failed: " + rootMessage(e));
      if (rootMessage(e).contains("Record too large")) {
        err.println(
            "tagpipe: a record is larger than Flink's sort buffers; give the"
                + " TaskManagers more managed memory (taskmanager.memory.managed.fraction or .size)");
      }
      return ExitCode.FAILED;
    }
    if (state != PipelineResult.State.DONE) {
      err.println("tagpipe: the job ended in state " + state);
      return ExitCode.FAILED;
    }
    RunSummary summary = summarize(result, options, modelCheck, start);
    out.println("tagpipe: " + summary.describe().replace("\n", "\ntagpipe: "));
    String summaryPath = summaryPath(options);
    try {
      if (summaryPath != null) {
        summary.write(summaryPath);
      }
    } catch (Exception e) {
      err.println("tagpipe: could not write " + summaryPath + ": " + rootMessage(e));
      return ExitCode.FAILED;
    }
    if (options.getOutput() != null) {
      String shown =
          options.getOutput().contains("://")
              ? options.getOutput()
              : new File(options.getOutput()).getAbsolutePath(); // say exactly where
      out.println(
          "tagpipe: tagged sentences: " + shown + "-*" + options.getOutputFormat().suffix());
      out.println("tagpipe: rejected:         " + shown + "-rejected-*.jsonl");
    }
    if (options.getOutputTopic() != null) {
      out.println("tagpipe: tagged sentences: Kafka topic " + options.getOutputTopic());
      out.println("tagpipe: rejected:         Kafka topic " + options.getRejectedTopic());
    }
    if (summaryPath != null) {
      out.println("tagpipe: summary:          " + shown(summaryPath));
    }
    if (!summary.reconciles()) {
      err.println("tagpipe: error: read != tagged + rejected; some sentences are unaccounted for");
      return ExitCode.FAILED;
    }
    return ExitCode.DONE;
  }

  /**
   * The run's counts; on a Flink cluster, with the failures the job recovered from (Flink then
   * keeps the counts of the last attempt only, and the summary must say so).
   */
  private static RunSummary summarize(
      PipelineResult result,
      TagPipelineOptions options,
      ModelCheck.Outcome modelCheck,
      long start) {
    RunSummary summary = RunSummary.from(result, (System.nanoTime() - start) / 1e9, modelCheck);
    String cluster = FlinkRest.clusterAddress(options);
    return cluster == null
        ? summary
        : summary.withFailuresRecovered(FlinkRest.failuresRecovered(cluster, options.getJobName()));
  }

  /**
   * A watching job runs until stopped: on Ctrl-C (SIGINT) or SIGTERM, print and write the summary
   * so far and end with exit code 130. The windows already written stay as they are.
   */
  private static Thread stopOnSignal(
      PipelineResult result,
      TagPipelineOptions options,
      ModelCheck.Outcome modelCheck,
      long start,
      PrintStream out,
      PrintStream err) {
    Thread hook =
        new Thread(
            () -> {
              try {
                RunSummary summary = summarize(result, options, modelCheck, start);
                out.println("tagpipe: stopped by a signal; the windows written so far stay");
                out.println("tagpipe: " + summary.describe().replace("\n", "\ntagpipe: "));
                String path = summaryPath(options);
                if (path != null) {
                  summary.write(path);
                  out.println("tagpipe: summary so far: " + path);
                }
                out.flush();
              } catch (Exception | Error e) {
                err.println("tagpipe: stopped by a signal; no summary: " + rootMessage(e));
              }
              Runtime.getRuntime().halt(ExitCode.STOPPED.code);
            },
            "tagpipe-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Where the summary goes: --summary, else beside the output files, else nowhere (topics). */
  private static String summaryPath(TagPipelineOptions options) {
    if (options.getSummary() != null && !options.getSummary().isBlank()) {
      return options.getSummary();
    }
    return options.getOutput() == null ? null : options.getOutput() + "-summary.json";
  }

  private static String shown(String path) {
    return path.contains("://") ? path : new File(path).getAbsolutePath();
  }

  private static void printHelp(PrintStream out) {
    out.println("Tags sentences with a Stanford CoreNLP MaxentTagger on Apache Beam.");
    out.println(
        "--model takes a .tagger file or URI, or a name: "
            + String.join(", ", ModelCatalog.names())
            + " (pipelines/models lists them; pipelines/models fetch NAME installs one).");
    out.println(
        "Runner options (--runner=DirectRunner|FlinkRunner|DataflowRunner and theirs)"
            + " are listed by --help=<RunnerOptionsInterface>.");
    PipelineOptionsFactory.printHelp(out, TagPipelineOptions.class);
  }

  /** The innermost cause's message: what a user can act on. */
  static String rootMessage(Throwable e) {
    Throwable root = rootCause(e);
    String message = root.getMessage();
    return message != null ? message : root.toString();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
