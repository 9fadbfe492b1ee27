package dev.tagpipe;

import dev.tagpipe.io.SplitText;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Part-of-speech tags raw text inside any Beam pipeline: each element of the input is a text, split
 * into sentences as CoreNLP's pipeline splits it ({@link SplitText}: the PTB tokenizer and sentence
 * splitter, a blank line ending a paragraph) and tagged with a CoreNLP {@code MaxentTagger}.
 *
 * <pre>{@code
 * TaggingResult result = texts.apply(TagText.withModel("gs://bucket/models/my.tagger"));
 * result.tagged();   // PCollection<TaggedSentence>, with a Beam schema
 * result.rejected(); // PCollection<Rejection>
 * }</pre>
 *
 * <p>A sentence's id is {@code <text>:<line>:<n>}, {@code <text>} being the first 12 hex digits of
 * the text's SHA-256 (the same text always gets the same ids). An empty text is rejected, so every
 * text is accounted for. The model and its settings: {@link TagTransform}.
 */
public final class TagText extends TagTransform<String, TagText> {
  private TagText(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    super(model, modelSha256, maxSentenceTokens, modelUpdates);
  }

  /** Tags with the English model in tagpipe's jar (CoreNLP's {@code english-left3words}). */
  public static TagText withDefaultModel() {
    return withModel(DEFAULT_MODEL);
  }

  /** Tags with the CoreNLP tagger model at {@code location} (a file on any Beam filesystem). */
  public static TagText withModel(String location) {
    return new TagText(location, null, TagSentences.DEFAULT_MAX_SENTENCE_TOKENS, null);
  }

  @Override
  TagText with(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    return new TagText(model, modelSha256, maxSentenceTokens, modelUpdates);
  }

  @Override
  Split toSentences(PCollection<String> texts, int maxSentenceTokens) {
    PCollectionTuple split =
        texts.apply("SplitText", SplitText.create().withMaxSentenceTokens(maxSentenceTokens));
    return new Split(split.get(SplitText.SENTENCES), split.get(SplitText.REJECTED));
  }
}
