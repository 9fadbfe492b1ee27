package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.TaggedSentence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The writers on their own: real files with the names, shards and lines README promises. */
@ExtendWith(TestPipelineExtension.class)
class WriteTaggedTest {
  @TempDir Path dir;

  private static final String MODEL = "0123456789ab" + "c".repeat(52);
  private static final TaggedSentence CAT =
      new TaggedSentence(
          Sentence.of("in.tok:1", List.of("The", "cat")), List.of("DT", "NN"), MODEL);
  private static final TaggedSentence DOG =
      new TaggedSentence(Sentence.of("in.tok:2", List.of("Dogs")), List.of("NNS"), MODEL);

  private List<Path> files(String glob) throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.filter(dir.getFileSystem().getPathMatcher("glob:" + dir + "/" + glob)::matches)
          .sorted()
          .toList();
    }
  }

  private List<String> lines(List<Path> files) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path f : files) {
      lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** The names of the files a write reports it wrote. */
  private static PCollection<String> written(WriteFilesResult<Void> result) {
    return result.getPerDestinationOutputFilenames().apply(Values.create());
  }

  @Test
  void writesTheChosenFormatInTheAskedShards(TestPipeline pipeline) throws IOException {
    WriteFilesResult<Void> result =
        pipeline
            .apply(Create.of(CAT, DOG).withCoder(Coders.TaggedSentenceCoder.of()))
            .apply(
                WriteTagged.to(dir.resolve("tagged").toString())
                    .withFormat(OutputFormat.text)
                    .withNumShards(2));
    PAssert.that(written(result))
        .containsInAnyOrder(
            dir.resolve("tagged-00000-of-00002.txt").toString(),
            dir.resolve("tagged-00001-of-00002.txt").toString());
    pipeline.run().waitUntilFinish();
    List<Path> shards = files("tagged-*-of-00002.txt");
    assertEquals(2, shards.size(), shards.toString());
    List<String> lines = lines(shards);
    lines.sort(null);
    assertEquals(
        List.of("in.tok:1\tThe/DT cat/NN\t0123456789ab", "in.tok:2\tDogs/NNS\t0123456789ab"),
        lines);
  }

  @Test
  void rejectionsGoToOneJsonLinesFile(TestPipeline pipeline) throws IOException {
    WriteFilesResult<Void> result =
        pipeline
            .apply(
                Create.of(new Rejection("in.tok:9", "no tokens", ""))
                    .withCoder(Coders.RejectionCoder.of()))
            .apply(WriteRejections.to(dir.resolve("tagged-rejected").toString()));
    PAssert.that(written(result))
        .containsInAnyOrder(dir.resolve("tagged-rejected-00000-of-00001.jsonl").toString());
    pipeline.run().waitUntilFinish();
    List<Path> written = files("tagged-rejected-00000-of-00001.jsonl");
    assertEquals(1, written.size());
    assertEquals(
        List.of("{\"id\":\"in.tok:9\",\"reason\":\"no tokens\",\"input\":\"\"}"), lines(written));
  }

  @Test
  void argumentsAreCheckedAndDescribed() {
    assertThrows(IllegalArgumentException.class, () -> WriteTagged.to(""));
    assertThrows(IllegalArgumentException.class, () -> WriteTagged.to("x").withFormat(null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WriteTagged.to("x").withNumShards(-1));
    assertTrue(e.getMessage().contains("numShards"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WriteRejections.to(null));
    assertThrows(IllegalArgumentException.class, () -> ReadSentences.from("", InputFormat.text));
    assertThrows(IllegalArgumentException.class, () -> ReadSentences.from("x", null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadSentences.from("x", InputFormat.text).withMaxLineBytes(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadSentences.from("x", InputFormat.text).withMinShards(-1));

    DisplayData write =
        DisplayData.from(WriteTagged.to("out/t").withFormat(OutputFormat.conllu).withNumShards(3));
    assertEquals("out/t", item(write, "prefix"));
    assertEquals("conllu", item(write, "format"));
    assertEquals("3", item(write, "numShards"));
    DisplayData read =
        DisplayData.from(ReadSentences.from("in/*.txt", InputFormat.text).withMaxLineBytes(100));
    assertEquals("in/*.txt", item(read, "filePattern"));
    assertEquals("text", item(read, "format"));
    assertEquals("100", item(read, "maxLineBytes"));
  }

  /** The value of the display data item {@code key}, as a string; fails if there is none. */
  private static String item(DisplayData data, String key) {
    return data.items().stream()
        .filter(i -> i.getKey().equals(key))
        .map(i -> String.valueOf(i.getValue()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no display data item " + key + " in " + data));
  }
}
