package dev.tagpipe.eval;

import dev.tagpipe.cli.UserError;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.SafeModelLoader;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code pipelines/train}: trains a CoreNLP MaxentTagger on CoNLL-U (one JVM: CoreNLP's trainer is
 * not distributed), writes {@code MODEL} and {@code MODEL.sha256}, checks that the model passes the
 * safe loader, and with {@code --heldOut} evaluates it there ({@link Evaluate}).
 *
 * <p>{@code --input=FILES --model=OUT.tagger [--goldColumn=xpos|upos] [--iterations=100]
 * [--heldOut=DEV.conllu] [--arch=FEATURES]}, Beam's {@link TrainOptions}. The features are
 * CoreNLP's {@code -arch}, checked by {@link TrainArch} before training starts; the default,
 * left3words, naacl2003unknowns, wordshapes(-1,1), needs no external files. Trained with CoreNLP's
 * quasi-Newton search.
 */
public final class Train {
  /** Fewer gold tokens than this is not a training set. */
  static final int MIN_TOKENS = 1_000;

  /** The default {@code --arch}. */
  static final String ARCH = "left3words,naacl2003unknowns,wordshapes(-1,1)";

  /**
   * Per {@code --language}: CoreNLP's {@code -lang} and the features of its own 4.5.10 model of
   * that language (its {@code .tagger.props}), less those that read cluster files not shipped with
   * CoreNLP ({@code distsim}).
   */
  record LanguageDefaults(String coreNlpLang, String arch) {}

  static final Map<String, LanguageDefaults> LANGUAGES =
      Map.of(
          "en", new LanguageDefaults("english", ARCH),
          "fr", new LanguageDefaults("french", "left3words,naacl2003unknowns,unicodeshapes(-1,1)"),
          "de",
              new LanguageDefaults(
                  "german",
                  "left3words,naacl2003unknowns,unicodeshapes(-2,2),unicodeshapeconjunction(-1,1)"),
          "es", new LanguageDefaults("spanish", "left3words,naacl2003unknowns,allwordshapes(-1,1)"),
          "it",
              new LanguageDefaults(
                  "",
                  "left3words,naacl2003unknowns,suffix(10),prefix(4),words(-2,2),"
                      + "unicodeshapes(-2,2),unicodeshapeconjunction(-1,1)"));

