package dev.tagpipe.cli;

import dev.tagpipe.io.InputFormat;
import dev.tagpipe.io.OutputFormat;
import dev.tagpipe.io.TextLanguage;
import dev.tagpipe.io.TextTokenizer;
import dev.tagpipe.lang.LanguageRouting;
import dev.tagpipe.models.ModelCatalog;
import dev.tagpipe.models.ModelNotInstalledException;
import dev.tagpipe.models.NamedModel;
import dev.tagpipe.tagger.ModelLocation;
import java.util.Map;
import java.util.TreeMap;

/**
 * The launcher's language decisions, from the options: which model tags which language, the text's
 * tokenizer, the routing of documents and the checks that go with them, made before anything is
 * read.
 */
final class Languages {
  private Languages() {}

  /** A model name resolved to its installed file ({@link ModelCatalog}); a file or URI as it is. */
  static String resolve(String spec) {
    try {
      return ModelCatalog.resolve(spec);
    } catch (ModelNotInstalledException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The language a name's model tags, or null for a file or URI. */
  static String languageOfName(String spec) {
    if (ModelLocation.isBundled(spec)) {
      return "en";
    }
    return ModelCatalog.isName(spec)
        ? ModelCatalog.lookup(spec).map(NamedModel::language).orElse(null)
        : null;
  }

  /**
   * The model {@code --model=auto} takes for each language: the first named model of it in the
   * catalog (english, french, german, spanish, italian, hungarian, arabic, chinese).
   */
  private static Map<String, NamedModel> autoModels() {
    Map<String, NamedModel> first = new TreeMap<>();
    for (NamedModel model : ModelCatalog.MODELS) {
      first.putIfAbsent(model.language(), model);
    }
    return first;
  }

  /**
   * Routing: each language's model, resolved (a file or URI). For {@code auto}, every language
   * whose model is installed (english is bundled) and whose text this input can be read in.
   */
  static Map<String, String> modelsByLanguage(TagPipelineOptions o) {
    ModelChoice choice = ModelChoice.parse(o.getModel());
    Map<String, String> resolved = new TreeMap<>();
    if (choice.auto()) {
      autoModels()
          .forEach(
              (language, model) -> {
                if (!rawText(o) || TextTokenizer.supportsRawText(language)) {
                  installed(model).ifPresent(path -> resolved.put(language, path));
                }
              });
      return resolved;
    }
    choice.byLanguage().forEach((language, spec) -> resolved.put(language, resolve(spec)));
    return resolved;
  }

  private static java.util.Optional<String> installed(NamedModel model) {
    try {
      return java.util.Optional.of(ModelCatalog.resolve(model.name()));
    } catch (ModelNotInstalledException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * What a rejection says for a language with no model: under auto, the command that fetches it.
   */
  private static Map<String, String> missingModelHints(TagPipelineOptions o) {
    Map<String, String> hints = new TreeMap<>();
    if (ModelChoice.parse(o.getModel()).auto()) {
      Map<String, String> installed = modelsByLanguage(o);
      autoModels()
          .forEach(
              (language, model) -> {
                if (installed.containsKey(language)) {
                  return;
                }
                if (rawText(o) && !TextTokenizer.supportsRawText(language)) {
                  hints.put(
                      language,
                      "its raw text needs CoreNLP's word segmenter, which tagpipe does not bring"
                          + " in: give it tokenized (--inputFormat=tokens or conllu, or"
                          + " --tokensField)");
                } else {
                  hints.put(
                      language,
                      "its model is not installed: fetch it once with pipelines/models fetch "
                          + model.name());
                }
              });
    }
    return hints;
  }

  private static boolean rawText(TagPipelineOptions o) {
    return o.getInputFormat() == InputFormat.text
        || (o.getInputFormat() == InputFormat.jsonl
            && (o.getTokensField() == null || o.getTokensField().isEmpty()));
  }

  /** How the readers read raw text: one language's tokenizer, or each document's, routed. */
  static TextLanguage textLanguage(TagPipelineOptions o) {
    if (ModelChoice.parse(o.getModel()).routed()) {
      return TextLanguage.routed(routing(o));
    }
    return TextLanguage.of(language(o));
  }

  /** The language of a run with one model: --language, else the named model's, else en. */
  static String language(TagPipelineOptions o) {
    if (o.getLanguage() != null && !o.getLanguage().isEmpty()) {
      return o.getLanguage();
    }
    String named = languageOfName(o.getModel());
    return named == null ? "en" : named;
  }

  static LanguageRouting routing(TagPipelineOptions o) {
    return LanguageRouting.to(modelsByLanguage(o).keySet())
        .withFallback(o.getFallbackLanguage())
        .withMinConfidence(o.getMinLanguageConfidence())
        .withMissingModelHints(missingModelHints(o));
  }

  /** Each worker JVM keeps every language's model loaded: the cache holds at least them all. */
  static int cacheCapacity(TagPipelineOptions o) {
    int languages = ModelChoice.parse(o.getModel()).routed() ? modelsByLanguage(o).size() : 1;
    return Math.max(o.getMaxCachedTaggers(), languages);
  }

  /** The language options, checked before anything is read. */
  static void check(TagPipelineOptions o, OptionsParser.Parsed given) {
    ModelChoice choice = ModelChoice.parse(o.getModel());
    boolean rawText = rawText(o);
    if (o.getMinLanguageConfidence() < 0 || o.getMinLanguageConfidence() > 1) {
      throw new UserError(
          "--minLanguageConfidence must be between 0 and 1, not " + o.getMinLanguageConfidence());
    }
    if (o.getLemmas() && o.getOutputFormat() == OutputFormat.text) {
      throw new UserError(
          "--lemmas needs --outputFormat=jsonl, conllu or documents: the text format has no"
              + " place for a lemma");
    }
    if (!choice.routed()) {
      for (String option : new String[] {"fallbackLanguage", "minLanguageConfidence"}) {
        if (given.isGiven(option)) {
          throw new UserError(
              "--"
                  + option
                  + " applies when documents are routed by language:"
                  + " --model=LANG:MODEL,... or --model=auto");
        }
      }
      String language = language(o);
      if (!language.matches("[a-z]{2}")) {
        throw new UserError(
            "--language must be an ISO 639-1 code such as en, fr or de, not '" + language + "'");
      }
      if (rawText && !TextTokenizer.supportsRawText(language)) {
        throw segmenterNeeded(language, o.getInputFormat());
      }
      return;
    }
    if (o.getWatchInput() != null) {
      throw new UserError(
          "routing by language (--model="
              + o.getModel()
              + ") and --watchInput do not go"
              + " together yet: give one model to a watching job");
    }
    if (given.isGiven("language")) {
      throw new UserError(
          "--language and --model="
              + o.getModel()
              + " contradict each other: routing finds"
              + " each document's language; give one of them");
    }
    if (o.getModelSha256() != null && !o.getModelSha256().isEmpty()) {
      throw new UserError(
          "--modelSha256 pins one model; routing by language uses several: leave it out");
    }
    Map<String, String> models = modelsByLanguage(o);
    if (models.isEmpty()) {
      throw new UserError("--model=auto found no installed model; see pipelines/models");
    }
    for (String language : models.keySet()) {
      if (rawText && !TextTokenizer.supportsRawText(language)) {
        throw segmenterNeeded(language, o.getInputFormat());
      }
    }
    String fallback = o.getFallbackLanguage();
    if (fallback != null && !fallback.isEmpty() && !models.containsKey(fallback)) {
      throw new UserError(
          "--fallbackLanguage="
              + fallback
              + " has no model in --model="
              + o.getModel()
              + "; add "
              + fallback
              + ":MODEL to it or choose one of "
              + String.join(", ", models.keySet()));
    }
  }

  private static UserError segmenterNeeded(String language, InputFormat format) {
    return new UserError(
        "raw "
            + ("ar".equals(language) ? "Arabic" : "Chinese")
            + " text needs CoreNLP's word segmenter, which tagpipe does not bring in; give it"
            + " tokenized: --inputFormat=tokens or conllu, or jsonl with --tokensField (the input"
            + " is "
            + format
            + ")");
  }
}
