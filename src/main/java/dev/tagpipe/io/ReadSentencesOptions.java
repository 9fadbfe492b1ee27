package dev.tagpipe.io;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options {@link ReadSentences}' source reads when the runner calls it, not while building. */
@Hidden
public interface ReadSentencesOptions extends PipelineOptions {
  @Description(
      "Whether the source lists the input files when a runner asks for their size while"
          + " translating the job (the Dataflow runner does). An offline dry run sets it false, so"
          + " that listing gs:// does not wait on the network; the files are listed when the job"
          + " runs either way.")
  @Default.Boolean(true)
  boolean getListInputForSizeEstimate();

  void setListInputForSizeEstimate(boolean value);
}