  private Train() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    TrainOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("tagpipe: error: " + e.getMessage());
      return 2;
    }
    String input = options.getInput();
    String model = options.getModel();
    GoldColumn column = options.getGoldColumn();
    int iterations = options.getIterations();
    String language = options.getLanguage();
    LanguageDefaults defaults = LANGUAGES.get(language == null ? "en" : language);
    if (defaults == null) {
      err.println(
          "tagpipe: error: --language="
              + language
              + " is not one tagpipe knows CoreNLP's training settings for; give one of "
              + String.join(", ", new java.util.TreeSet<>(LANGUAGES.keySet()))
              + ", or leave it out and choose --arch yourself");
      return 2;
    }
    String arch = options.getArch() != null ? options.getArch() : defaults.arch();
    String archProblem = TrainArch.problem(arch);
    if (archProblem != null) {
      err.println("tagpipe: error: " + archProblem);
      return 2;
    }
    FileSystems.setDefaultPipelineOptions(options); // the input may be on any Beam filesystem
    Path training;
    long tokens;
    try {
      Evaluate.checkGold(input, column);
      training = Files.createTempFile("tagpipe-train", ".txt");
      tokens = writeTrainingText(input, column, training);
    } catch (IllegalArgumentException | IOException e) {
      err.println("tagpipe: error: " + e.getMessage());
      return 2;
    }
    if (tokens < MIN_TOKENS) {
      err.println(
          "tagpipe: error: "
              + input
              + " has "
              + tokens
              + " gold tokens, too few to"
              + " train a tagger on (at least "
              + MIN_TOKENS
              + "; a useful one needs tens of"
              + " thousands)");
      return 2;
    }
    out.printf(
        "tagpipe: training on %,d tokens of %s (%s), %d iterations at most, features"
            + " %s; CoreNLP's progress follows%n",
        tokens, input, column, iterations, arch);
    try {
      Path parent = Path.of(model).toAbsolutePath().getParent();
      Files.createDirectories(parent);
      long start = System.nanoTime();
      List<String> trainArgs =
          new ArrayList<>(
              List.of(
                  "-model",
                  model,
                  "-trainFile",
                  "format=TEXT," + training,
                  "-tagSeparator",
                  "\u0001",
                  "-arch",
                  arch,
                  "-search",
                  "qn",
                  "-iterations",
                  String.valueOf(iterations),
                  "-encoding",
                  "UTF-8"));
      Path props = null;
      if (!defaults.coreNlpLang().isEmpty()) {
        // In a properties file: on CoreNLP's command line "-lang" names a pipeline's properties.
        props = Files.createTempFile("tagpipe-train", ".props");
        Files.writeString(props, "lang = " + defaults.coreNlpLang() + "\n");
        trainArgs.addAll(List.of("-props", props.toString()));
      }
      try {
        MaxentTagger.main(trainArgs.toArray(String[]::new));
      } finally {
        if (props != null) {
          Files.deleteIfExists(props);
        }
      }
      byte[] bytes = Files.readAllBytes(Path.of(model));
      TaggerModel trained = new TaggerModel(model, ModelBytes.sha256(bytes), bytes);
      SafeModelLoader.load(model, bytes); // it must pass the same gate as any model
      Files.writeString(
          Path.of(model + ".sha256"),
          trained.sha256() + "  " + Path.of(model).getFileName() + "\n");
      out.printf(
          "tagpipe: trained %s in %.0f s (%,d bytes, sha256 %s)%n",
          model, (System.nanoTime() - start) / 1e9, bytes.length, trained.sha256());
    } catch (Exception e) { // CoreNLP's trainer declares Exception
      err.println("tagpipe: error: training failed: " + e);
      return 1;
    } finally {
      try {
        Files.deleteIfExists(training);
      } catch (IOException e) {
        // a temporary file
      }
    }
    String heldOut = options.getHeldOut();
    if (heldOut != null) {
      return Evaluate.run(
          new String[] {
            "--input=" + heldOut,
            "--model=" + model,
            "--goldColumn=" + column,
            "--output=" + model.replaceFirst("\\.tagger$", "") + "-heldout"
          },
          out,
          err);
    }
    return 0;
  }

  /**
   * The command line as {@link TrainOptions}, parsed by Beam. What Beam would report in its own
   * terms, or not at all, is said first in one line, as before Beam parsed these options: an
   * argument not of the form {@code --name=value}, {@code --input} or {@code --model} missing, a
   * {@code --goldColumn} or {@code --iterations} it cannot take; then an option given twice.
   *
   * @throws IllegalArgumentException with the line to print
   */
  static TrainOptions parse(String[] args) {
    Map<String, List<String>> given = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      // --help=... too: Beam would print its help and end the JVM.
      if (!a.startsWith("--") || eq < 0 || a.startsWith("--help=")) {
        throw new IllegalArgumentException(
            "not an option: '"
                + a
                + "'; use --input=FILES"
                + " --model=OUT.tagger [--goldColumn=xpos|upos] [--iterations=N] [--heldOut=FILE]"
                + " [--arch=FEATURES] [--language=en|fr|de|es|it]");
      }
      given.computeIfAbsent(a.substring(2, eq), k -> new ArrayList<>()).add(a.substring(eq + 1));
    }
    if (!given.containsKey("input") || !given.containsKey("model")) {
      throw new IllegalArgumentException(
          "--input=FILES (CoNLL-U) and --model=OUT.tagger are required");
    }
    if (!given.getOrDefault("goldColumn", List.of()).stream().allMatch(Train::isGoldColumn)
        || !given.getOrDefault("iterations", List.of()).stream().allMatch(Train::isPositive)) {
      throw new IllegalArgumentException(
          "--goldColumn is xpos or upos and --iterations a positive number");
    }
    PipelineOptionsFactory.register(TrainOptions.class);
    try {
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(TrainOptions.class);
    } catch (IllegalArgumentException e) {
      UserError twice = UserError.optionGivenTwice(Arrays.asList(args));
      if (twice != null) {
        throw new IllegalArgumentException(twice.getMessage(), e);
      }
      throw e;
    }
  }

  private static boolean isGoldColumn(String value) {
    return Arrays.stream(GoldColumn.values()).anyMatch(c -> c.name().equals(value));
  }

  private static boolean isPositive(String value) {
    try {
      return Integer.parseInt(value) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * CoNLL-U to CoreNLP's TEXT training format: a sentence per line, {@code word<SEP>tag} separated
   * by spaces. The separator is U+0001, which no token contains (words may contain '_' or '/');
   * spaces inside a FORM become U+00A0. Returns the number of tokens.
   */
  static long writeTrainingText(String input, GoldColumn column, Path out) throws IOException {
    List<MatchResult.Metadata> files =
        FileSystems.match(input, EmptyMatchTreatment.DISALLOW).metadata();
    long tokens = 0;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (MatchResult.Metadata file : files) {
        String name = file.resourceId().toString();
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    Channels.newInputStream(
                        Compression.detect(name)
                            .readDecompressed(FileSystems.open(file.resourceId()))),
                    StandardCharsets.UTF_8))) {
          StringBuilder sentence = new StringBuilder();
          for (String line = r.readLine(); ; line = r.readLine()) {
            if (line == null || line.isBlank()) {
              if (sentence.length() > 0) {
                w.write(sentence.toString());
                w.newLine();
                sentence.setLength(0);
              }
              if (line == null) {
                break;
              }
              continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 10 || !cols[0].matches("[0-9]+")) {
              continue;
            }
            String tag = cols[column.index];
            if (tag.isEmpty() || tag.equals("_")) {
              throw new IllegalArgumentException(
                  name + ": a word line without its " + column + " tag: " + line);
            }
            sentence
                .append(sentence.length() > 0 ? " " : "")
                .append(cols[1].replace(' ', '\u00a0'))
                .append('\u0001')
                .append(tag);
            tokens++;
          }
        }
      }
    }
    return tokens;
  }
}
