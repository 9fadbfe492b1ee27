package dev.tagpipe.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.TagSentences;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Splits each text of a {@code PCollection<String>} into sentences exactly as {@code
 * --inputFormat=text} splits a file (CoreNLP's PTB tokenizer and sentence splitter, a blank line
 * ending a paragraph). A sentence's id is {@code <text>:<line>:<n>}, where {@code <text>} is the
 * first 12 hex digits of the text's SHA-256 (the same text always gets the same ids). Outputs
 * {@link #SENTENCES} and {@link #REJECTED} (a sentence with no end within {@code maxSentenceTokens}
 * tokens, a text with no tokens).
 */
public final class SplitText extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<Sentence> SENTENCES = new TupleTag<Sentence>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<Rejection>() {};

  private final int maxSentenceTokens;

  private SplitText(int maxSentenceTokens) {
    this.maxSentenceTokens = maxSentenceTokens;
  }

  public static SplitText create() {
    return new SplitText(TagSentences.DEFAULT_MAX_SENTENCE_TOKENS);
  }

  /** A sentence with no end within this many tokens is rejected, not held. */
  public SplitText withMaxSentenceTokens(int maxSentenceTokens) {
    checkArgument(
        maxSentenceTokens >= 1,
        "SplitText.withMaxSentenceTokens must be at least 1, not %s",
        maxSentenceTokens);
    return new SplitText(maxSentenceTokens);
  }

  @Override
  public PCollectionTuple expand(PCollection<String> texts) {
    PCollectionTuple split =
        texts.apply(
            "SplitSentences",
            ParDo.of(new SplitFn(maxSentenceTokens))
                .withOutputTags(SENTENCES, TupleTagList.of(REJECTED)));
    split.get(SENTENCES).setCoder(Coders.SentenceCoder.of());
    split.get(REJECTED).setCoder(Coders.RejectionCoder.of());
    return split;
  }

  private static final class SplitFn extends DoFn<String, Sentence> {
    private static final Shard WHOLE = new Shard(0, 1, 1);
    private final PlainTextParser parser;

    SplitFn(int maxSentenceTokens) {
      this.parser = new PlainTextParser(maxSentenceTokens);
    }

    @ProcessElement
    public void process(@Element String text, MultiOutputReceiver out) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      String name = ModelBytes.sha256(bytes).substring(0, 12);
      if (text.isBlank()) { // no sentence in it: say so, so that every text is accounted for
        out.get(REJECTED).output(new Rejection(name, "no tokens: the text is empty", text));
        return;
      }
      try {
        parser.parse(
            name,
            new LineReader(new ByteArrayInputStream(bytes), Integer.MAX_VALUE),
            WHOLE,
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                out.get(SENTENCES).output(sentence);
              }

              @Override
              public void rejected(Rejection rejection) {
                out.get(REJECTED).output(rejection);
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("reading a string cannot fail", e);
      }
    }
  }
}
