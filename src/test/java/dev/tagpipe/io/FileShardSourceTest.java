package dev.tagpipe.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.cli.RunnerPolicy;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the input files are dealt out as shards: the minimum asked dealt over the files by size, more
 * for smaller splits, capped per file.
 */
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
    FileShardSource source = new FileShardSource(dir.resolve("*.tok").toString(), 3);
    assertEquals(1010, source.getEstimatedSizeBytes(options));

    List<FileShard> shards = new ArrayList<>();
    for (BoundedSource<FileShard> split : source.split(64L << 20, options)) {
      List<FileShard> one = read(split, options);
      assertEquals(1, one.size(), "one shard per split, so splits are dealt one at a time");
      shards.addAll(one);
    }
    assertEquals(4, shards.size(), "three shards dealt by size, and one for the small file");
    assertEquals(
        List.of(0, 1, 2),
        shards.stream()
            .filter(s -> s.file().endsWith("a.tok") && s.count() == 3)
            .map(FileShard::index)
            .toList());
    assertEquals(
        List.of(0),
        shards.stream()
            .filter(s -> s.file().endsWith("b.tok") && s.count() == 1)
            .map(FileShard::index)
            .toList());
  }

  @Test
  void smallerSplitsMeanMoreShardsUpToTheCap() {
    assertEquals(2, FileShardSource.shardsFor(1000, 1000, 1000, 2), "the minimum");
    assertEquals(4, FileShardSource.shardsFor(1000, 1000, 250, 2), "as the split size asks");
    assertEquals(
        FileShardSource.MAX_SHARDS_PER_FILE,
        FileShardSource.shardsFor(1 << 30, 1 << 30, 1, 2),
        "capped");
    assertEquals(1, FileShardSource.shardsFor(0, 1000, 1, 8), "an empty file is one shard");
    assertEquals(
        3,
        FileShardSource.shardsFor(750, 1000, 1 << 20, 4),
        "the minimum is dealt over the files by size");
    assertEquals(
        1,
        FileShardSource.shardsFor(10, 10_000, 1 << 20, 4),
        "one of many small files: one shard, not four scans");
  }

  @Test
  void unsplitTheSourceReadsEveryFileWhole() throws IOException {
    Files.write(dir.resolve("a.tok"), new byte[5]);
    List<FileShard> shards = read(new FileShardSource(dir.resolve("*.tok").toString(), 4), options);
    assertEquals(1, shards.size());
    assertEquals(1, shards.get(0).count());
  }

  @Test
  void aPatternWithoutFilesSaysWhichPattern() {
    String pattern = dir.resolve("nothing-*.tok").toString();
    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () -> new FileShardSource(pattern, 1).split(1000, options));
    assertEquals("no input file matches " + pattern, e.getMessage());
  }

  @Test
  void withoutEstimatesTheInputIsNotListedWhileTheJobIsBuilt() throws IOException {
    // A pattern nothing matches: listing it would throw, so 0 proves it was not listed.
    String pattern = dir.resolve("nothing-*.tok").toString();
    PipelineOptions offline = PipelineOptionsFactory.create();
    offline.as(ReadSentencesOptions.class).setListInputForSizeEstimate(false);
    assertEquals(0, new FileShardSource(pattern, 1).getEstimatedSizeBytes(offline));
  }

  @Test
  void automaticSharesAreTwoPerWorkerThreadTheRunnerAnnounces() {
    PipelineOptions direct =
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--targetParallelism=3").create();
    assertEquals(6, FileShardSource.minShards(0, direct, RunnerPolicy::workerThreads));
    PipelineOptions flink =
        PipelineOptionsFactory.fromArgs("--runner=FlinkRunner", "--parallelism=4").create();
    assertEquals(8, FileShardSource.minShards(0, flink, RunnerPolicy::workerThreads));
    assertEquals(
        5,
        FileShardSource.minShards(5, flink, RunnerPolicy::workerThreads),
        "an explicit number wins");
    assertEquals(
        2 * Runtime.getRuntime().availableProcessors(),
        FileShardSource.minShards(0, flink, null),
        "a library user's default: this JVM's cores");
    assertThrows(IllegalArgumentException.class, () -> new FileShardSource("x", -1));
  }

  @Test
  void theSplitsTogetherReadWhatTheUnsplitSourceReads() throws Exception {
    Files.write(dir.resolve("a.tok"), new byte[1000]);
    Files.write(dir.resolve("b.tok"), new byte[300]);
    Files.write(dir.resolve("c.tok"), new byte[0]);
    FileShardSource source = new FileShardSource(dir.resolve("*.tok").toString(), 4);
    List<? extends BoundedSource<FileShard>> splits = source.split(100, options);
    // Beam's "splits read what the source reads" check does not apply by design (the unsplit
    // source reads whole files, a split one shard of one); what must hold instead: each file's
    // shards are 0..n-1 of one n, each read by exactly one split.
    Map<String, List<FileShard>> byFile = new TreeMap<>();
    for (BoundedSource<FileShard> split : splits) {
      for (FileShard shard : SourceTestUtils.readFromSource(split, options)) {
        byFile.computeIfAbsent(shard.file(), f -> new ArrayList<>()).add(shard);
      }
    }
    assertEquals(3, byFile.size(), "every file, the empty one too");
    for (List<FileShard> shards : byFile.values()) {
      int n = shards.size();
      assertEquals(
          IntStream.range(0, n).boxed().toList(),
          shards.stream().map(FileShard::index).sorted().toList());
      assertTrue(shards.stream().allMatch(sh -> sh.count() == n), shards.toString());
    }
    SourceTestUtils.assertSplitAtFractionFails(splits.get(0), 0, 0.5, options);
  }
}
