package dev.tagpipe.eval;

import dev.tagpipe.cli.TagPipelineOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code pipelines/evaluate}'s options: the tagging options it shares ({@code --input}, the gold
 * CoNLL-U; {@code --model}, one model or two separated by a comma, each a file or a name ({@code
 * french}, as {@code pipelines/models} lists them); {@code --output}, the prefix of {@code
 * <output>-evaluation.json} and {@code .html}, default {@value Evaluate#DEFAULT_OUTPUT}, on any
 * Beam filesystem) plus the gold column. Runner options come on top, as for tagging.
 */
public interface EvaluateOptions extends TagPipelineOptions {
  @Description("The column with the gold tags: xpos (column 5) or upos (column 4).")
  @Default.Enum("xpos")
  GoldColumn getGoldColumn();

  void setGoldColumn(GoldColumn value);
}
