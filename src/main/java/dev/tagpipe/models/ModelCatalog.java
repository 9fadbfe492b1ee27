package dev.tagpipe.models;

import static dev.tagpipe.models.NamedModel.POS_TAGGER_DIR;

import dev.tagpipe.models.NamedModel.TagSet;
import dev.tagpipe.models.NamedModel.Tokenizer;
import dev.tagpipe.tagger.ModelLocation;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CoreNLP 4.5.10's POS taggers by name ({@code english}, {@code french}, ...; ISO 639-1 codes for
 * each language's default model), and {@link #resolve} from a {@code --model} value to a location
 * the rest of tagpipe reads.
 *
 * <p>Sizes of the jars and taggers in the Maven cache were read from the jars ({@code unzip -l});
 * those of the Hungarian, Arabic and Chinese jars are Maven Central's Content-Length, Hungarian's
 * tagger was measured by a fetch, and the Arabic and Chinese taggers' sizes are from the project's
 * notes, not re-checked (an install records the real size).
 */
public final class ModelCatalog {
  static final String GROUP_ID = "edu.stanford.nlp";
  static final String ARTIFACT_ID = "stanford-corenlp";
  static final String CORENLP_VERSION = "4.5.10";
  static final String BUNDLED_FILE = ModelLocation.BUNDLED_MODEL;

  /** Every named model, in the order {@code pipelines/models} lists them. */
  public static final List<NamedModel> MODELS =
      List.of(
          model(
              "english",
              "en",
              "en",
              "models",
              BUNDLED_FILE,
              TagSet.PENN_TREEBANK,
              Tokenizer.ENGLISH_PTB,
              474_409_531L,
              13_547_114L),
          model(
              "english-bidirectional",
              null,
              "en",
              "models-english",
              "english-bidirectional-distsim.tagger",
              TagSet.PENN_TREEBANK,
              Tokenizer.ENGLISH_PTB,
              444_735_270L,
              19_299_974L),
          model(
              "english-caseless",
              null,
              "en",
              "models-english",
              "english-caseless-left3words-distsim.tagger",
              TagSet.PENN_TREEBANK,
              Tokenizer.ENGLISH_PTB,
              444_735_270L,
              13_380_243L),
          model(
              "french",
              "fr",
              "fr",
              "models-french",
              "french-ud.tagger",
              TagSet.UD_UPOS,
              Tokenizer.FRENCH,
              280_999_356L,
              1_591_008L),
          model(
              "german",
              "de",
              "de",
              "models-german",
              "german-ud.tagger",
              TagSet.UD_UPOS,
              Tokenizer.GERMAN_PTB,
              199_660_934L,
              68_610_578L),
          model(
              "spanish",
              "es",
              "es",
              "models-spanish",
              "spanish-ud.tagger",
              TagSet.ANCORA,
              Tokenizer.SPANISH,
              222_411_312L,
              9_443_457L),
          model(
              "italian",
              "it",
              "it",
              "models-italian",
              "italian.tagger",
              TagSet.UD_UPOS,
              Tokenizer.PTB,
              85_951_612L,
              3_013_095L),
          model(
              "hungarian",
              "hu",
              "hu",
              "models-hungarian",
              "hungarian.tagger",
              TagSet.UD_UPOS,
              Tokenizer.PTB,
              104_053_949L,
              545_477L),
          model(
              "arabic",
              "ar",
              "ar",
              "models-arabic",
              "arabic.tagger",
              TagSet.ARABIC_TREEBANK,
              Tokenizer.ARABIC_SEGMENTER,
              171_519_519L,
              2_900_000L),
          model(
              "chinese",
              "zh",
              "zh",
              "models-chinese",
              "chinese-distsim.tagger",
              TagSet.CHINESE_TREEBANK,
              Tokenizer.CHINESE_SEGMENTER,
              1_582_232_901L,
              13_900_000L));

  private static final Map<String, NamedModel> BY_NAME = new LinkedHashMap<>();

  static {
    for (NamedModel m : MODELS) {
      BY_NAME.put(m.name(), m);
      m.codes().forEach(code -> BY_NAME.put(code, m));
    }
  }

  private ModelCatalog() {}

  private static NamedModel model(
      String name,
      String code,
      String language,
      String classifier,
      String file,
      TagSet tagSet,
      Tokenizer tokenizer,
      long jarBytes,
      long taggerBytes) {
    return new NamedModel(
        name,
        code == null ? List.of() : List.of(code),
        language,
        classifier,
        POS_TAGGER_DIR + file,
        tagSet,
        tokenizer,
        jarBytes,
        taggerBytes);
  }

  /** The model with this name or ISO 639-1 code, if there is one. */
  public static Optional<NamedModel> lookup(String nameOrCode) {
    return Optional.ofNullable(nameOrCode == null ? null : BY_NAME.get(nameOrCode));
  }

  /** Every name and code, as users may give them. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * True when {@code spec} is a model's name or code and no file of that name is in the working
   * directory (a file the user has there wins, as it always did).
   */
  public static boolean isName(String spec) {
    return spec != null && BY_NAME.containsKey(spec) && !new File(spec).exists();
  }

  /**
   * {@link #resolve(String, ModelsFolder)} with the {@linkplain ModelsFolder#fromEnvironment
   * default folder}.
   */
  public static String resolve(String spec) {
    return isName(spec) ? resolve(spec, ModelsFolder.fromEnvironment()) : spec;
  }

  /**
   * The location tagpipe reads for a {@code --model} value: for a name, the installed tagger's path
   * (the bundled model for {@code english}); a file or URI unchanged. A name not installed is a
   * {@link ModelNotInstalledException} naming the command that fetches it.
   *
   * <p>It never downloads: a job launch must not start a download of hundreds of MB on a launcher
   * nobody watches, and a run must work the same offline as the last time; fetching is a step of
   * its own ({@code pipelines/models fetch NAME}), done once.
   */
  public static String resolve(String spec, ModelsFolder folder) {
    if (!isName(spec)) {
      return spec;
    }
    NamedModel model = BY_NAME.get(spec);
    if (model.isBundled()) {
      return ModelLocation.BUNDLED_MODEL;
    }
    return folder
        .installed(model)
        .map(installed -> installed.tagger().toString())
        .orElseThrow(() -> new ModelNotInstalledException(model, spec, folder));
  }
}
