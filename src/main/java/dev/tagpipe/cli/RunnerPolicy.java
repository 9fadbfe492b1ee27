package dev.tagpipe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.direct.DirectTestOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Every runner-specific choice tagpipe makes, in one place: the defaults it sets for the user on
 * each runner, whether the workers run in the launcher's JVM, and how many worker threads a source
 * can count on, and the two places where the graph differs by runner: the parse (resumable or in
 * one go, {@link #resumableReaders}) and a watch that emits only after checkpoints ({@link
 * #watchEmitsAfterCheckpoints}). The launcher, the class-archive training and the benchmark all go
 * through here.
 */
public final class RunnerPolicy {
  private RunnerPolicy() {}

  /** Flink's own embedded cluster with Beam's configuration (see {@link #applyDefaults}). */
  public static final String FLINK_EMBEDDED = "[local]";

  /**
   * Sets this runner's defaults on {@code options}, leaving alone every option in {@code given}
   * (the names the user set, such as "fasterCopy"). Call once, before anything reads them. {@code
   * waitUntilFinish} false: the launcher returns once the job is submitted. {@code streaming}: the
   * job watches its input.
   */
  public static void applyDefaults(
      PipelineOptions options, Set<String> given, boolean waitUntilFinish, boolean streaming) {
    if (streaming) {
      options.as(StreamingOptions.class).setStreaming(true); // Dataflow's job type says so too
    }
    if (options.getRunner() == DirectRunner.class) {
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setBlockOnRun(false); // the launcher shows progress while the job runs
      // The per-element immutability and encodability checks encode every element several
      // times: right for tests of new DoFns, a large cost for production runs (tests opt in).
      if (!given.contains("enforceImmutability")) {
        direct.setEnforceImmutability(false);
      }
      if (!given.contains("enforceEncodability")) {
        direct.setEnforceEncodability(false);
      }
      if (!given.contains("runnerDeterminedSharding")) {
        // Otherwise the DirectRunner replaces a file write whose shards the runner decides by
        // one with a fixed shard count, whose GroupByKey holds the whole output in memory until
        // the input ends (a 200 MB text file's output is more than a 1 GB heap). Without it each
        // bundle of tagged sentences is written to a file of its own as it comes.
        options.as(DirectTestOptions.class).setRunnerDeterminedSharding(false);
      }
    }
    if (options.getRunner() == FlinkRunner.class) {
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      if (!invokedByFlinkClient() && "[auto]".equals(flink.getFlinkMaster())) {
        // Outside a Flink client "[auto]" is a bare local environment whose sort buffers are
        // too small for the model record; "[local]" is Beam's configured embedded cluster.
        flink.setFlinkMaster(FLINK_EMBEDDED);
      }
      if (!waitUntilFinish) {
        flink.setAttachedMode(false); // Flink returns at once; no job result is asked for
      }
      if (streaming
          && flink.getCheckpointingInterval() > 0
          && !given.contains("shutdownSourcesAfterIdleMs")) {
        // With checkpointing Flink keeps finished sources up for ever (the job never ends);
        // the watch's source ends only when the job should.
        flink.setShutdownSourcesAfterIdleMs(0L);
      }
      if (streaming
          && flink.getCheckpointingInterval() > 0
          && !given.contains("stateBackend")
          && FLINK_EMBEDDED.equals(flink.getFlinkMaster())) {
        // The tagging's state holds the model side input (13.5 MB for English): more than
        // the 5 MB a checkpoint may keep in the JobManager's memory, so every checkpoint would
        // fail and restart the job. Embedded Flink keeps them in a folder of its own; a session
        // cluster is configured for it (state.checkpoints.dir, see deploy/flink).
        flink.setStateBackend("filesystem");
        flink.setStateBackendStoragePath(checkpointFolder().toUri().toString());
      }
      if (streaming
          && flink.getCheckpointingInterval() > 0
          && !given.contains("enableStableInputDrain")) {
        // KafkaIO's exactly-once sink holds its input until a checkpoint completes; when the job
        // ends (--stopAfterIdle) Flink finishes it with that hold still set and fails the job
        // ("watermark holds left"). Drained, it writes what it holds at the end. The topic reader
        // ends only once its last records were committed by checkpoints (ReadTopic), so the
        // drain has nothing left that a checkpoint did not already cover.
        flink.setEnableStableInputDrain(true);
      }
      if (!given.contains("fasterCopy")) {
        // Our DoFns never mutate their inputs, so Flink need not copy each element between
        // chained operators (an encode and a decode per element per hop otherwise).
        flink.setFasterCopy(true);
      }
    }
  }

  /**
   * Whether readers should stop at resume points and hand on the rest ({@code
   * ReadSentences.withResumableReaders}): on runners that do not fuse reading with tagging and hold
   * all outputs of a call until it returns (the DirectRunner), else a reader's shard of a big file
   * is held whole. Flink fuses them, and reads ~25% slower through the splittable expansion
   * (docs/performance.md).
   */
  public static boolean resumableReaders(PipelineOptions options) {
    return options.getRunner() != FlinkRunner.class;
  }

  /**
   * Whether a watching job's source must emit a file only once a checkpoint records it (see {@code
   * WatchInput.emittingAfterCheckpoints}): on Flink with checkpointing, which restores failed work
   * from checkpoints. Without checkpointing nothing is restored (and a source that waited for
   * checkpoints would wait for ever); Dataflow commits a source's marks with its output, and the
   * DirectRunner does not fail over.
   */
  public static boolean watchEmitsAfterCheckpoints(PipelineOptions options) {
    return options.getRunner() == FlinkRunner.class
        && options.as(FlinkPipelineOptions.class).getCheckpointingInterval() > 0;
  }

  /**
   * Whether the workers run in this JVM (DirectRunner, embedded Flink) and so share its tagger
   * cache: a model the launcher loads to check it is then the one the workers use.
   */
  public static boolean workersRunInThisJvm(PipelineOptions options) {
    return options.getRunner() == DirectRunner.class
        || (options.getRunner() == FlinkRunner.class
            && !invokedByFlinkClient()
            && FLINK_EMBEDDED.equals(options.as(FlinkPipelineOptions.class).getFlinkMaster()));
  }

  /**
   * The worker threads the runner will use, where the options say it (DirectRunner's
   * --targetParallelism, Flink's --parallelism); 0 when the runner decides (Dataflow).
   */
  public static int workerThreads(PipelineOptions options) {
    if (options.getRunner() == DirectRunner.class) {
      return Math.max(1, options.as(DirectOptions.class).getTargetParallelism());
    }
    if (options.getRunner() == FlinkRunner.class) {
      return Math.max(0, options.as(FlinkPipelineOptions.class).getParallelism());
    }
    return 0;
  }

  /**
   * True inside a Flink client ({@code flink run}, the REST /jars/run handler): the job is then
   * submitted to that client's cluster, and the launcher must not call System.exit.
   */
  public static boolean invokedByFlinkClient() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames.anyMatch(
                    f ->
                        f.getClassName()
                            .startsWith("org.apache.flink.client.program.PackagedProgram")));
  }

  private static Path checkpointFolder() {
    try {
      Path folder = Files.createTempDirectory("tagpipe-checkpoints-");
      folder.toFile().deleteOnExit(); // Flink deletes the checkpoints of a job that ended
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for Flink's checkpoints", e);
    }
  }
}
