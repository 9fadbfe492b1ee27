package dev.tagpipe.io;

import com.github.luben.zstd.ZstdOutputStream;
import dev.tagpipe.model.Sentence;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading real files: compression by extension, globs over several files, ids per file, and
 * several readers sharing one file.
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

    PCollectionTuple read = pipeline.apply(
        ReadSentences.from(dir.resolve("*.tok*").toString(), InputFormat.tokens));
    PAssert.that(read.get(ReadSentences.SENTENCES)).containsInAnyOrder(
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
    PCollectionTuple read = pipeline.apply(
        ReadSentences.from(hidden.toString(), InputFormat.tokens).withMinShards(3));
    PAssert.that(read.get(ReadSentences.SENTENCES)).empty();
    PAssert.that(read.get(ReadSentences.REJECTED)).satisfies(rejections -> {
      java.util.List<dev.tagpipe.model.Rejection> all = new java.util.ArrayList<>();
      rejections.forEach(all::add);
      if (all.size() != 1 || !all.get(0).id().equals(name)
          || !all.get(0).reason().contains("does not end in .gz")) {
        throw new AssertionError("one rejection for the whole file (not one per reader),"
            + " saying why: " + all);
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

    PCollectionTuple read = pipeline.apply(
        ReadSentences.from(file.toString(), InputFormat.tokens).withMinShards(4));
    PAssert.that(read.get(ReadSentences.SENTENCES)).containsInAnyOrder(expected);
    PAssert.that(read.get(ReadSentences.REJECTED)).empty();
    pipeline.run().waitUntilFinish();
  }
}
