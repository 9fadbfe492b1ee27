package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.TestData;
import dev.tagpipe.io.OutputFormat;
import dev.tagpipe.tagger.ModelBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole job through its real entry point on the DirectRunner, on every sentence of the EWT dev
 * set: the tags written equal single-thread MaxentTagger.tagSentence on the same tokens, for each
 * input and output format, and ids lead back to the input.
 */
class TagPipelineEndToEndIT {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = OutputFormat.class,
      names = {"documents"},
      mode = EnumSource.Mode.EXCLUDE) // documents need JSON Lines input: DocumentsIT
  void conlluInputMatchesReferenceTagger(OutputFormat format) throws IOException {
    Path prefix = dir.resolve("out/tagged");
    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + TestData.EWT_DEV,
            "--inputFormat=conllu",
            "--output=" + prefix,
            "--outputFormat=" + format);
    assertEquals(0, r.code, r.err);

    Map<String, List<String>> expected = TestData.conlluSentences(TestData.EWT_DEV);
    TaggedOutput got = TaggedOutput.read(prefix.getParent(), "tagged", format);
    assertEquals(expected.size(), got.records, "one record per input sentence");
    assertEquals(expected.keySet(), got.tokens.keySet(), "ids are the # sent_id values");
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      assertEquals(e.getValue(), got.tokens.get(e.getKey()), e.getKey());
      assertEquals(TestData.referenceTags(e.getValue()), got.tags.get(e.getKey()), e.getKey());
    }
    if (format == OutputFormat.conllu) {
      assertCoNLLUColumnsKept(got);
    }
    String sha = ModelBytes.sha256(TestData.modelBytes());
    assertEquals(
        Set.of(sha.substring(0, 12)),
        Set.copyOf(got.models.values()),
        "every record names the model that tagged it");
    JsonNode s = CliRun.summary(prefix);
    assertEquals(expected.size(), s.get("models").get(sha).asLong(), s.toString());
    assertEquals(1, s.get("models").size(), s.toString());
    assertEquals(expected.size(), s.get("read").asLong());
    assertEquals(expected.size(), s.get("tagged").asLong());
    assertEquals(0, s.get("rejected").asLong());
    assertEquals(expected.values().stream().mapToInt(List::size).sum(), s.get("tokens").asLong());
  }

  /** Every input line is written back, with only XPOS of word lines changed. */
  private static void assertCoNLLUColumnsKept(TaggedOutput got) throws IOException {
    Map<String, List<String>> inputBlocks = new LinkedHashMap<>();
    String id = null;
    List<String> block = new ArrayList<>();
    for (String line : Files.readAllLines(TestData.EWT_DEV)) {
      if (line.isEmpty()) {
        inputBlocks.put(id, block);
        block = new ArrayList<>();
        continue;
      }
      if (line.startsWith("# sent_id = ")) {
        id = line.substring(12);
      }
      block.add(line);
    }
    for (Map.Entry<String, List<String>> e : inputBlocks.entrySet()) {
      List<String> in = e.getValue();
      List<String> out = got.blocks.get(e.getKey());
      assertEquals(in.size(), out.size(), e.getKey());
      for (int i = 0; i < in.size(); i++) {
        String[] a = in.get(i).split("\t", -1);
        String[] b = out.get(i).split("\t", -1);
        assertEquals(a.length, b.length);
        for (int c = 0; c < a.length; c++) {
          if (c != 4 || !a[0].matches("\\d+")) {
            assertEquals(a[c], b[c], e.getKey() + " line " + i + " column " + (c + 1));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = OutputFormat.class,
      names = {"text", "conllu"})
  void tokenLinesMatchReferenceTagger(OutputFormat format) throws IOException {
    List<List<String>> sentences =
        new ArrayList<>(TestData.conlluSentences(TestData.EWT_DEV).values());
    Path input = dir.resolve("ewt dev.tok"); // a space in the name, on purpose
    List<String> lines = new ArrayList<>();
    for (List<String> s : sentences) {
      lines.add(String.join(" ", s));
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path prefix = dir.resolve("tagged");
    CliRun.RunResult r =
        CliRun.runJob(
            "--input=" + input,
            "--inputFormat=tokens",
            "--output=" + prefix,
            "--outputFormat=" + format,
            "--numShards=3");
    assertEquals(0, r.code, r.err);

    TaggedOutput got = TaggedOutput.read(dir, "tagged", format);
    assertEquals(sentences.size(), got.records);
    try (var shards = Files.list(dir)) {
      assertEquals(
          3,
          shards.filter(p -> p.toString().endsWith(format.suffix())).count(),
          "--numShards=3 gives three files");
    }
    for (int i = 0; i < sentences.size(); i++) {
      String id = input + ":" + (i + 1); // 1-based line number of the input file
      assertEquals(sentences.get(i), got.tokens.get(id), id);
      assertEquals(TestData.referenceTags(sentences.get(i)), got.tags.get(id), id);
    }
  }

  @org.junit.jupiter.api.Test
  void rawTextIsTokenizedSplitAndTaggedLikeTheReference() throws IOException {
    Path input = dir.resolve("doc.txt");
    Files.writeString(
        input,
        "The quick brown fox jumped over the lazy dog. It didn't stop there!\n"
            + "Dr. Smith arrived at 5 p.m. on Friday.\n"
            + "\n"
            + "A second paragraph,\nspanning two lines.\n",
        StandardCharsets.UTF_8);
    Path prefix = dir.resolve("tagged");
    CliRun.RunResult r =
        CliRun.runJob("--input=" + input, "--inputFormat=text", "--output=" + prefix);
    assertEquals(0, r.code, r.err);
    TaggedOutput got = TaggedOutput.read(dir, "tagged", OutputFormat.jsonl);
    assertEquals(
        List.of(input + ":1:1", input + ":1:2", input + ":2:1", input + ":4:1"),
        got.tokens.keySet().stream().sorted().toList());
    assertEquals(List.of("It", "did", "n't", "stop", "there", "!"), got.tokens.get(input + ":1:2"));
    assertEquals(
        List.of("A", "second", "paragraph", ",", "spanning", "two", "lines", "."),
        got.tokens.get(input + ":4:1"));
    for (String id : got.tokens.keySet()) {
      assertEquals(TestData.referenceTags(got.tokens.get(id)), got.tags.get(id), id);
    }
  }
}
