package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.cli.CliRun.RunResult;
import dev.tagpipe.io.OutputFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that are streams (standard input, a FIFO), models that are not model files, a read that
 * fails part-way and an output that the input would read: each gets a clear answer, and a stream is
 * tagged exactly as the same bytes in a file.
 */
class StreamedInputIT {
  @TempDir Path dir;

  private static final int SENTENCES = 300; // EWT dev's first blocks: enough to share, quick

  /** The input as a file, in {@code format}. */
  private Path inputFile(String format) throws IOException {
    String conllu = TestData.ewtBlocks(0, SENTENCES);
    Path file = dir.resolve("in." + format);
    switch (format) {
      case "conllu" -> Files.writeString(file, conllu);
      case "tokens" ->
          Files.write(
              file,
              TestData.conlluSentences(writeTemp(conllu)).values().stream()
                  .map(s -> String.join(" ", s))
                  .toList());
      case "text" -> Files.writeString(file, TestData.ewtParagraphs().substring(0, 20_000));
      default -> throw new IllegalArgumentException(format);
    }
    return file;
  }

  private Path writeTemp(String conllu) throws IOException {
    Path p = dir.resolve("blocks.conllu");
    Files.writeString(p, conllu);
    return p;
  }

  /** Tokens and tags of each sentence, by its id with the input's name taken out. */
  private static Map<String, List<String>> tagged(Path prefix, String inputName)
      throws IOException {
    TaggedOutput out =
        TaggedOutput.read(prefix.getParent(), prefix.getFileName().toString(), OutputFormat.jsonl);
    Map<String, List<String>> byId = new LinkedHashMap<>();
    out.tokens.forEach(
        (id, tokens) ->
            byId.put(
                id.replace(inputName, "INPUT"),
                List.of(String.join(" ", tokens), String.join(" ", out.tags.get(id)))));
    return byId;
  }

