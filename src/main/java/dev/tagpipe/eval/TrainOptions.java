package dev.tagpipe.eval;

import dev.tagpipe.tagger.ModelLocation;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@code pipelines/train}'s options, parsed by Beam as the other launchers' are ({@link
 * Train#parse}). {@code --input} and {@code --model} are required; Beam's own options (such as
 * those a {@code gs://} input needs) come on top, and reach the filesystems the input is read
 * through.
 */
public interface TrainOptions extends PipelineOptions {
  @Description("The gold CoNLL-U to train on: a file or a glob, local or on any Beam filesystem.")
  String getInput();

  void setInput(String value);

  // Required on the command line (Train checks that it was given). The @Default is the tagging
  // options' own: Beam refuses two registered interfaces whose getters of one name disagree, and
  // --heldOut evaluates in this JVM with EvaluateOptions registered too.
  @Description("Where the trained model is written (OUT.tagger, with OUT.tagger.sha256 beside it).")
  @Default.String(ModelLocation.BUNDLED_MODEL)
  String getModel();

  void setModel(String value);

  @Description("The column with the gold tags: xpos (column 5) or upos (column 4).")
  @Default.Enum("xpos")
  GoldColumn getGoldColumn();

  void setGoldColumn(GoldColumn value);

  @Description("At most this many iterations of CoreNLP's quasi-Newton search (a positive number).")
  @Default.Integer(100)
  int getIterations();

  void setIterations(int value);

  @Description(
      "Gold CoNLL-U to evaluate the trained model on, as pipelines/evaluate does; the report is"
          + " OUT-heldout-evaluation.json and .html (OUT: --model without .tagger).")
  String getHeldOut();

  void setHeldOut(String value);

  @Description(
      "CoreNLP's -arch, the features to train with; every feature is checked before training."
          + " Default: the features of CoreNLP's own model for --language that need no outside"
          + " files (its distributional-similarity clusters are not shipped), else "
          + Train.ARCH)
  String getArch();

  void setArch(String value);

  @Description(
      "The language of the training data (en, fr, de, es, it): CoreNLP's -lang, as its own model"
          + " of that language was trained with, and that model's features as --arch's default.")
  String getLanguage();

  void setLanguage(String value);
}
