package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.models.ModelsFolder;
import dev.tagpipe.models.TestModelJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model=NAME} through the real launcher, with a models folder of its own (the {@value
 * ModelsFolder#PROPERTY} property, as TAGPIPE_MODELS): french installed from a real jar holding
 * CoreNLP's french-ud.tagger, german not.
 */
class NamedModelLaunchTest {
  @TempDir Path dir;
  Path models;
  String before;
  String sha256;

  @BeforeEach
  void install() throws Exception {
    models = dir.resolve("models");
    sha256 = TestModelJars.installFrench(models, dir.resolve("repo")).sha256();
    before = System.getProperty(ModelsFolder.PROPERTY);
    System.setProperty(ModelsFolder.PROPERTY, models.toString());
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(ModelsFolder.PROPERTY);
    } else {
      System.setProperty(ModelsFolder.PROPERTY, before);
    }
  }

  @Test
  void tagsFrenchTextWithTheInstalledFrenchModel() throws Exception {
    Path input = dir.resolve("fr.txt");
    Files.writeString(
        input, "Le chat dort sur le canapé .\n\nNous avons mangé des pommes hier soir à Paris .\n");
    Path output = dir.resolve("out/tagged");
    CliRun.RunResult r =
        CliRun.runJob(
            "--model=french", "--input=" + input, "--inputFormat=text", "--output=" + output);
    assertEquals(0, r.code, r.err);
    assertTrue(
        r.out.contains("with french (" + models.resolve("french/french-ud.tagger") + ")"), r.out);
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(output.getParent())) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("tagged-\\d.*\\.jsonl")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          records.add(new ObjectMapper().readTree(line));
        }
      }
    }
    assertEquals(2, records.size());
    for (JsonNode record : records) {
      assertEquals(sha256.substring(0, 12), record.get("model").asText());
      if (record.get("tokens").get(0).asText().equals("Le")) {
        // UD UPOS, as french-ud.tagger tags: not the Penn Treebank's DT and NN
        assertEquals("DET", record.get("tags").get(0).asText());
        assertEquals("NOUN", record.get("tags").get(1).asText());
      }
    }
  }

  @Test
  void aNameNotInstalledIsOneLineBeforeAnythingIsRead() throws Exception {
    Path input = dir.resolve("in.txt");
    Files.writeString(input, "Hallo Welt .\n");
    CliRun.RunResult r =
        CliRun.runJob(
            "--model=de",
            "--input=" + input,
            "--inputFormat=text",
            "--output=" + dir.resolve("o/t"));
    assertEquals(2, r.code);
    assertEquals(
        "tagpipe: error: model 'de' is not installed in "
            + models
            + "; fetch it once with: pipelines/models fetch german",
        r.err.lines().findFirst().orElse(""));
    assertFalse(Files.exists(dir.resolve("o/t-summary.json")));
  }

  @Test
  void aDataflowDryRunStagesTheInstalledModelUnderTheStagingLocation() throws Exception {
    Path jobFile = dir.resolve("job.json");
    Path stagedJar = dir.resolve("tagpipe.jar");
    Files.write(stagedJar, new byte[] {'P', 'K', 5, 6});
    CliRun.RunResult r =
        CliRun.runJob(
            "--runner=DataflowRunner",
            "--dryRun=true",
            "--dataflowJobFile=" + jobFile,
            "--project=demo",
            "--region=europe-west1",
            "--tempLocation=gs://demo/tmp",
            "--input=gs://demo/in/*.txt",
            "--inputFormat=tokens",
            "--output=gs://demo/out/tagged",
            "--filesToStage=" + stagedJar,
            "--model=fr");
    assertEquals(0, r.code, r.err);
    String staged = "gs://demo/tmp/staging/models/" + sha256 + "/french-ud.tagger";
    assertTrue(
        r.out.contains(
            "the model "
                + models.resolve("french/french-ud.tagger")
                + " would be staged to "
                + staged
                + " (not uploaded)"),
        r.out);
    String job = Files.readString(jobFile);
    assertTrue(job.contains(staged), "the job reads the staged model");
    assertFalse(job.contains(models.toString()), "the job names no path of this machine");
  }
}
