package dev.tagpipe.tagger;

/**
 * What tags the sentences ({@code --tagger}): tagpipe's kernel (the default; MaxentTagger's own
 * tags, faster) or CoreNLP's {@code MaxentTagger} itself. The kernel leaves a model it cannot tag
 * exactly as MaxentTagger does to MaxentTagger, and says so once in the log.
 */
public enum TaggerImplementation {
  /** tagpipe's kernel ({@link dev.tagpipe.tagger.kernel.KernelTagger}). */
  kernel,
  /** CoreNLP's {@code MaxentTagger.tagSentence}. */
  corenlp
}
