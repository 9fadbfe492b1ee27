package dev.tagpipe.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.tagger.ModelLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
  @TempDir Path dir;

  @Test
  void everyNameAndCodeLooksUpItsModel() {
    assertEquals(
        List.of(
            "english",
            "english-bidirectional",
            "english-caseless",
            "french",
            "german",
            "spanish",
            "italian",
            "hungarian",
            "arabic",
            "chinese"),
        ModelCatalog.MODELS.stream().map(NamedModel::name).collect(Collectors.toList()));
    for (String code : List.of("en", "fr", "de", "es", "it", "hu", "ar", "zh")) {
      NamedModel m = ModelCatalog.lookup(code).orElseThrow();
      assertEquals(code, m.language());
      assertEquals(List.of(code), m.codes());
    }
    assertSame(
        ModelCatalog.lookup("german").orElseThrow(), ModelCatalog.lookup("de").orElseThrow());
    assertEquals("english", ModelCatalog.lookup("en").orElseThrow().name());
    assertTrue(ModelCatalog.lookup("klingon").isEmpty());
    assertTrue(ModelCatalog.lookup(null).isEmpty());
  }

  @Test
  void entriesSayWhereEachTaggerShipsAndWhatItNeeds() {
    NamedModel french = ModelCatalog.lookup("french").orElseThrow();
    assertEquals("edu.stanford.nlp:stanford-corenlp:4.5.10:models-french", french.coordinates());
    assertEquals("stanford-corenlp-4.5.10-models-french.jar", french.jarFileName());
    assertEquals("edu/stanford/nlp/models/pos-tagger/french-ud.tagger", french.entry());
    assertEquals(NamedModel.TagSet.UD_UPOS, french.tagSet());
    assertEquals(NamedModel.TagSet.ANCORA, ModelCatalog.lookup("es").orElseThrow().tagSet());
    assertFalse(ModelCatalog.lookup("zh").orElseThrow().tokenizer().supportsRawText());
    assertFalse(ModelCatalog.lookup("ar").orElseThrow().tokenizer().supportsRawText());
    assertTrue(ModelCatalog.lookup("en").orElseThrow().isBundled());
    Set<String> bundled =
        ModelCatalog.MODELS.stream()
            .filter(NamedModel::isBundled)
            .map(NamedModel::name)
            .collect(Collectors.toSet());
    assertEquals(Set.of("english"), bundled);
  }

  @Test
  void englishResolvesToTheBundledModelAndFilesStayAsGiven() {
    ModelsFolder empty = ModelsFolder.at(dir);
    assertEquals(ModelLocation.BUNDLED_MODEL, ModelCatalog.resolve("english", empty));
    assertEquals(ModelLocation.BUNDLED_MODEL, ModelCatalog.resolve("en", empty));
    assertEquals("models/my.tagger", ModelCatalog.resolve("models/my.tagger", empty));
    assertEquals("gs://b/french", ModelCatalog.resolve("gs://b/french", empty));
    assertEquals(ModelLocation.BUNDLED_MODEL, ModelCatalog.resolve(ModelLocation.BUNDLED_MODEL));
  }

  @Test
  void aNameNotInstalledSaysTheOneCommandThatFetchesIt() {
    ModelsFolder empty = ModelsFolder.at(dir.resolve("models"));
    ModelNotInstalledException e =
        assertThrows(ModelNotInstalledException.class, () -> ModelCatalog.resolve("fr", empty));
    assertEquals(
        "model 'fr' is not installed in "
            + dir.resolve("models")
            + "; fetch it once with: pipelines/models fetch french --modelsDir="
            + dir.resolve("models"),
        e.getMessage());
  }

  @Test
  void theEnvironmentsFolderIsNamedWithoutTheFlag() {
    String before = System.getProperty(ModelsFolder.PROPERTY);
    System.setProperty(ModelsFolder.PROPERTY, dir.toString());
    try {
      ModelNotInstalledException e =
          assertThrows(ModelNotInstalledException.class, () -> ModelCatalog.resolve("german"));
      assertEquals(
          "model 'german' is not installed in "
              + dir
              + "; fetch it once with: pipelines/models fetch german",
          e.getMessage());
    } finally {
      restore(before);
    }
  }

  @Test
  void anInstalledNameResolvesToItsFile() throws Exception {
    Path folder = dir.resolve("models");
    ModelsFolder.Installed installed = TestModelJars.installFrench(folder, dir.resolve("repo"));
    assertEquals(
        folder.resolve("french/french-ud.tagger").toString(),
        ModelCatalog.resolve("french", ModelsFolder.at(folder)));
    assertEquals(
        installed.tagger().toString(), ModelCatalog.resolve("fr", ModelsFolder.at(folder)));
  }

  @Test
  void aFileOfTheSameNameInTheWorkingDirectoryWins() throws Exception {
    Path file = Path.of("hungarian").toAbsolutePath();
    assertFalse(Files.exists(file), "a file named hungarian in " + file.getParent());
    Files.write(file, new byte[] {1});
    try {
      assertFalse(ModelCatalog.isName("hungarian"));
      assertEquals("hungarian", ModelCatalog.resolve("hungarian", ModelsFolder.at(dir)));
    } finally {
      Files.delete(file);
    }
    assertTrue(ModelCatalog.isName("hungarian"));
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(ModelsFolder.PROPERTY);
    } else {
      System.setProperty(ModelsFolder.PROPERTY, before);
    }
  }
}
