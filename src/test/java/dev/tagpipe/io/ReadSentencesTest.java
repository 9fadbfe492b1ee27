package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading real files: compression by extension, globs over several files, ids per file, several
 * readers sharing one file, and the forms that read files given as elements.
 */
@ExtendWith(TestPipelineExtension.class)
class ReadSentencesTest {
  @TempDir Path dir;

  private interface Wrapper {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private Path write(String name, String text, Wrapper wrapper) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = wrapper.wrap(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void compressedFilesAreReadByExtensionThroughOneGlob(TestPipeline pipeline) throws IOException {
    Path gz = write("a.tok.gz", "one two\n\nthree\n", GZIPOutputStream::new);
    Path bz2 = write("b.tok.bz2", "four five six\n", BZip2CompressorOutputStream::new);
    Path zst = write("c.tok.zst", "seven\r\neight nine", ZstdOutputStream::new);
    Path plain = write("d.tok", "ten\n", out -> out);

    PCollectionTuple read =
        pipeline.apply(ReadSentences.from(dir.resolve("*.tok*").toString(), InputFormat.tokens));
    PAssert.that(read.get(ReadSentences.SENTENCES))
        .containsInAnyOrder(
            Sentence.of(gz + ":1", List.of("one", "two")),
            Sentence.of(gz + ":3", List.of("three")),
            Sentence.of(bz2 + ":1", List.of("four", "five", "six")),
            Sentence.of(zst + ":1", List.of("seven")),
            Sentence.of(zst + ":2", List.of("eight", "nine")),
            Sentence.of(plain + ":1", List.of("ten")));
    PAssert.that(read.get(ReadSentences.REJECTED)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aGzipFileWithoutItsExtensionIsOneClearRejectionNotFatal(TestPipeline pipeline)
      throws IOException {
    Path hidden = write("looks-plain.tok", "hello world\n".repeat(50), GZIPOutputStream::new);
    String name = hidden.toString(); // a String: the check below is serialized
    PCollectionTuple read =
        pipeline.apply(ReadSentences.from(hidden.toString(), InputFormat.tokens).withMinShards(3));
    PAssert.that(read.get(ReadSentences.SENTENCES)).empty();
    PAssert.that(read.get(ReadSentences.REJECTED))
        .satisfies(
            rejections -> {
              java.util.List<dev.tagpipe.model.Rejection> all = new java.util.ArrayList<>();
              rejections.forEach(all::add);
              if (all.size() != 1
                  || !all.get(0).id().equals(name)
                  || !all.get(0).reason().contains("does not end in .gz")) {
                throw new AssertionError(
                    "one rejection for the whole file (not one per reader),"
                        + " saying why: "
                        + all);
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void readersSharingAFileReadEverySentenceOnceWithItsLineNumber(TestPipeline pipeline)
      throws IOException {
    StringBuilder text = new StringBuilder();
    List<Sentence> expected = new java.util.ArrayList<>();
    Path file = dir.resolve("many.tok.gz");
    for (int line = 1; line <= 1000; line++) {
      text.append("word").append(line).append(" end\n");
      expected.add(Sentence.of(file + ":" + line, List.of("word" + line, "end")));
    }
    write("many.tok.gz", text.toString(), GZIPOutputStream::new);

    PCollectionTuple read =
        pipeline.apply(ReadSentences.from(file.toString(), InputFormat.tokens).withMinShards(4));
    PAssert.that(read.get(ReadSentences.SENTENCES)).containsInAnyOrder(expected);
    PAssert.that(read.get(ReadSentences.REJECTED)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void filesMatchedWithFileIoAreReadAsThePatternReadsThem(TestPipeline pipeline)
      throws IOException {
    Path gz = write("a.txt.gz", "One two. Three.\n\nFour five.\n", GZIPOutputStream::new);
    Path plain = write("b.txt", "Six.\n" + "x".repeat(100) + "\nSeven.\n", out -> out);
    String binary = "\u0000\u0001\u0002".repeat(400); // one rejection, not one per reader
    write("c.txt", binary, out -> out);
    byte[] binaryBytes = binary.getBytes(StandardCharsets.UTF_8);

    PCollectionTuple read =
        pipeline
            .apply(FileIO.match().filepattern(dir.resolve("*.txt*").toString()))
            .apply(FileIO.readMatches())
            .apply(
                ReadSentences.files(InputFormat.text)
                    .withMaxLineBytes(50)
                    .withShardsPerFile(3)); // each sentence still once
    PAssert.that(read.get(ReadSentences.SENTENCES))
        .containsInAnyOrder(
            Sentence.of(gz + ":1:1", List.of("One", "two", ".")),
            Sentence.of(gz + ":1:2", List.of("Three", ".")),
            Sentence.of(gz + ":3:1", List.of("Four", "five", ".")),
            Sentence.of(plain + ":1:1", List.of("Six", ".")),
            Sentence.of(plain + ":3:1", List.of("Seven", ".")));
    PAssert.that(read.get(ReadSentences.REJECTED))
        .containsInAnyOrder(
            // named as the library's setting (withMaxLineBytes), not as the command line's flag
            new Rejection(
                plain + ":2", "line is 100 bytes long, over the limit of maxLineBytes", ""),
            new Rejection(
                dir.resolve("c.txt").toString(),
                "binary file: " + BinarySniffer.problem(binaryBytes, binaryBytes.length),
                ""));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void filesNamedOneByOneAreReadAndAMissingOneIsOneRejection(TestPipeline pipeline)
      throws IOException {
    Path gz = write("a.tok.gz", "one two\n\nthree\n", GZIPOutputStream::new);
    String gone = dir.resolve("gone.tok").toString();
    PCollectionTuple read =
        pipeline
            .apply(Create.of(gz.toString(), gone))
            .apply(ReadSentences.fileNames(InputFormat.tokens).withResumableReaders(false));
    PAssert.that(read.get(ReadSentences.SENTENCES))
        .containsInAnyOrder(
            Sentence.of(gz + ":1", List.of("one", "two")),
            Sentence.of(gz + ":3", List.of("three")));
    PAssert.that(read.get(ReadSentences.REJECTED))
        .satisfies(
            rejections -> {
              List<Rejection> all = new java.util.ArrayList<>();
              rejections.forEach(all::add);
              if (all.size() != 1
                  || !all.get(0).id().equals(gone)
                  || !all.get(0).reason().contains("disappeared")) {
                throw new AssertionError("one rejection for the missing file: " + all);
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void theFileFormsCheckTheirSettings() {
    assertThrows(IllegalArgumentException.class, () -> ReadSentences.files(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadSentences.files(InputFormat.text).withShardsPerFile(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadSentences.fileNames(InputFormat.text).withShardsPerFile(65));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadSentences.fileNames(InputFormat.text).withMaxSentenceTokens(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadSentences.files(InputFormat.text).withSettingNames(null));
  }

  /** Sizes of the bundles the step after the read was given, recorded by the DoFn below. */
  private static final java.util.Queue<Integer> BUNDLE_SIZES =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private static final class RecordBundleSizes extends DoFn<Sentence, String> {
    private transient int size;

    @StartBundle
    public void start() {
      size = 0;
    }

    @ProcessElement
    public void process(@Element Sentence sentence, OutputReceiver<String> out) {
      size++;
      out.output(sentence.id());
    }

    @FinishBundle
    public void finish() {
      BUNDLE_SIZES.add(size);
    }
  }

  /** Sentences one reader of the whole file finds, outside any pipeline. */
  private static long countSentences(Path file, InputFormat format) throws IOException {
    long[] n = {0};
    try (java.io.InputStream in = Files.newInputStream(file)) {
      SentenceParser.forFormat(format, 1000)
          .parse(
              file.toString(),
              new LineReader(in, 1 << 20),
              new Shard(0, 1, 1),
              new SentenceSink() {
                @Override
                public void sentence(Sentence sentence) {
                  n[0]++;
                }

                @Override
                public void rejected(dev.tagpipe.model.Rejection rejection) {}
              });
    }
    return n[0];
  }

  @Test
  void aHugeParagraphReachesTheNextStepInBundlesNotAllAtTheEnd(TestPipeline pipeline)
      throws IOException {
    // Text without blank lines read by one reader: the DirectRunner holds a call's outputs until
    // it returns, so only checkpoints at the parser's resume points keep its memory bounded.
    Path file = write("prose.txt", dev.tagpipe.TestData.ewtProse(), out -> out);
    long sentences = countSentences(file, InputFormat.text);
    BUNDLE_SIZES.clear();
    PCollectionTuple read =
        pipeline.apply(ReadSentences.from(file.toString(), InputFormat.text).withMinShards(1));
    PCollection<String> ids =
        read.get(ReadSentences.SENTENCES).apply(ParDo.of(new RecordBundleSizes()));
    PAssert.that(ids.apply(Count.globally())).containsInAnyOrder(sentences);
    PAssert.that(ids.apply(Distinct.create()).apply("CountDistinct", Count.globally()))
        .containsInAnyOrder(sentences);
    pipeline.run().waitUntilFinish();

    List<Integer> sizes = new java.util.ArrayList<>(BUNDLE_SIZES);
    sizes.removeIf(size -> size == 0);
    assertEquals(sentences, sizes.stream().mapToLong(Integer::longValue).sum(), "" + sizes);
    assertTrue(sizes.size() >= 3, "several bundles: " + sizes);
    assertTrue(java.util.Collections.max(sizes) < sentences / 2, "small bundles: " + sizes);
  }
}
