package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the input files are dealt out as shards: by the minimum asked, by split size, capped. */
class FileShardSourceTest {
  @TempDir Path dir;
  private final PipelineOptions options = PipelineOptionsFactory.create();

  private static List<FileShard> read(BoundedSource<FileShard> source, PipelineOptions options)
      throws IOException {
    List<FileShard> shards = new ArrayList<>();
    try (BoundedSource.BoundedReader<FileShard> reader = source.createReader(options)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        shards.add(reader.getCurrent());
      }
    }
    return shards;
  }

  @Test
  void eachFileIsSplitIntoItsShardsOnePerSplit() throws IOException {
    Files.write(dir.resolve("a.tok"), new byte[1000]);
    Files.write(dir.resolve("b.tok"), new byte[10]);
    FileShardSource source = new FileShardSource(dir.resolve("*.tok").toString(), 3, true);
    assertEquals(1010, source.getEstimatedSizeBytes(options));

    List<FileShard> shards = new ArrayList<>();
    for (BoundedSource<FileShard> split : source.split(64L << 20, options)) {
      List<FileShard> one = read(split, options);
      assertEquals(1, one.size(), "one shard per split, so splits are dealt one at a time");
      shards.addAll(one);
    }
    assertEquals(6, shards.size());
    for (String file : List.of("a.tok", "b.tok")) {
      List<Integer> indexes = shards.stream()
          .filter(s -> s.file().endsWith(file) && s.count() == 3).map(FileShard::index).toList();
      assertEquals(List.of(0, 1, 2), indexes, file);
    }
  }

  @Test
  void smallerSplitsMeanMoreShardsUpToTheCap() {
    assertEquals(2, FileShardSource.shardsFor(1000, 1000, 2), "the minimum");
    assertEquals(4, FileShardSource.shardsFor(1000, 250, 2), "as many as the split size asks");
    assertEquals(FileShardSource.MAX_SHARDS_PER_FILE, FileShardSource.shardsFor(1 << 30, 1, 2));
    assertEquals(1, FileShardSource.shardsFor(0, 1, 8), "an empty file is one shard");
  }

  @Test
  void unsplitTheSourceReadsEveryFileWhole() throws IOException {
    Files.write(dir.resolve("a.tok"), new byte[5]);
    List<FileShard> shards = read(new FileShardSource(dir.resolve("*.tok").toString(), 4, true),
        options);
    assertEquals(1, shards.size());
    assertEquals(1, shards.get(0).count());
  }

  @Test
  void aPatternWithoutFilesSaysWhichPattern() {
    String pattern = dir.resolve("nothing-*.tok").toString();
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> new FileShardSource(pattern, 1, true).split(1000, options));
    assertEquals("no input file matches " + pattern, e.getMessage());
  }

  @Test
  void withoutEstimatesTheInputIsNotListedWhileTheJobIsBuilt() throws IOException {
    // A pattern nothing matches: listing it would throw, so 0 proves it was not listed.
    String pattern = dir.resolve("nothing-*.tok").toString();
    assertEquals(0, new FileShardSource(pattern, 1, false).getEstimatedSizeBytes(options));
  }
}
