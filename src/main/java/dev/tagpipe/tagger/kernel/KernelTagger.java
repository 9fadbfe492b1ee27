package dev.tagpipe.tagger.kernel;

import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * tagpipe's tagging kernel: tags with a loaded {@link MaxentTagger}'s own model and gives the same
 * tags as {@code MaxentTagger.tagSentence}, ties included, faster. It resolves each word's features
 * to weight indices once per position and each tag window's features through tables, where
 * MaxentTagger builds and hashes feature strings for every window; the scores are the same doubles,
 * added in the same order, and the search is the same exact Viterbi.
 *
 * <p>{@link #compile} refuses a model it cannot tag exactly so (an extractor of a class it does not
 * know); callers then tag with MaxentTagger. Safe to share between threads.
 */
public final class KernelTagger {
  private final KernelModel model;

  /**
   * Scratch state for tagging one sentence, reused: one per thread tagging at once. A pool the
   * kernel owns, not a ThreadLocal, so that a long-lived worker thread keeps no dropped model.
   */
  private final Queue<SentenceScorer> scorers = new ConcurrentLinkedQueue<>();

  private KernelTagger(KernelModel model) {
    this.model = model;
  }

  /** The kernel for {@code tagger}'s model; the exception's message says why there is none. */
  public static KernelTagger compile(MaxentTagger tagger) throws UnsupportedModelException {
    if (tagger == null) {
      throw new IllegalArgumentException("KernelTagger.compile: the tagger is null");
    }
    KernelTagger kernel = new KernelTagger(new KernelModel(tagger));
    try {
      kernel.tag(List.of(".")); // reaches every CoreNLP member tagging uses
    } catch (LinkageError e) {
      // A CoreNLP other than 4.5.10, or loaded by another class loader than TaggerInternals.
      throw new UnsupportedModelException("CoreNLP's tagger internals are not usable: " + e, e);
    }
    return kernel;
  }

  /** The tag of each token, as {@code MaxentTagger.tagSentence} would give them. */
  public List<String> tag(List<String> tokens) {
    if (tokens.isEmpty()) {
      return List.of();
    }
    SentenceScorer scorer = scorers.poll();
    if (scorer == null) {
      scorer = new SentenceScorer(model);
    }
    int[] tags;
    try {
      tags = scorer.tag(tokens);
    } finally {
      scorer.release();
      scorers.offer(scorer);
    }
    List<String> out = new ArrayList<>(tags.length);
    for (int t : tags) {
      out.add(model.tagNames[t]);
    }
    return out;
  }

  /** Bytes of the kernel's own tables beyond MaxentTagger's, at their size now. */
  public long extraBytes() {
    return model.extraBytes();
  }

  /** How each tag-reading feature is looked up, for the log. */
  public List<String> describe() {
    return model.describe();
  }
}
