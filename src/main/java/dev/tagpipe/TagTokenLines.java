package dev.tagpipe;

import dev.tagpipe.io.SplitTokenLines;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Part-of-speech tags lines of tokens: each element of the input is one sentence, its tokens
 * separated by whitespace, tagged as they are ({@link SplitTokenLines}; nothing is re-tokenized). A
 * sentence's id is the first 12 hex digits of its line's SHA-256; an empty line is rejected. The
 * model and its settings: {@link TagTransform}.
 *
 * <pre>{@code
 * TaggingResult result = lines.apply(TagTokenLines.withDefaultModel()); // "The cat sleeps ."
 * }</pre>
 */
public final class TagTokenLines extends TagTransform<String, TagTokenLines> {
  private TagTokenLines(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    super(model, modelSha256, maxSentenceTokens, modelUpdates);
  }

  /** Tags with the English model in tagpipe's jar (CoreNLP's {@code english-left3words}). */
  public static TagTokenLines withDefaultModel() {
    return withModel(DEFAULT_MODEL);
  }

  /** Tags with the CoreNLP tagger model at {@code location} (a file on any Beam filesystem). */
  public static TagTokenLines withModel(String location) {
    return new TagTokenLines(location, null, TagSentences.DEFAULT_MAX_SENTENCE_TOKENS, null);
  }

  @Override
  TagTokenLines with(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    return new TagTokenLines(model, modelSha256, maxSentenceTokens, modelUpdates);
  }

  @Override
  Split toSentences(PCollection<String> lines, int maxSentenceTokens) {
    PCollectionTuple split = lines.apply("SplitTokenLines", SplitTokenLines.create());
    return new Split(split.get(SplitTokenLines.SENTENCES), split.get(SplitTokenLines.REJECTED));
  }
}
