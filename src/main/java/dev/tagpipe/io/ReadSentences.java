package dev.tagpipe.io;

import dev.tagpipe.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads the files matching a pattern (any Beam filesystem; .gz, .bz2, .zst, ... by extension)
 * and splits them into sentences. Outputs {@link #SENTENCES} and {@link #REJECTED}; every
 * sentence or rejection produced here counts as one "read".
 *
 * <p>Files are parsed whole by one worker so that line numbers (and so ids) are exact; the
 * tagging step that follows is spread over workers by a reshuffle.
 */
public final class ReadSentences extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<Sentence> SENTENCES = new TupleTag<Sentence>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<Rejection>() {};

  /** Lines longer than this are rejected without being held in memory. */
  public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

  private final String filePattern;
  private final InputFormat format;
  private final int maxLineBytes;

  private ReadSentences(String filePattern, InputFormat format, int maxLineBytes) {
    this.filePattern = filePattern;
    this.format = format;
    this.maxLineBytes = maxLineBytes;
  }

  public static ReadSentences from(String filePattern, InputFormat format) {
    return new ReadSentences(filePattern, format, DEFAULT_MAX_LINE_BYTES);
  }

  public ReadSentences withMaxLineBytes(int maxLineBytes) {
    return new ReadSentences(filePattern, format, maxLineBytes);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple parsed =
        begin
            .apply("MatchFiles",
                FileIO.match()
                    .filepattern(filePattern)
                    .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply("OpenFiles", FileIO.readMatches())
            .apply("Parse " + format,
                ParDo.of(new ParseFileFn(SentenceParser.forFormat(format), maxLineBytes))
                    .withOutputTags(SENTENCES, TupleTagList.of(REJECTED)));
    parsed.get(SENTENCES).setCoder(Coders.SentenceCoder.of());
    parsed.get(REJECTED).setCoder(Coders.RejectionCoder.of());
    return parsed;
  }

  private static final class ParseFileFn extends DoFn<FileIO.ReadableFile, Sentence> {
    private final SentenceParser parser;
    private final int maxLineBytes;

    ParseFileFn(SentenceParser parser, int maxLineBytes) {
      this.parser = parser;
      this.maxLineBytes = maxLineBytes;
    }

    private static String sniff(InputStream in) throws IOException {
      byte[] sample = new byte[BinarySniffer.SAMPLE_BYTES];
      in.mark(sample.length);
      int n = in.readNBytes(sample, 0, sample.length);
      in.reset();
      return BinarySniffer.problem(sample, n);
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
        throws IOException {
      String fileName = file.getMetadata().resourceId().toString();
      try (InputStream in = new BufferedInputStream(Channels.newInputStream(file.open()),
          BinarySniffer.SAMPLE_BYTES * 2)) {
        String binary = sniff(in);
        if (binary != null) {
          Counters.READ.inc();
          Counters.REJECTED.inc();
          out.get(REJECTED).output(new Rejection(fileName, "binary file: " + binary, ""));
          return;
        }
        parser.parse(
            fileName,
            new LineReader(in, maxLineBytes),
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                Counters.READ.inc();
                out.get(SENTENCES).output(sentence);
              }

              @Override
              public void rejected(Rejection rejection) {
                Counters.READ.inc();
                Counters.REJECTED.inc();
                out.get(REJECTED).output(rejection);
              }
            });
      } catch (IOException e) {
        // A file that cannot be decompressed or read: reject what is left of it, loudly, rather
        // than fail the whole job after hours of work on other files.
        Counters.READ.inc();
        Counters.REJECTED.inc();
        out.get(REJECTED)
            .output(new Rejection(fileName, "could not read the rest of the file: " + e, ""));
      }
    }
  }
}
