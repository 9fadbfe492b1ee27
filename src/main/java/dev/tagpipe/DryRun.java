package dev.tagpipe;

import java.io.PrintStream;
import org.apache.beam.sdk.Pipeline;

/** --dryRun: the pipeline is built and its inputs checked, but nothing runs. */
final class DryRun {
  private DryRun() {}

  static int run(Pipeline pipeline, TagPipelineOptions options, PrintStream out, PrintStream err) {
    out.println("tagpipe: dry run: options, input and model checked and the pipeline built;"
        + " nothing was run");
    return 0;
  }
}
