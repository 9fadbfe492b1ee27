package dev.tagpipe.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.cli.ModelCheck;
import dev.tagpipe.cli.RunnerPolicy;
import dev.tagpipe.cli.UserError;
import dev.tagpipe.io.InputFormat;
import dev.tagpipe.io.ReadSentences;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.models.ModelCatalog;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TaggerCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code pipelines/evaluate}: tags gold CoNLL-U with one model, or two to compare them, on any
 * runner, and reports accuracy (tokens, unknown words, sentences), per-tag precision, recall and
 * F1, the most frequent confusions and, for two models, whether one is significantly better
 * (McNemar's exact test). Exit codes as for tagging: 0 done, 1 the run failed, 2 a mistake.
 */
public final class Evaluate {
  /** Where the evaluation goes when --output is not given. */
  static final String DEFAULT_OUTPUT = "output/eval";

  private Evaluate() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The evaluation's whole run; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help")) {
      PipelineOptionsFactory.printHelp(out, EvaluateOptions.class);
      return 0;
    }
    EvaluateOptions options;
    ReportFiles reportFiles;
    List<EvaluationReport.Model> models = new ArrayList<>();
    try {
      PipelineOptionsFactory.register(EvaluateOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(EvaluateOptions.class);
      Set<String> given = given(args);
      RunnerPolicy.applyDefaults(options, given, true, false);
      if (!given.contains("output")) {
        options.setOutput(DEFAULT_OUTPUT); // not the tagging default, output/tagged
      }
      FileSystems.setDefaultPipelineOptions(options); // gs:// and other schemes, for the checks
      reportFiles = ReportFiles.at(options.getOutput());
      checkGold(options.getInput(), options.getGoldColumn());
      for (String spec : options.getModel().split(",")) {
        // a name (french) is read from the installed file; the report names that file
        String location = ModelCatalog.resolve(spec.trim());
        models.add(checkModel(location, RunnerPolicy.workersRunInThisJvm(options)));
      }
      if (models.size() > 2) {
        throw new IllegalArgumentException(
            "--model takes one model, or two separated by a"
                + " comma to compare them, not "
                + models.size());
      }
    } catch (UserError | IllegalArgumentException | IllegalStateException e) {
      err.println("tagpipe: error: " + e.getMessage());
      return 2;
    }
    String counts = options.getOutput() + "-evaluation-counts";
    Pipeline pipeline = Pipeline.create(options);
    PCollection<Sentence> sentences =
        pipeline
            .apply("ReadGold", ReadSentences.from(options.getInput(), InputFormat.conllu))
            .get(ReadSentences.SENTENCES);
    List<PCollectionView<Iterable<TaggerModel>>> views = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      views.add(
          pipeline.apply(
              "ReadModel" + (char) ('A' + i), ReadTaggerModel.from(models.get(i).name())));
    }
    ObjectMapper json = new ObjectMapper();
    sentences
        .apply("Score", new ScoreSentences(views, options.getGoldColumn(), options.getTagger()))
        .apply(
            "AsJson",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    s -> {
                      try {
                        return json.writeValueAsString(s);
                      } catch (IOException e) {
                        throw new IllegalStateException(e);
                      }
                    }))
        .apply("WriteCounts", TextIO.write().to(counts).withSuffix(".json").withoutSharding());
    out.printf(
        "tagpipe: evaluating %s on %s (gold %s) on %s%n",
        options.getModel(),
        options.getInput(),
        options.getGoldColumn(),
        options.getRunner().getSimpleName());
    try {
      PipelineResult.State state = pipeline.run().waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        err.println("tagpipe: the evaluation ended in state " + state);
        return 1;
      }
      Scores merged;
      try (InputStream in =
          Channels.newInputStream(
              FileSystems.open(FileSystems.matchNewResource(counts + ".json", false)))) {
        merged = json.readValue(in, Scores.class);
      }
      EvaluationReport report =
          EvaluationReport.of(merged, models, options.getInput(), options.getGoldColumn());
      reportFiles.write(report);
      ConsoleReport.print(report, out);
      out.println("tagpipe: evaluation: " + reportFiles.json());
      out.println("tagpipe: report:     " + reportFiles.html());
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("tagpipe: the evaluation failed: " + e);
      return 1;
    }
  }

  private static Set<String> given(String[] args) {
    Set<String> names = new HashSet<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2) {
        names.add(a.substring(2, eq));
      }
    }
    return names;
  }

  /** Fails before any data is read when the gold column of the first sentence is not filled. */
  static void checkGold(String input, GoldColumn column) {
    List<MatchResult.Metadata> files;
    try {
      files = FileSystems.match(input, EmptyMatchTreatment.ALLOW).metadata();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list --input=" + input + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--input=" + input + " matches no file");
    }
    String first = files.get(0).resourceId().toString();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                Channels.newInputStream(
                    Compression.detect(first)
                        .readDecompressed(FileSystems.open(files.get(0).resourceId()))),
                StandardCharsets.UTF_8))) {
      int lineNumber = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNumber++;
        String[] cols = line.split("\t", -1);
        if (cols.length == 10 && cols[0].matches("[0-9]+")) {
          String tag = cols[column.index];
          if (tag.isEmpty() || tag.equals("_")) {
            throw new IllegalArgumentException(
                first
                    + " line "
                    + lineNumber
                    + ": the gold"
                    + " column "
                    + column
                    + " (column "
                    + (column.index + 1)
                    + ") is not filled ('"
                    + tag
                    + "'); evaluate against a treebank with "
                    + column
                    + " tags, or choose"
                    + " the other column with --goldColumn");
          }
          return;
        }
      }
      throw new IllegalArgumentException(first + " has no CoNLL-U word line; is it CoNLL-U?");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + first + ": " + e.getMessage());
    }
  }

  /** Checks a model exactly as the tagging launcher does, before any data is read. */
  static EvaluationReport.Model checkModel(String spec, boolean sameJvm) {
    TaggerModel model = ModelCheck.load(spec, null, sameJvm, TaggerCache.DEFAULT_CAPACITY).model();
    return new EvaluationReport.Model(spec, model.sha256());
  }
}
