package dev.tagpipe.eval;

import dev.tagpipe.tagger.ModelLocation;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** {@code pipelines/evaluate}'s options. Runner options come on top, as for tagging. */
public interface EvaluateOptions extends PipelineOptions {
  @Description("Gold CoNLL-U: a file, glob or URI (compressed by extension).")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("The column with the gold tags: xpos (column 5) or upos (column 4).")
  @Default.Enum("xpos")
  GoldColumn getGoldColumn();

  void setGoldColumn(GoldColumn value);

  @Description("The model to evaluate, or two separated by a comma (A,B) to compare them."
      + " Default: the bundled " + ModelLocation.BUNDLED_MODEL + ".")
  @Default.String(ModelLocation.BUNDLED_MODEL)
  String getModel();

  void setModel(String value);

  @Description("Output prefix: <output>-evaluation.json and <output>-evaluation.html.")
  @Default.String("output/eval")
  String getOutput();

  void setOutput(String value);
}
