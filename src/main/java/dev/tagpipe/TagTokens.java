package dev.tagpipe;

import dev.tagpipe.model.Sentence;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.sdk.values.PCollection;

/**
 * Part-of-speech tags sentences that are already tokenized: each {@link Sentence} has an id of the
 * caller's choosing and its tokens, tagged as they are (nothing is re-tokenized). Use it after
 * tagpipe's {@code ReadSentences} or any source of tokens. The model and its settings: {@link
 * TagTransform}.
 *
 * <pre>{@code
 * PCollection<Sentence> sentences = ...; // Sentence.of("doc-1:1", List.of("The", "cat", "sleeps"))
 * TaggingResult result = sentences.apply(TagTokens.withDefaultModel());
 * }</pre>
 */
public final class TagTokens extends TagTransform<Sentence, TagTokens> {
  private TagTokens(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    super(model, modelSha256, maxSentenceTokens, modelUpdates);
  }

  /** Tags with the English model in tagpipe's jar (CoreNLP's {@code english-left3words}). */
  public static TagTokens withDefaultModel() {
    return withModel(DEFAULT_MODEL);
  }

  /** Tags with the CoreNLP tagger model at {@code location} (a file on any Beam filesystem). */
  public static TagTokens withModel(String location) {
    return new TagTokens(location, null, TagSentences.DEFAULT_MAX_SENTENCE_TOKENS, null);
  }

  @Override
  TagTokens with(
      String model, String modelSha256, int maxSentenceTokens, PCollection<String> modelUpdates) {
    return new TagTokens(model, modelSha256, maxSentenceTokens, modelUpdates);
  }

  @Override
  Split toSentences(PCollection<Sentence> sentences, int maxSentenceTokens) {
    // Too long or empty sentences are the tagging's to reject; nothing is rejected before it.
    return new Split(sentences, null);
  }
}