  private RunResult runWithStdin(byte[] stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin));
    try {
      return CliRun.runJob(args);
    } finally {
      System.setIn(saved);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tokens", "text", "conllu"})
  void standardInputIsTaggedExactlyAsTheSameFile(String format) throws IOException {
    Path file = inputFile(format);
    Path fromFile = dir.resolve("file/tagged");
    RunResult r =
        CliRun.runJob("--input=" + file, "--inputFormat=" + format, "--output=" + fromFile);
    assertEquals(0, r.code, r.err);
    Path fromStdin = dir.resolve("stdin/tagged");
    RunResult s =
        runWithStdin(
            Files.readAllBytes(file),
            "--input=-",
            "--inputFormat=" + format,
            "--output=" + fromStdin,
            "--readShards=3");
    assertEquals(0, s.code, s.err);
    assertTrue(s.out.contains("reading standard input to its end"), s.out);
    Map<String, List<String>> expected = tagged(fromFile, file.toUri().getPath());
    assertTrue(expected.size() >= 100, "a real input: " + expected.size());
    assertEquals(expected, tagged(fromStdin, "stdin"));
    if (!format.equals("conllu")) { // CoNLL-U ids are the sent_ids
      assertTrue(tagged(fromStdin, "x").keySet().iterator().next().startsWith("stdin:"));
    }
  }

  @Test
  void aGzippedStreamIsDecompressed() throws IOException {
    Path file = inputFile("tokens");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      o.write(Files.readAllBytes(file));
    }
    Path out = dir.resolve("gz/tagged");
    RunResult r = runWithStdin(gz.toByteArray(), "--input=-", "--output=" + out);
    assertEquals(0, r.code, r.err);
    assertEquals(SENTENCES, CliRun.summary(out).get("tagged").asLong());
  }

  @Test
  void aFifoIsReadOnceToItsEnd() throws Exception {
    Path file = inputFile("tokens");
    Path fifo = dir.resolve("sentences.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(Files.readAllBytes(file));
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    writer.start();
    Path out = dir.resolve("fifo/tagged");
    RunResult r = CliRun.runJob("--input=" + fifo, "--output=" + out);
    writer.join();
    assertEquals(0, r.code, r.err);
    Path fromFile = dir.resolve("file/tagged");
    assertEquals(0, CliRun.runJob("--input=" + file, "--output=" + fromFile).code);
    assertEquals(tagged(fromFile, file.toUri().getPath()), tagged(out, fifo.toString()));
  }

  @Test
  void aDeviceOrAStreamTheJobWouldOutliveIsRefused() {
    RunResult zero = CliRun.runJob("--input=/dev/zero", "--output=" + dir.resolve("z/t"));
    assertEquals(2, zero.code, zero.err);
    assertTrue(zero.err.contains("/dev/zero is a terminal or a device"), zero.err);
    RunResult detached =
        CliRun.runJob("--input=-", "--waitUntilFinish=false", "--output=" + dir.resolve("d/t"));
    assertEquals(2, detached.code, detached.err);
    assertTrue(detached.err.contains("--waitUntilFinish=false ends it"), detached.err);
  }

  @Test
  void aStreamCannotBeWatched() {
    RunResult r =
        CliRun.runJob("--input=-", "--watchInput=1s", "--output=" + dir.resolve("w/tagged"));
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.contains("--watchInput watches the files"), r.err);
  }

  @Test
  void aReadThatFailsFailsTheRunNamingTheFile() {
    // Reading /proc/self/mem from its start is an I/O error (EIO): a file whose read fails.
    long start = System.nanoTime();
    RunResult r = CliRun.runJob("--input=/proc/self/mem", "--output=" + dir.resolve("eio/tagged"));
    assertEquals(1, r.code, r.err);
    assertTrue(r.err.contains("could not read the input file /proc/self/mem"), r.err);
    assertTrue(r.err.contains("Input/output error"), r.err);
    assertFalse(Files.exists(dir.resolve("eio/tagged-summary.json")));
    assertTrue((System.nanoTime() - start) / 1e9 < 60);
  }

  private RunResult refusedModel(String model) {
    long start = System.nanoTime();
    RunResult r =
        CliRun.runJob(
            "--input=" + dir.resolve("none.tok"),
            "--model=" + model,
            "--output=" + dir.resolve("m/tagged"));
    assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused at once");
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.contains("refused model " + model), r.err);
    return r;
  }

  @Test
  void modelsThatAreNotModelFilesAreRefusedBeforeTheyAreRead() throws Exception {
    Files.writeString(dir.resolve("none.tok"), "Hello world .\n");
    assertTrue(refusedModel("/dev/zero").err.contains("not a regular file"));
    Path fifo = dir.resolve("model.fifo"); // no writer: opening it would wait for ever
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertTrue(refusedModel(fifo.toString()).err.contains("not a regular file"));
    assertTrue(refusedModel(dir.toString()).err.contains("is a directory"));
    Path huge = dir.resolve("huge.tagger"); // sparse: no disk used
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(300L << 20);
    }
    assertTrue(refusedModel(huge.toString()).err.contains("larger than any tagger model"));
  }

  @Test
  void anOutputThatTheInputWouldReadIsRefused() throws IOException {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Files.writeString(inbox.resolve("a.tok"), "Hello world .\n");
    for (String watch : new String[] {null, "--watchInput=1s"}) {
      RunResult r =
          watch == null
              ? CliRun.runJob("--input=" + inbox + "/*", "--output=" + inbox.resolve("tagged"))
              : CliRun.runJob(
                  "--input=" + inbox + "/*", watch, "--output=" + inbox.resolve("tagged"));
      assertEquals(2, r.code, r.err);
      assertTrue(
          r.err.contains(
              "--output="
                  + inbox.resolve("tagged")
                  + " writes files that"
                  + " --input="
                  + inbox
                  + "/* matches"),
          r.err);
    }
    // A narrower glob, or an output elsewhere, is fine.
    RunResult ok =
        CliRun.runJob("--input=" + inbox + "/*.tok", "--output=" + inbox.resolve("tagged"));
    assertEquals(0, ok.code, ok.err);
  }
}
