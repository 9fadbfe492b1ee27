package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Document;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import dev.tagpipe.tagger.TagSentences;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Reads text files and splits them into sentences, in three forms that parse alike:
 *
 * <ul>
 *   <li>{@link #from}: the files matching a pattern, the pipeline's start;
 *   <li>{@link #files}: the files of a {@code PCollection<FileIO.ReadableFile>}, after {@code
 *       FileIO.match()} and {@code FileIO.readMatches()} (as {@code TextIO.readFiles()} reads);
 *   <li>{@link #fileNames}: the files a {@code PCollection<String>} names (full paths or URIs),
 *       such as those a watch finds ({@link dev.tagpipe.stream.WatchInput#FILES}).
 * </ul>
 *
 * <p>Any Beam filesystem; .gz, .bz2, .zst, ... by extension (for {@link #files}, as {@code
 * FileIO.readMatches()} says). Each outputs {@link #SENTENCES} and {@link #REJECTED} (and, for JSON
 * Lines, {@link #DOCUMENTS}); every sentence or rejection produced here counts as one "read". Bad
 * data (a line that is not UTF-8, a binary or truncated file) is a rejection; a failure to read a
 * file from its filesystem fails the job ({@link InputReadException}).
 *
 * <p>A file is shared by several readers ({@link FileShardSource}, {@link Shard}): each walks the
 * whole file, so line numbers (and so ids) are exact, and keeps every n-th stripe of sentences.
 * Work is spread by splitting the source, not by shuffling sentences, so steps applied to the
 * output (tagging) run fused with the reading, and start as soon as it does.
 */
public final class ReadSentences extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<Sentence> SENTENCES = new TupleTag<Sentence>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<Rejection>() {};

  /**
   * JSON Lines input read {@link #withWholeDocuments}: each document, whole (its record, sentences
   * and rejections), for {@link dev.tagpipe.tagger.TagDocuments}; else empty.
   */
  public static final TupleTag<Document> DOCUMENTS = new TupleTag<Document>() {};

  /**
   * Parses records of a stream (Kafka), each record's value as a whole file of {@code format}:
   * {@link ReadRecords}.
   */
  public static ReadRecords records(InputFormat format) {
    return new ReadRecords(Parsing.of("ReadSentences.records", format));
  }

  /** Lines longer than this are rejected without being held in memory. */
  public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

  private final String filePattern;
  private final Parsing parsing;
  private final int minShards;
  private final String inputName; // null: ids name files by their paths
  private final SerializableFunction<PipelineOptions, Integer> workerThreads; // null: cores

  private ReadSentences(
      String filePattern,
      Parsing parsing,
      int minShards,
      String inputName,
      SerializableFunction<PipelineOptions, Integer> workerThreads) {
    this.filePattern = filePattern;
    this.parsing = parsing;
    this.minShards = minShards;
    this.inputName = inputName;
    this.workerThreads = workerThreads;
  }

  /** Reads the files matching {@code filePattern} (a path, glob or URI) in {@code format}. */
  public static ReadSentences from(String filePattern, InputFormat format) {
    checkArgument(
        filePattern != null && !filePattern.isBlank(),
        "ReadSentences.from: the file pattern is empty");
    return new ReadSentences(filePattern, Parsing.of("ReadSentences.from", format), 0, null, null);
  }

  /**
   * Reads the files of a {@code PCollection<FileIO.ReadableFile>} in {@code format}, each with the
   * compression {@code FileIO.readMatches()} gave it (by default, as its extension says):
   *
   * <pre>{@code
   * PCollectionTuple read =
   *     pipeline
   *         .apply(FileIO.match().filepattern("gs://bucket/texts/*.txt.gz"))
   *         .apply(FileIO.readMatches())
   *         .apply(ReadSentences.files(InputFormat.text));
   * }</pre>
   *
   * <p>Each file is read whole by one reader unless {@link ReadFiles#withShardsPerFile} deals it to
   * more; the files are spread over the workers first.
   */
  public static ReadFiles<FileIO.ReadableFile> files(InputFormat format) {
    return new ReadFiles<>(
        Parsing.of("ReadSentences.files", format), 1, new ReadableFileShard(), "ReadFiles");
  }

  /**
   * Reads the files a {@code PCollection<String>} names (full paths or URIs, not patterns) in
   * {@code format}, in the windows and with the timestamps of the names: for files found by
   * watching a pattern ({@link dev.tagpipe.stream.WatchInput}) rather than listed once. A file that
   * is gone by the time it is read is one rejection.
   *
   * <p>Each file is read whole by one reader unless {@link ReadFiles#withShardsPerFile} deals it to
   * more. The names are spread over the workers first: they come from one watcher, and a runner
   * that fuses steps (Flink, Dataflow) would otherwise read and tag every file on the watcher's
   * worker (on Flink, one of the two tagging subtasks did all the work).
   */
  public static ReadFiles<String> fileNames(InputFormat format) {
    return new ReadFiles<>(
        Parsing.of("ReadSentences.fileNames", format), 1, new NamedFileShard(), "ReadFileNames");
  }

  private ReadSentences with(Parsing parsing) {
    return new ReadSentences(filePattern, parsing, minShards, inputName, workerThreads);
  }

  /** Lines longer than this many bytes are rejected without being buffered. */
  public ReadSentences withMaxLineBytes(int maxLineBytes) {
    return with(parsing.withMaxLineBytes(maxLineBytes));
  }

  /**
   * Bounds what a reader holds for one sentence: text whose sentence splitter finds no end within
   * this many tokens, or a CoNLL-U block of more than ten times this many lines, is rejected
   * without being buffered. Use the same number as {@link TagSentences#withMaxSentenceTokens}.
   */
  public ReadSentences withMaxSentenceTokens(int maxSentenceTokens) {
    return with(parsing.withMaxSentenceTokens(maxSentenceTokens));
  }

  /** JSON Lines input: the fields that hold a document's text and id ({@link JsonFields}). */
  public ReadSentences withJsonFields(JsonFields fields) {
    return with(parsing.withFields(fields));
  }

  /**
   * The language of raw text ({@code text}, {@code jsonl}): its tokenizer; or, routing ({@link
   * TextLanguage#routed}), each document's language found (a jsonl record, a text paragraph, a
   * CoNLL-U {@code # newdoc}, a token line), which picks its tokenizer and its model. English by
   * default.
   */
  public ReadSentences withTextLanguage(TextLanguage language) {
    return with(parsing.withLanguage(language));
  }

  /**
   * JSON Lines input: hand on each document whole in {@link #DOCUMENTS} (its record as it was, its
   * sentences in order, its rejections), to be tagged as one ({@link
   * dev.tagpipe.tagger.TagDocuments}) and written back whole; by default its sentences go to {@link
   * #SENTENCES} and its rejections to {@link #REJECTED} one by one.
   */
  public ReadSentences withWholeDocuments() {
    return with(parsing.withWholeDocuments(true));
  }

  /**
   * Deal the input into at least this many shards in all, each file getting a part in proportion to
   * its size (more if the runner asks for smaller splits; at most 64 per file, as every shard's
   * reader scans its whole file). 0, the default: two per worker thread that the runner's options
   * announce, else as the runner splits.
   */
  public ReadSentences withMinShards(int minShards) {
    checkArgument(minShards >= 0, "minShards must be 0 (automatic) or more, not %s", minShards);
    return new ReadSentences(filePattern, parsing, minShards, inputName, workerThreads);
  }

  /**
   * Whether a reader may stop at the parser's resume points and hand the rest on as a new piece of
   * work (a splittable DoFn; the default). Needed on runners that hold all outputs of one call
   * until it returns (the DirectRunner). A runner that fuses reading with the steps after it
   * streams the sentences anyway, and may read faster without the splittable expansion (Flink: see
   * docs/performance.md).
   */
  public ReadSentences withResumableReaders(boolean resumable) {
    return with(parsing.withResumable(resumable));
  }

  /**
   * How rejection reasons name this transform's settings: {@code maxLineBytes}, {@code
   * maxSentenceTokens=1000} by default ({@link SettingNames#LIBRARY}); a command line that sets
   * them from flags passes its flag form.
   */
  public ReadSentences withSettingNames(SettingNames names) {
    return with(parsing.withNames(names));
  }

  /**
   * How many worker threads the runner will use, read from its options when the input is split (the
   * command line passes its runner policy's: DirectRunner's --targetParallelism, Flink's
   * --parallelism); with {@link #withMinShards} at 0 the input is dealt into two shards per thread.
   * Without it, this JVM's processors are taken.
   */
  public ReadSentences withWorkerThreadsFrom(
      SerializableFunction<PipelineOptions, Integer> workerThreads) {
    checkArgument(workerThreads != null, "withWorkerThreadsFrom: the function is null");
    return new ReadSentences(filePattern, parsing, minShards, inputName, workerThreads);
  }

  /**
   * Ids and rejections call the input {@code name} instead of the path of the file read: for a copy
   * of a stream (standard input, a pipe) whose temporary path means nothing to the user. The
   * pattern must then match exactly one file.
   */
  public ReadSentences withInputNamed(String name) {
    checkArgument(name != null && !name.isBlank(), "withInputNamed: the name is empty");
    return new ReadSentences(filePattern, parsing, minShards, name, workerThreads);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("filePattern", filePattern).withLabel("Input file pattern"));
    parsing.populateDisplayData(builder);
    builder
        .addIfNotDefault(
            DisplayData.item("minShards", minShards)
                .withLabel("Minimum read shards (0: automatic)"),
            0)
        .addIfNotNull(DisplayData.item("inputName", inputName).withLabel("Input named in ids"));
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    return parsing.parse(
        begin.apply(
            "ShareFiles",
            Read.from(new FileShardSource(filePattern, minShards, inputName, workerThreads))));
  }

  /**
   * {@link ReadSentences} for files that are elements of the input: {@link ReadSentences#files}
   * ({@code FileIO.ReadableFile}s) or {@link ReadSentences#fileNames} (their names). Outputs {@link
   * ReadSentences#SENTENCES} and {@link ReadSentences#REJECTED}, in the input's windows.
   *
   * @param <InputT> how the input gives a file
   */
  public static final class ReadFiles<InputT>
      extends PTransform<PCollection<InputT>, PCollectionTuple> {
    private final Parsing parsing;
    private final int shardsPerFile;
    private final SerializableFunction<InputT, FileShard> wholeFile;
    private final String what; // names the steps

    private ReadFiles(
        Parsing parsing,
        int shardsPerFile,
        SerializableFunction<InputT, FileShard> wholeFile,
        String what) {
      this.parsing = parsing;
      this.shardsPerFile = shardsPerFile;
      this.wholeFile = wholeFile;
      this.what = what;
    }

    private ReadFiles<InputT> with(Parsing parsing) {
      return new ReadFiles<>(parsing, shardsPerFile, wholeFile, what);
    }

    /** As {@link ReadSentences#withMaxLineBytes}. */
    public ReadFiles<InputT> withMaxLineBytes(int maxLineBytes) {
      return with(parsing.withMaxLineBytes(maxLineBytes));
    }

    /** As {@link ReadSentences#withMaxSentenceTokens}. */
    public ReadFiles<InputT> withMaxSentenceTokens(int maxSentenceTokens) {
      return with(parsing.withMaxSentenceTokens(maxSentenceTokens));
    }

    /** As {@link ReadSentences#withResumableReaders}. */
    public ReadFiles<InputT> withResumableReaders(boolean resumable) {
      return with(parsing.withResumable(resumable));
    }

    /** As {@link ReadSentences#withSettingNames}. */
    public ReadFiles<InputT> withSettingNames(SettingNames names) {
      return with(parsing.withNames(names));
    }

    /** As {@link ReadSentences#withJsonFields}. */
    public ReadFiles<InputT> withJsonFields(JsonFields fields) {
      return with(parsing.withFields(fields));
    }

    /** As {@link ReadSentences#withTextLanguage}. */
    public ReadFiles<InputT> withTextLanguage(TextLanguage language) {
      return with(parsing.withLanguage(language));
    }

    /** As {@link ReadSentences#withWholeDocuments}. */
    public ReadFiles<InputT> withWholeDocuments() {
      return with(parsing.withWholeDocuments(true));
    }

    /**
     * Deal each file to this many readers (1, the default, to {@value
     * FileShardSource#MAX_SHARDS_PER_FILE}), each of which scans the whole file and parses its
     * shard of it, as {@link ReadSentences#withMinShards} deals a large file: for a few large
     * files. The number of files is not known when a file is dealt, so this is per file, not in
     * all.
     */
    public ReadFiles<InputT> withShardsPerFile(int shardsPerFile) {
      checkArgument(
          shardsPerFile >= 1 && shardsPerFile <= FileShardSource.MAX_SHARDS_PER_FILE,
          "shardsPerFile must be 1 to %s, not %s",
          FileShardSource.MAX_SHARDS_PER_FILE,
          shardsPerFile);
      return new ReadFiles<>(parsing, shardsPerFile, wholeFile, what);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      parsing.populateDisplayData(builder);
      builder.addIfNotDefault(
          DisplayData.item("shardsPerFile", shardsPerFile).withLabel("Readers per file"), 1);
    }

    @Override
    public PCollectionTuple expand(PCollection<InputT> files) {
      int perFile = shardsPerFile;
      SerializableFunction<InputT, FileShard> whole = wholeFile;
      PCollection<FileShard> shards =
          files
              .apply(
                  "Deal " + what,
                  FlatMapElements.into(TypeDescriptor.of(FileShard.class))
                      .via(
                          (InputT file) -> {
                            FileShard f = whole.apply(file);
                            List<FileShard> dealt = new ArrayList<>(perFile);
                            for (int i = 0; i < perFile; i++) {
                              dealt.add(f.shard(i, perFile));
                            }
                            return dealt;
                          }))
              .setCoder(SerializableCoder.of(FileShard.class));
      // Spread before parsing: the parse and the tagging fused after it run where a shard lands.
      return parsing.parse(shards.apply("Spread " + what, Reshuffle.viaRandomKey()));
    }
  }

  /** A {@code FileIO.ReadableFile} as one shard of itself, with its path, size and compression. */
  private static final class ReadableFileShard
      implements SerializableFunction<FileIO.ReadableFile, FileShard> {
    @Override
    public FileShard apply(FileIO.ReadableFile file) {
      String path = file.getMetadata().resourceId().toString();
      return new FileShard(path, file.getMetadata().sizeBytes(), 0, 1, path, file.getCompression());
    }
  }

  /** A file's name as one shard of the file; its size is not known (nor needed). */
  private static final class NamedFileShard implements SerializableFunction<String, FileShard> {
    @Override
    public FileShard apply(String file) {
      return new FileShard(file, -1, 0, 1, file);
    }
  }

  /**
   * What every form of the read parses with, checked as it is set.
   *
   * @param names how rejections name the settings
   */
  record Parsing(
      InputFormat format,
      int maxLineBytes,
      int maxSentenceTokens,
      boolean resumable,
      SettingNames names,
      JsonFields fields,
      boolean wholeDocuments,
      TextLanguage language) {
    static Parsing of(String factory, InputFormat format) {
      checkArgument(format != null, "%s: the input format is null", factory);
      return new Parsing(
          format,
          DEFAULT_MAX_LINE_BYTES,
          TagSentences.DEFAULT_MAX_SENTENCE_TOKENS,
          true,
          SettingNames.LIBRARY,
          JsonFields.DEFAULT,
          false,
          TextLanguage.ENGLISH);
    }

    Parsing withMaxLineBytes(int maxLineBytes) {
      checkArgument(maxLineBytes >= 1, "maxLineBytes must be at least 1, not %s", maxLineBytes);
      return new Parsing(
          format,
          maxLineBytes,
          maxSentenceTokens,
          resumable,
          names,
          fields,
          wholeDocuments,
          language);
    }

    Parsing withMaxSentenceTokens(int maxSentenceTokens) {
      checkArgument(
          maxSentenceTokens >= 1,
          "maxSentenceTokens must be at least 1, not %s",
          maxSentenceTokens);
      return new Parsing(
          format,
          maxLineBytes,
          maxSentenceTokens,
          resumable,
          names,
          fields,
          wholeDocuments,
          language);
    }

    Parsing withResumable(boolean resumable) {
      return new Parsing(
          format,
          maxLineBytes,
          maxSentenceTokens,
          resumable,
          names,
          fields,
          wholeDocuments,
          language);
    }

    Parsing withNames(SettingNames names) {
      checkArgument(names != null, "withSettingNames: the names are null");
      return new Parsing(
          format,
          maxLineBytes,
          maxSentenceTokens,
          resumable,
          names,
          fields,
          wholeDocuments,
          language);
    }

    Parsing withFields(JsonFields fields) {
      checkArgument(fields != null, "withJsonFields: the fields are null");
      checkArgument(
          format == InputFormat.jsonl, "withJsonFields: the input format is %s, not jsonl", format);
      return new Parsing(
          format,
          maxLineBytes,
          maxSentenceTokens,
          resumable,
          names,
          fields,
          wholeDocuments,
          language);
    }

    Parsing withWholeDocuments(boolean wholeDocuments) {
      checkArgument(
          format == InputFormat.jsonl,
          "withWholeDocuments: the input format is %s, not jsonl",
          format);
      return new Parsing(
          format,
          maxLineBytes,
          maxSentenceTokens,
          resumable,
          names,
          fields,
          wholeDocuments,
          language);
    }

    Parsing withLanguage(TextLanguage language) {
      checkArgument(language != null, "withTextLanguage: the language is null");
      return new Parsing(
          format,
          maxLineBytes,
          maxSentenceTokens,
          resumable,
          names,
          fields,
          wholeDocuments,
          language);
    }

    void populateDisplayData(DisplayData.Builder builder) {
      builder
          .add(DisplayData.item("format", format.name()).withLabel("Input format"))
          .add(DisplayData.item("maxLineBytes", maxLineBytes).withLabel("Longest line kept"))
          .add(
              DisplayData.item("maxSentenceTokens", maxSentenceTokens)
                  .withLabel("Longest sentence held (tokens)"))
          .add(
              DisplayData.item("resumableReaders", resumable)
                  .withLabel("Readers stop at resume points"));
    }

    /** Parses each shard: the step every form ends with. */
    PCollectionTuple parse(PCollection<FileShard> shards) {
      SentenceParser parser =
          SentenceParser.forFormat(format, maxSentenceTokens, names, fields, language);
      DoFn<FileShard, Sentence> fn =
          resumable
              ? new ParseResumablyFn(parser, maxLineBytes, wholeDocuments)
              : new ParseInOneGoFn(parser, maxLineBytes, wholeDocuments);
      PCollectionTuple parsed =
          shards.apply(
              "Parse " + format,
              ParDo.of(fn).withOutputTags(SENTENCES, TupleTagList.of(REJECTED).and(DOCUMENTS)));
      parsed.get(SENTENCES).setCoder(Coders.SentenceCoder.of());
      parsed.get(REJECTED).setCoder(Coders.RejectionCoder.of());
      parsed.get(DOCUMENTS).setCoder(Coders.DocumentCoder.of());
      return parsed;
    }
  }

  /**
   * Opens the shard's file at {@code from} and gives {@code sink} what the shard owns from there
   * on. What concerns the whole file's data (binary, a compressed file that ends early or is
   * corrupt) is said by the shard that reports it, as a rejection, rather than failing the job
   * after hours of work on other files. A failure to read the file itself (an I/O error from its
   * filesystem) fails the job: the data may be fine, and the run would silently miss it.
   */
  private static void parseShard(
      FileShard shard,
      SentenceParser parser,
      int maxLineBytes,
      ResumePoint from,
      SentenceSink sink) {
    String fileName = shard.name();
    Shard mine = new Shard(shard.index(), shard.count(), parser.unitsPerStripe());
    try (InputStream in = open(shard, from.byteOffset())) {
      if (from.isStart()) {
        if (mine.reportsWholeFile()) {
          Counters.FILES.inc();
        }
        String binary = sniff(in);
        if (binary != null) {
          if (mine.reportsWholeFile()) {
            sink.rejected(new Rejection(fileName, "binary file: " + binary, ""));
          }
          return;
        }
      }
      parser.parse(
          fileName,
          new LineReader(in, maxLineBytes, from.linesBefore(), from.byteOffset()),
          mine,
          sink,
          from);
    } catch (IOException e) {
      FileReadFailure failure = FileReadFailure.in(e);
      if (failure != null) {
        throw new InputReadException(
            "could not read the input file "
                + fileName
                + (failure.position >= 0 ? " at byte " + failure.position : "")
                + ": "
                + failure.getCause()
                + "; the run stops rather than leave the rest of the file"
                + " untagged; check the file and its filesystem, then run again");
      }
      // The file's data is bad (a decompressor's complaint): every reader of the file stops at
      // the same place; one of them says so.
      if (mine.reportsWholeFile()) {
        sink.rejected(new Rejection(fileName, "could not read the rest of the file: " + e, ""));
      }
    }
  }

  /**
   * A read of an input file that failed part-way (an I/O error of its filesystem, not bad data):
   * the run fails with this message, which names the file, where and the error.
   */
  public static final class InputReadException extends RuntimeException {
    InputReadException(String message) {
      super(message, null, false, false);
    }
  }

  /** An I/O error from the file's channel itself, told apart from a decompressor's. */
  private static final class FileReadFailure extends IOException {
    final long position;

    FileReadFailure(IOException cause, long position) {
      super(cause.toString(), cause);
      this.position = position;
    }

    /** The failure among {@code e} and its causes (a decompressor may wrap it), or null. */
    static FileReadFailure in(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof FileReadFailure f) {
          return f;
        }
      }
      return null;
    }
  }

  /** Marks the errors of reading the raw file as {@link FileReadFailure}s. */
  private static final class MarkingChannel implements ReadableByteChannel {
    private final ReadableByteChannel channel;
    private long position;

    MarkingChannel(ReadableByteChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      try {
        int n = channel.read(dst);
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (IOException e) {
        throw new FileReadFailure(e, position);
      }
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  private static InputStream open(FileShard shard, long byteOffset) throws IOException {
    Compression compression = shard.resolvedCompression();
    ReadableByteChannel channel;
    try {
      channel = FileSystems.open(FileSystems.matchNewResource(shard.file(), false));
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      // Gone between listing and reading (a watched folder cleaned up, a file renamed): the
      // file's own fate, one rejection, not a reason to stop a stream of other files.
      throw new IOException("the file disappeared before it was read (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new FileReadFailure(e, -1);
    }
    long position = 0;
    if (byteOffset > 0
        && compression == Compression.UNCOMPRESSED
        && channel instanceof SeekableByteChannel) {
      try {
        ((SeekableByteChannel) channel).position(byteOffset);
      } catch (IOException e) {
        channel.close();
        throw new FileReadFailure(e, byteOffset);
      }
      position = byteOffset;
      byteOffset = 0;
    }
    InputStream in =
        new BufferedInputStream(
            Channels.newInputStream(
                compression.readDecompressed(new MarkingChannel(channel, position))),
            BinarySniffer.SAMPLE_BYTES * 2);
    in.skipNBytes(byteOffset); // a compressed file is decompressed again up to the point
    return in;
  }

  private static String sniff(InputStream in) throws IOException {
    byte[] sample = new byte[BinarySniffer.SAMPLE_BYTES];
    in.mark(sample.length);
    int n = in.readNBytes(sample, 0, sample.length);
    in.reset();
    return BinarySniffer.problem(sample, n);
  }

  /** Hands on and counts a sentence, a rejection or a document (whole, or its parts). */
  static void emit(DoFn.MultiOutputReceiver out, Object item, boolean wholeDocuments) {
    if (item instanceof Document document) {
      Counters.DOCUMENTS_READ.inc();
      if (wholeDocuments) {
        Counters.READ.inc(document.items());
        Counters.REJECTED.inc(document.rejections().size());
        out.get(DOCUMENTS).output(document);
      } else {
        document.sentences().forEach(sentence -> emit(out, sentence, false));
        document.rejections().forEach(rejection -> emit(out, rejection, false));
      }
      return;
    }
    Counters.READ.inc();
    if (item instanceof Sentence) {
      out.get(SENTENCES).output((Sentence) item);
    } else {
      Counters.REJECTED.inc();
      out.get(REJECTED).output((Rejection) item);
    }
  }

  /**
   * Parses a shard in one call, handing on what it finds at once: on runners that fuse reading with
   * the steps after it (Flink; see {@link #withResumableReaders}), listed or watched files.
   */
  private static final class ParseInOneGoFn extends DoFn<FileShard, Sentence> {
    private final SentenceParser parser;
    private final int maxLineBytes;

    private final boolean wholeDocuments;

    ParseInOneGoFn(SentenceParser parser, int maxLineBytes, boolean wholeDocuments) {
      this.parser = parser;
      this.maxLineBytes = maxLineBytes;
      this.wholeDocuments = wholeDocuments;
    }

    @ProcessElement
    public void process(@Element FileShard shard, MultiOutputReceiver out) {
      parseShard(
          shard,
          parser,
          maxLineBytes,
          ResumePoint.START,
          new SentenceSink() {
            @Override
            public void sentence(Sentence sentence) {
              emit(out, sentence, wholeDocuments);
            }

            @Override
            public void rejected(Rejection rejection) {
              emit(out, rejection, wholeDocuments);
            }

            @Override
            public void document(Document document) {
              emit(out, document, wholeDocuments);
            }
          });
    }
  }

  /**
   * Parses a shard of a file as a splittable DoFn that can stop at the parser's resume points. Why:
   * a runner that does not fuse steps (the DirectRunner) holds all outputs of one call until it
   * returns, which for a shard of a 200 MB file is more than a 1 GB heap; a checkpoint lets it hand
   * on what came before and resume the rest as a new call. What the parser finds is held only from
   * one resume point to the next, and handed on once that stretch is claimed.
   */
  @DoFn.BoundedPerElement
  private static final class ParseResumablyFn extends DoFn<FileShard, Sentence> {
    /**
     * Outputs a call hands on before it may be checkpointed: a bundle worth tagging, and (on the
     * DirectRunner, which writes a file per bundle) worth a file of its own, a few MB.
     */
    static final long MIN_OUTPUTS_PER_CHECKPOINT = 10_000;

    /** For a compressed file, whose reader decompresses the file's start again to resume. */
    static final long MIN_OUTPUTS_PER_CHECKPOINT_COMPRESSED = 50_000;

    private final SentenceParser parser;
    private final int maxLineBytes;

    private final boolean wholeDocuments;

    ParseResumablyFn(SentenceParser parser, int maxLineBytes, boolean wholeDocuments) {
      this.parser = parser;
      this.maxLineBytes = maxLineBytes;
      this.wholeDocuments = wholeDocuments;
    }

    @GetInitialRestriction
    public ResumableStretch initialRestriction(@Element FileShard shard) {
      return ResumableStretch.WHOLE_FILE;
    }

    @GetRestrictionCoder
    public org.apache.beam.sdk.coders.Coder<ResumableStretch> restrictionCoder() {
      return ResumableStretch.Coder.of();
    }

    @NewTracker
    public ResumableStretch.Tracker newTracker(
        @Element FileShard shard, @Restriction ResumableStretch stretch) {
      return new ResumableStretch.Tracker(
          stretch,
          shard.resolvedCompression() == Compression.UNCOMPRESSED
              ? MIN_OUTPUTS_PER_CHECKPOINT
              : MIN_OUTPUTS_PER_CHECKPOINT_COMPRESSED);
    }

    @ProcessElement
    public ProcessContinuation process(
        @Element FileShard shard,
        RestrictionTracker<ResumableStretch, ResumableStretch.Block> tracker,
        MultiOutputReceiver out) {
      List<Object> found = new ArrayList<>(); // since the last claim
      int[] items = {0}; // what found holds, a document counted as its sentences and rejections
      SentenceSink sink =
          new SentenceSink() {
            @Override
            public void sentence(Sentence sentence) {
              found.add(sentence);
              items[0]++;
            }

            @Override
            public void rejected(Rejection rejection) {
              found.add(rejection);
              items[0]++;
            }

            @Override
            public void document(Document document) {
              found.add(document);
              items[0] += Math.max(1, document.items());
            }

            @Override
            public void resumableAt(ResumePoint point) {
              claim(point);
            }

            void claim(ResumePoint point) {
              if (!tracker.tryClaim(new ResumableStretch.Block(point, items[0]))) {
                throw Stopped.INSTANCE; // split off at the previous claim: another call goes on
              }
              found.forEach(item -> emit(out, item, wholeDocuments));
              found.clear();
              items[0] = 0;
            }
          };
      try {
        parseShard(shard, parser, maxLineBytes, tracker.currentRestriction().from(), sink);
        if (tracker.tryClaim(new ResumableStretch.Block(null, items[0]))) {
          found.forEach(item -> emit(out, item, wholeDocuments));
        }
      } catch (Stopped stopped) {
        // the rest of the file is the residual's
      }
      return ProcessContinuation.stop();
    }
  }

  /** Unwinds the parser when the runner has taken a checkpoint. */
  private static final class Stopped extends RuntimeException {
    static final Stopped INSTANCE = new Stopped();

    private Stopped() {
      super("checkpointed", null, false, false);
    }
  }
}
