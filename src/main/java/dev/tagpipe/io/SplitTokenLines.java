package dev.tagpipe.io;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.tagger.ModelBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Makes each element of a {@code PCollection<String>} one sentence, its tokens separated by any
 * Unicode whitespace, as {@code --inputFormat=tokens} reads a line. A sentence's id is the first 12
 * hex digits of the line's SHA-256 (the same line always gets the same id). Outputs {@link
 * #SENTENCES} and {@link #REJECTED} (a line with no tokens, so that every line is accounted for).
 */
public final class SplitTokenLines extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<Sentence> SENTENCES = new TupleTag<Sentence>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<Rejection>() {};

  private SplitTokenLines() {}

  public static SplitTokenLines create() {
    return new SplitTokenLines();
  }

  @Override
  public PCollectionTuple expand(PCollection<String> lines) {
    PCollectionTuple split =
        lines.apply(
            "SplitTokens",
            ParDo.of(new SplitFn()).withOutputTags(SENTENCES, TupleTagList.of(REJECTED)));
    split.get(SENTENCES).setCoder(Coders.SentenceCoder.of());
    split.get(REJECTED).setCoder(Coders.RejectionCoder.of());
    return split;
  }

  private static final class SplitFn extends DoFn<String, Sentence> {
    @ProcessElement
    public void process(@Element String line, MultiOutputReceiver out) {
      String id = ModelBytes.sha256(line.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
      List<String> tokens = TokenLinesParser.splitOnWhitespace(line);
      if (tokens.isEmpty()) {
        out.get(REJECTED).output(new Rejection(id, "no tokens: the line is empty", line));
      } else {
        out.get(SENTENCES).output(Sentence.of(id, tokens));
      }
    }
  }
}
