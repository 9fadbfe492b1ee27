package dev.tagpipe.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * The files matching a pattern, dealt out as {@link FileShard}s: the runner splits this source into
 * one split per shard and hands splits to its readers as they become free (Flink assigns input
 * splits lazily), so the parsing and the tagging fused after it run where the shard landed, with no
 * shuffle of sentences. The input is dealt into at least {@code minShards} shards (0: two per
 * worker thread the runner's options announce, read when the runner splits), each file getting a
 * part in proportion to its size (many files: one each), or more when the runner asks for smaller
 * splits; a file gets at most {@link #MAX_SHARDS_PER_FILE}: every shard scans its whole file, which
 * is cheap next to tagging but not free.
 */
final class FileShardSource extends BoundedSource<FileShard> {
  static final int MAX_SHARDS_PER_FILE = 64;

  private final String filePattern;
  private final int minShards; // 0: from the runner's worker threads, at split time
  private final String name; // null: ids name each file by its path
  // The runner's worker threads, read from its options at split time (null: this JVM's cores).
  private final SerializableFunction<PipelineOptions, Integer> workerThreads;
  private final FileShard shard; // null until split: a split reads exactly one shard
  // Runners ask for the size, then split, on the same instance: list the input once for both.
  private transient List<MatchResult.Metadata> matched;

  FileShardSource(String filePattern, int minShards) {
    this(filePattern, minShards, null, null, null);
  }

  /**
   * {@code name}, if not null, is what ids call the one file the pattern matches (a copy of
   * standard input is named "stdin", not by its temporary path).
   */
  FileShardSource(
      String filePattern,
      int minShards,
      String name,
      SerializableFunction<PipelineOptions, Integer> workerThreads) {
    this(filePattern, minShards, name, workerThreads, null);
  }

  private FileShardSource(
      String filePattern,
      int minShards,
      String name,
      SerializableFunction<PipelineOptions, Integer> workerThreads,
      FileShard shard) {
    if (minShards < 0) {
      throw new IllegalArgumentException("minShards must be 0 (automatic) or more: " + minShards);
    }
    this.filePattern = filePattern;
    this.minShards = minShards;
    this.name = name;
    this.workerThreads = workerThreads;
    this.shard = shard;
  }

  private FileShard shardOf(MatchResult.Metadata file, int index, int count) {
    String path = file.resourceId().toString();
    return new FileShard(path, file.sizeBytes(), index, count, name != null ? name : path);
  }

  /**
   * The minimum number of shards: as asked, or two per worker thread the runner will use (as {@code
   * workerThreads} reads it from the options; without it, this JVM's processors), so that a worker
   * that finishes early takes another shard instead of waiting.
   */
  static int minShards(
      int asked,
      PipelineOptions options,
      SerializableFunction<PipelineOptions, Integer> workerThreads) {
    if (asked > 0) {
      return asked;
    }
    int threads =
        workerThreads != null
            ? workerThreads.apply(options)
            : Runtime.getRuntime().availableProcessors();
    return Math.max(1, 2 * threads);
  }

  private List<MatchResult.Metadata> match() throws IOException {
    if (matched == null) {
      List<MatchResult.Metadata> files =
          FileSystems.match(filePattern, EmptyMatchTreatment.ALLOW).metadata();
      if (files.isEmpty()) {
        throw new FileNotFoundException("no input file matches " + filePattern);
      }
      if (name != null && files.size() != 1) {
        throw new IllegalStateException(
            filePattern + " names " + name + " but matches " + files.size() + " files, not one");
      }
      matched = files;
    }
    return matched;
  }

  /** Shards for one file of {@code sizeBytes} out of {@code totalBytes} of input. */
  static int shardsFor(
      long sizeBytes, long totalBytes, long desiredBundleSizeBytes, int minShards) {
    if (sizeBytes == 0) {
      return 1;
    }
    long bySplitSize = ceilDiv(sizeBytes, Math.max(1, desiredBundleSizeBytes));
    long byShareOfMinimum = (long) Math.ceil((double) minShards * sizeBytes / totalBytes);
    return (int)
        Math.min(MAX_SHARDS_PER_FILE, Math.max(1, Math.max(bySplitSize, byShareOfMinimum)));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  @Override
  public List<FileShardSource> split(long desiredBundleSizeBytes, PipelineOptions options)
      throws IOException {
    if (shard != null) {
      return List.of(this);
    }
    List<MatchResult.Metadata> files = match();
    long totalBytes = 0;
    for (MatchResult.Metadata file : files) {
      totalBytes += file.sizeBytes();
    }
    int shards = minShards(minShards, options, workerThreads);
    List<FileShardSource> splits = new ArrayList<>();
    for (MatchResult.Metadata file : files) {
      int count = shardsFor(file.sizeBytes(), totalBytes, desiredBundleSizeBytes, shards);
      for (int i = 0; i < count; i++) {
        splits.add(
            new FileShardSource(
                filePattern, minShards, name, workerThreads, shardOf(file, i, count)));
      }
    }
    return splits;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) throws IOException {
    if (shard != null) {
      return shard.sizeBytes() / shard.count();
    }
    if (!options.as(ReadSentencesOptions.class).getListInputForSizeEstimate()) {
      return 0;
    }
    long bytes = 0;
    for (MatchResult.Metadata file : match()) {
      bytes += file.sizeBytes();
    }
    return bytes;
  }

  @Override
  public BoundedReader<FileShard> createReader(PipelineOptions options) throws IOException {
    if (shard != null) {
      return new ShardReader(this, List.of(shard));
    }
    List<FileShard> wholeFiles = new ArrayList<>(); // a runner that does not split
    for (MatchResult.Metadata file : match()) {
      wholeFiles.add(shardOf(file, 0, 1));
    }
    return new ShardReader(this, wholeFiles);
  }

  @Override
  public Coder<FileShard> getOutputCoder() {
    return SerializableCoder.of(FileShard.class); // a handful of small descriptors per file
  }

  private static final class ShardReader extends BoundedReader<FileShard> {
    private final FileShardSource source;
    private final List<FileShard> shards;
    private int next = -1;

    ShardReader(FileShardSource source, List<FileShard> shards) {
      this.source = source;
      this.shards = shards;
    }

    @Override
    public boolean start() {
      next = 0;
      return !shards.isEmpty();
    }

    @Override
    public boolean advance() {
      next++;
      return next < shards.size();
    }

    @Override
    public FileShard getCurrent() {
      if (next < 0 || next >= shards.size()) {
        throw new NoSuchElementException();
      }
      return shards.get(next);
    }

    @Override
    public void close() {}

    @Override
    public BoundedSource<FileShard> getCurrentSource() {
      return source;
    }
  }
}
