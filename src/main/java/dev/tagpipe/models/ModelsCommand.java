package dev.tagpipe.models;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code pipelines/models}: lists the named models ({@code list}, the default) or installs some
 * ({@code fetch NAME...}). Options: {@code --modelsDir=DIR} (default {@code $TAGPIPE_MODELS} or
 * ~/.tagpipe/models), {@code --repository=URL} (default Maven Central), {@code --force}. Exit codes
 * as the tagging launcher's: 0 done, 2 a mistake or a failed fetch, said in one line.
 */
public final class ModelsCommand {
  private ModelsCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  /** The whole command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    ModelsFolder folder = ModelsFolder.fromEnvironment();
    String repository = ModelFetcher.MAVEN_CENTRAL;
    boolean force = false;
    List<String> words = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        printHelp(out);
        return 0;
      } else if (a.startsWith("--modelsDir=")) {
        folder = ModelsFolder.at(Path.of(a.substring("--modelsDir=".length())));
      } else if (a.startsWith("--repository=")) {
        repository = a.substring("--repository=".length());
      } else if (a.equals("--force")) {
        force = true;
      } else if (a.startsWith("--")) {
        return error(
            err, "unknown option " + a + " (options: --modelsDir=DIR, --repository=URL, --force)");
      } else {
        words.add(a);
      }
    }
    if (words.isEmpty() || words.get(0).equals("list")) {
      if (words.size() > 1) {
        return error(err, "list takes no names; it lists them all");
      }
      list(folder, out);
      return 0;
    }
    if (!words.get(0).equals("fetch")) {
      return error(err, "unknown command '" + words.get(0) + "'; use list or fetch NAME...");
    }
    if (words.size() == 1) {
      return error(err, "fetch needs a name, e.g. pipelines/models fetch french");
    }
    Set<NamedModel> models = new LinkedHashSet<>();
    for (String name : words.subList(1, words.size())) {
      NamedModel model = ModelCatalog.lookup(name).orElse(null);
      if (model == null) {
        return error(
            err,
            "unknown model '"
                + name
                + "'; the names are: "
                + String.join(", ", ModelCatalog.names()));
      }
      models.add(model);
    }
    try (ModelFetcher fetcher =
        new ModelFetcher(
            folder, repository, ModelFetcher.defaultLocalRepository(), err, terminal)) {
      for (NamedModel model : models) {
        if (model.isBundled()) {
          out.println(
              "tagpipe: " + model.name() + " is bundled in tagpipe's jar; nothing to fetch");
          continue;
        }
        ModelFetcher.Result result = fetcher.fetch(model, force);
        ModelsFolder.Installed installed = result.installed();
        out.println(
            "tagpipe: "
                + model.name()
                + (result.alreadyInstalled()
                    ? " is installed already (--force fetches it again): "
                    : " installed: ")
                + installed.tagger());
        out.println("tagpipe: " + model.name() + " SHA-256: " + installed.sha256());
      }
    } catch (ModelFetcher.FetchException e) {
      return error(err, e.getMessage());
    }
    return 0;
  }

  private static int error(PrintStream err, String message) {
    err.println("tagpipe: error: " + message);
    return 2;
  }

  /** The table of every model: what it is, what it needs, whether it is here. */
  static void list(ModelsFolder folder, PrintStream out) {
    String format = "%-22s %-5s %-4s %-14s %-44s %9s %9s  %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "NAME",
        "CODE",
        "LANG",
        "TAG SET",
        "TOKENIZER (raw text)",
        "TAGGER",
        "JAR",
        "INSTALLED");
    for (NamedModel m : ModelCatalog.MODELS) {
      String installed;
      if (m.isBundled()) {
        installed = "bundled";
      } else {
        installed =
            folder
                .installed(m)
                .map(
                    i ->
                        "yes, sha256 " + i.sha256().substring(0, Math.min(12, i.sha256().length())))
                .orElse("no");
      }
      out.printf(
          Locale.ROOT,
          format,
          m.name(),
          String.join(",", m.codes()),
          m.language(),
          m.tagSet().label(),
          m.tokenizer().label(),
          megabytes(m.taggerBytes()),
          megabytes(m.jarBytes()),
          installed);
    }
    out.println(
        "models folder: " + folder.root() + " ($" + ModelsFolder.ENV + " or --modelsDir moves it)");
    out.println("install one: pipelines/models fetch NAME; then --model=NAME works offline");
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static void printHelp(PrintStream out) {
    out.println(
        "pipelines/models [list]                 the named models: tag set, tokenizer, sizes, installed");
    out.println(
        "pipelines/models fetch NAME...          install models from CoreNLP's jars on Maven Central");
    out.println(
        "  --modelsDir=DIR   the models folder (default $"
            + ModelsFolder.ENV
            + ", else ~/.tagpipe/models)");
    out.println(
        "  --repository=URL  the Maven repository (default " + ModelFetcher.MAVEN_CENTRAL + ")");
    out.println("  --force           fetch again a model that is installed");
    out.println(
        "A jar already in the local Maven repository (~/.m2/repository, -Dmaven.repo.local) is read");
    out.println(
        "without downloading; a download's SHA-1 is checked against the repository's .sha1.");
    out.println("Then: pipelines/tag --model=NAME, pipelines/evaluate --model=NAME[,NAME].");
  }
}
