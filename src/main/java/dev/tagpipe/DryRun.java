package dev.tagpipe;

import dev.tagpipe.dataflow.OfflineStager;
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
 * --dryRun: the pipeline is built and its inputs checked, but nothing runs. With the
 * DataflowRunner the real runner translates the job, offline and without credentials, and writes
 * its specification to --dataflowJobFile: what a submission would send, minus the sending.
 */
final class DryRun {
  private DryRun() {}

  /**
   * Before the pipeline is created (the DataflowRunner validates its temp location then):
   * everything that would reach Google Cloud is replaced by an offline stand-in.
   */
  static void prepare(TagPipelineOptions options, String[] args) {
    if (!options.getDryRun() || options.getRunner() != DataflowRunner.class) {
      return;
    }
    options.as(GcpOptions.class).setCredentialFactoryClass(NoopCredentialFactory.class);
    options.as(GcsOptions.class).setPathValidatorClass(NoopPathValidator.class);
    options.as(DataflowPipelineDebugOptions.class).setStagerClass(OfflineStager.class);
    // Left unset, these are derived by factories that look up the bucket over the network
    // (even asking for their value would), so set them from what was given.
    GcpOptions gcp = options.as(GcpOptions.class);
    if (!OptionsParser.given(args, "--gcpTempLocation")) {
      gcp.setGcpTempLocation(options.getTempLocation());
    }
    if (!OptionsParser.given(args, "--stagingLocation")) {
      String temp = gcp.getGcpTempLocation();
      options.as(DataflowPipelineOptions.class)
          .setStagingLocation(temp + (temp.endsWith("/") ? "" : "/") + "staging");
    }
  }

  static int run(Pipeline pipeline, TagPipelineOptions options, PrintStream out, PrintStream err) {
    if (options.getRunner() != DataflowRunner.class) {
      out.println("tagpipe: dry run: options, input and model checked and the pipeline built;"
          + " nothing was run");
      return 0;
    }
    String jobFile = options.as(DataflowPipelineDebugOptions.class).getDataflowJobFile();
    // A template location makes DataflowRunner.run() write the job JSON there and return
    // without calling jobs.create. (It excludes --dataflowJobFile, which would submit.)
    options.as(DataflowPipelineOptions.class)
        .setTemplateLocation(new File(jobFile).getAbsolutePath());
    options.as(DataflowPipelineDebugOptions.class).setDataflowJobFile(null);
    try {
      pipeline.run();
    } catch (RuntimeException e) {
      err.println("tagpipe: error: the Dataflow dry run failed: " + TagPipeline.rootMessage(e));
      return 1;
    }
    File written = new File(jobFile);
    out.printf("tagpipe: dry run: wrote the Dataflow job specification to %s (%,d bytes);"
        + " nothing was submitted%n", written.getAbsolutePath(), written.length());
    return 0;
  }
}
