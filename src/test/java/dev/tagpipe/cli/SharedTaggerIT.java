package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import dev.tagpipe.tagger.TaggerCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the DirectRunner every worker thread of the JVM shares the tagger the launcher loaded. */
class SharedTaggerIT {
  @TempDir Path dir;

  /** The model gzipped: the same tagger, but bytes (a cache key) no other test has used. */
  private static byte[] gzipped(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out) {
          {
            def.setLevel(2);
          }
        }) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void severalDirectRunnerWorkersShareOneDeserializedTagger() throws IOException {
    // A model key this JVM has not seen, so the count is this run's alone.
    Path model = dir.resolve("english.tagger.gz");
    Files.write(model, gzipped(TestData.modelBytes()));
    Path input = dir.resolve("in.tok");
    List<String> lines = new ArrayList<>();
    for (List<String> s : TestData.conlluSentences(TestData.EWT_DEV).values()) {
      lines.add(String.join(" ", s));
    }
    Files.write(input, lines);
    long before = TaggerCache.shared().loads();
    Path prefix = dir.resolve("tagged");
    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + input,
            "--model=" + model,
            "--output=" + prefix,
            "--targetParallelism=4",
            "--readShards=8");
    assertEquals(0, r.code, r.err);
    JsonNode s = CliRun.summary(prefix);
    assertEquals(lines.size(), s.get("tagged").asLong());
    assertEquals(1, s.get("taggerLoads").asLong(), "Beam metric: one deserialization");
    assertEquals(1, TaggerCache.shared().loads() - before, "JVM count: one deserialization");
  }
}
