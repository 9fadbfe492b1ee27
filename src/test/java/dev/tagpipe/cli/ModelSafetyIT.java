package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.tagger.ModelBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model pinned by its SHA-256, through the whole command line: refused, then run with it. */
class ModelSafetyIT {
  @TempDir Path dir;

  @Test
  void aPinnedModelIsAcceptedOnlyWithItsDigest() throws IOException {
    Path input = dir.resolve("in.tok");
    Files.writeString(input, "Hello world .\n");
    Path model = dir.resolve("english.tagger");
    Files.write(model, TestData.modelBytes());
    String right = ModelBytes.sha256(TestData.modelBytes());
    String wrong = "0".repeat(64);

    CliRun.RunResult refused =
        CliRun.runJob(
            "--input=" + input,
            "--model=" + model,
            "--modelSha256=" + wrong,
            "--output=" + dir.resolve("refused/tagged"));
    assertEquals(2, refused.code, refused.err);
    assertTrue(
        refused.err.contains(model.toString())
            && refused.err.contains(right)
            && refused.err.contains(wrong),
        refused.err);

    CliRun.RunResult accepted =
        CliRun.runJob(
            "--input=" + input,
            "--model=" + model,
            "--modelSha256=" + right.toUpperCase(),
            "--output=" + dir.resolve("accepted/tagged"));
    assertEquals(0, accepted.code, accepted.err);
  }
}
