package dev.tagpipe.cli;

import dev.tagpipe.io.ReadSentencesOptions;
import java.io.File;
import java.io.PrintStream;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineDebugOptions;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator;

/**
 * --dryRun: the same pipeline a run builds ({@link TagPipeline#build}), checked, and not run. With
 * the DataflowRunner the real runner translates the job, offline and without credentials, and
 * writes its specification to --dataflowJobFile: what a submission would send, minus the sending.
 * Only options differ from a submission (no credentials, an offline stager, no listing of gs://
 * input to estimate its size), never the graph.
 */
final class DryRun {
  private DryRun() {}

  /** Builds the job and, on Dataflow, writes its specification; returns the exit code. */
  static ExitCode run(
      OptionsParser.Parsed parsed, ModelCheck modelCheck, PrintStream out, PrintStream err) {
    TagPipelineOptions options = parsed.options();
    boolean dataflow = options.getRunner() == DataflowRunner.class;
    if (dataflow) {
      goOffline(options, parsed); // before the pipeline exists: the runner validates them then
      ModelStaging.planForDryRun(options, out);
    }
    Pipeline pipeline = TagPipeline.build(options);
    modelCheck.await();
    if (!dataflow) {
      out.println(
          "tagpipe: dry run: options, input and model checked and the pipeline built;"
              + " nothing was run");
      return ExitCode.DONE;
    }
    String jobFile = options.as(DataflowPipelineDebugOptions.class).getDataflowJobFile();
    // A template location makes DataflowRunner.run() write the job JSON there and return
    // without calling jobs.create. (It excludes --dataflowJobFile, which would submit.)
    options
        .as(DataflowPipelineOptions.class)
        .setTemplateLocation(new File(jobFile).getAbsolutePath());
    options.as(DataflowPipelineDebugOptions.class).setDataflowJobFile(null);
    try {
      pipeline.run();
    } catch (RuntimeException e) {
      err.println("tagpipe: error: the Dataflow dry run failed: " + Launcher.rootMessage(e));
      return ExitCode.FAILED;
    }
    File written = new File(jobFile);
    out.printf(
        "tagpipe: dry run: wrote the Dataflow job specification to %s (%,d bytes);"
            + " nothing was submitted%n",
        written.getAbsolutePath(), written.length());
    return ExitCode.DONE;
  }

  /** Everything that would reach Google Cloud is replaced by an offline stand-in. */
  private static void goOffline(TagPipelineOptions options, OptionsParser.Parsed parsed) {
    options.as(GcpOptions.class).setCredentialFactoryClass(NoopCredentialFactory.class);
    options.as(GcsOptions.class).setPathValidatorClass(NoopPathValidator.class);
    options.as(DataflowPipelineDebugOptions.class).setStagerClass(OfflineStager.class);
    options.as(ReadSentencesOptions.class).setListInputForSizeEstimate(false);
    // Left unset, these are derived by factories that look up the bucket over the network
    // (even asking for their value would), so set them from what was given.
    GcpOptions gcp = options.as(GcpOptions.class);
    if (!parsed.isGiven("gcpTempLocation")) {
      gcp.setGcpTempLocation(options.getTempLocation());
    }
    if (!parsed.isGiven("stagingLocation")) {
      String temp = gcp.getGcpTempLocation();
      options
          .as(DataflowPipelineOptions.class)
          .setStagingLocation(temp + (temp.endsWith("/") ? "" : "/") + "staging");
    }
  }
}
