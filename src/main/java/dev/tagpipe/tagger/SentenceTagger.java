package dev.tagpipe.tagger;

import dev.tagpipe.tagger.kernel.KernelTagger;
import dev.tagpipe.tagger.kernel.UnsupportedModelException;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded model's tagger as the run chose it ({@link TaggerImplementation}): tagpipe's kernel or
 * MaxentTagger itself. Both give the same tags. Safe to share between threads.
 */
public abstract class SentenceTagger {
  private static final Logger LOG = LoggerFactory.getLogger(SentenceTagger.class);

  private SentenceTagger() {}

  /** The tag of each token. */
  public abstract List<String> tag(List<String> tokens);

  /** What actually tags: the kernel, or MaxentTagger (asked for, or the kernel's fallback). */
  public abstract TaggerImplementation implementation();

  /**
   * {@code tagger}'s model tagged by {@code wanted}. The kernel is compiled here (in a pipeline,
   * {@link TaggerCache#sentenceTagger} keeps one per loaded model); a model it does not support is
   * tagged by MaxentTagger, and the log says why.
   */
  public static SentenceTagger of(MaxentTagger tagger, TaggerImplementation wanted, String name) {
    if (wanted == TaggerImplementation.corenlp) {
      return new CoreNlp(tagger);
    }
    try {
      return new Kernel(KernelTagger.compile(tagger));
    } catch (UnsupportedModelException e) {
      LOG.warn(
          "tagpipe: the tagging kernel cannot tag with {} ({}); MaxentTagger tags it instead",
          name,
          e.getMessage());
      return new CoreNlp(tagger);
    }
  }

  private static final class Kernel extends SentenceTagger {
    private final KernelTagger kernel;

    Kernel(KernelTagger kernel) {
      this.kernel = kernel;
    }

    @Override
    public List<String> tag(List<String> tokens) {
      return kernel.tag(tokens);
    }

    @Override
    public TaggerImplementation implementation() {
      return TaggerImplementation.kernel;
    }
  }

  private static final class CoreNlp extends SentenceTagger {
    private final MaxentTagger tagger;

    CoreNlp(MaxentTagger tagger) {
      this.tagger = tagger;
    }

    @Override
    public List<String> tag(List<String> tokens) {
      return TagSentences.tag(tagger, tokens);
    }

    @Override
    public TaggerImplementation implementation() {
      return TaggerImplementation.corenlp;
    }
  }
}
