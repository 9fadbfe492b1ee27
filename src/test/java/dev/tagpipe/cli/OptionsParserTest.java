package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.io.InputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The option mistakes a new user met, each one line that names the option, what was given and what
 * is allowed, with exit code 2 before any data is read.
 */
class OptionsParserTest {
  @TempDir Path dir;

  @AfterEach
  void noSample() {
    System.clearProperty(OptionsParser.SAMPLE_PROPERTY);
  }

  private static String userError(String... args) {
    CliRun.RunResult r = CliRun.runJob(args);
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.startsWith("tagpipe: error: "), r.err);
    assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), r.err);
    return r.err.lines().findFirst().orElseThrow();
  }

  @Test
  void anUnknownTaggerListsTheTwo() {
    assertEquals(
        "tagpipe: error: --tagger=fast is not allowed; use one of: kernel, corenlp",
        userError("--input=x.txt", "--tagger=fast"));
  }

  @Test
  void anUnknownFormatListsTheAllowedOnes() {
    String err = userError("--input=x.txt", "--inputFormat=xml");
    assertEquals(
        "tagpipe: error: --inputFormat=xml is not allowed; use one of: tokens, text,"
            + " conllu, jsonl",
        err);
    assertFalse(err.contains("Jackson") || err.contains("deserialize"), err);
    err = userError("--input=x.txt", "--outputFormat=csv");
    assertTrue(err.contains("--outputFormat=csv") && err.contains("jsonl, text, conllu"), err);
  }

  @Test
  void aFormatWithoutInputIsExplainedNotCollidedWithTheSampleDefault() throws IOException {
    Path sample = dir.resolve("sample.conllu");
    Files.writeString(sample, "1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n");
    System.setProperty(OptionsParser.SAMPLE_PROPERTY, sample.toString());
    String err = userError("--inputFormat=tokens", "--output=" + dir.resolve("out/t"));
    assertTrue(
        err.contains("--inputFormat=tokens")
            && err.contains("--input=FILE")
            && err.contains("CoNLL-U"),
        err);
    assertFalse(err.contains("expected one element"), err);

    OptionsParser.Parsed parsed = OptionsParser.parse(new String[] {"--inputFormat=conllu"});
    assertEquals(sample.toString(), parsed.options().getInput());
    assertEquals(InputFormat.conllu, parsed.options().getInputFormat());
    parsed = OptionsParser.parse(new String[] {});
    assertEquals(InputFormat.conllu, parsed.options().getInputFormat(), "the sample's format");

    // A topic is an input: the sample does not stand in for it (pipelines/tag sets the sample).
    parsed =
        OptionsParser.parse(
            new String[] {"--inputTopic=lines", "--inputFormat=tokens", "--outputTopic=tagged"});
    assertEquals(null, parsed.options().getInput());
    assertEquals(InputFormat.tokens, parsed.options().getInputFormat());

    // Each --kafkaProperty as given, commas and all (Beam would split a list option's value).
    parsed =
        OptionsParser.parse(
            new String[] {
              "--inputTopic=lines",
              "--kafkaProperty=ssl.enabled.protocols=TLSv1.2,TLSv1.3",
              "--kafkaProperty=security.protocol=SSL"
            });
    assertEquals(
        java.util.List.of("ssl.enabled.protocols=TLSv1.2,TLSv1.3", "security.protocol=SSL"),
        parsed.options().getKafkaProperty());
  }

  @Test
  void anOptionGivenTwiceIsNamed() {
    String err = userError("--input=a.txt", "--inputFormat=text", "--inputFormat=tokens");
    assertEquals(
        "tagpipe: error: --inputFormat was given 2 times (text, tokens); give it once", err);
  }

  @Test
  void aDirectoryAsInputSuggestsAGlob() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("corpus"));
    Files.writeString(folder.resolve("a.tok"), "Hello .\n");
    String err = userError("--input=" + folder, "--output=" + dir.resolve("out/t"));
    assertTrue(
        err.contains("--input=" + folder + " is a directory")
            && err.contains("--input=" + folder + "/*"),
        err);
  }

  @Test
  void theGivenOptionsAreKnownByName() {
    OptionsParser.Parsed parsed =
        OptionsParser.parse(new String[] {"--input=a", "--fasterCopy=false"});
    assertTrue(parsed.isGiven("fasterCopy"));
    assertFalse(parsed.isGiven("output"), "a default is not given");
    assertThrows(
        UserError.class,
        () -> OptionsParser.parse(new String[] {"--input=a", "--outputFormat=xml"}));
  }
}
