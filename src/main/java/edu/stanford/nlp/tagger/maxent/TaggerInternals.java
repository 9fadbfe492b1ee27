package edu.stanford.nlp.tagger.maxent;

import edu.stanford.nlp.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Read-only access to the parts of a loaded {@link MaxentTagger} that CoreNLP keeps
 * package-private, for tagpipe's tagging kernel ({@code dev.tagpipe.tagger.kernel}): its
 * dictionary, tag set, feature tables, weights and extractors. It lives in CoreNLP's package for
 * that access only; it changes nothing in the tagger and holds no state but the tagger.
 *
 * <p>Written against CoreNLP 4.5.10. Package-private members are not CoreNLP's API: a version that
 * renames one fails here at class-load time (an {@link IllegalAccessError} or {@link
 * NoSuchFieldError}), which the kernel reports and answers by tagging with MaxentTagger itself.
 */
public final class TaggerInternals {
  private final MaxentTagger tagger;

  public TaggerInternals(MaxentTagger tagger) {
    this.tagger = tagger;
  }

  /** Number of tags (the length of every feature's per-tag weight index). */
  public int tagCount() {
    return tagger.ySize;
  }

  public String tagName(int index) {
    return tagger.tags.getTag(index);
  }

  /** The tag's index, -1 for a name outside the tag set (such as the "NA" of padding). */
  public int tagIndex(String tag) {
    return tagger.tags.getIndex(tag);
  }

  public int leftWindow() {
    return tagger.leftContext;
  }

  public int rightWindow() {
    return tagger.rightContext;
  }

  public boolean approximateScoring() {
    return tagger.hasApproximateScoring();
  }

  /** The log score CoreNLP's approximate scoring gives {@code inactive} tags not proposed. */
  public double inactiveTagsScore(int inactive) {
    return tagger.getInactiveTagDefaultScore(inactive);
  }

  public int minWordsLockTags() {
    return tagger.config == null ? 1 : tagger.config.getMinWordsLockTags();
  }

  /** The function CoreNLP applies to each word before tagging (null: none). */
  public Function<String, String> wordFunction() {
    return tagger.wordFunction;
  }

  public double[] weights() {
    return tagger.getLambdaSolve().lambda;
  }

  /**
   * For each extractor (the common ones, then the rare-word ones offset by the common count), its
   * feature values and, per tag, the weight's index (-1: none).
   */
  public List<Map<String, int[]>> featureIndex() {
    return tagger.fAssociations;
  }

  public int commonExtractorCount() {
    return tagger.extractors.size();
  }

  public boolean isRare(String word) {
    return tagger.isRare(word);
  }

  /** How often the training data had {@code word} (0: unknown). */
  public int wordCount(String word) {
    return tagger.dict.sum(word);
  }

  /** The tags the training data gave {@code word}, null when unknown. */
  public String[] dictionaryTags(String word) {
    return tagger.dict.getTags(word);
  }

  public String[] openTags() {
    return tagger.tags.getOpenTagsArray();
  }

  public String[] expandTags(String[] tags) {
    return tagger.tags.deterministicallyExpandTags(tags);
  }

  /** An extractor of the model, with its index in {@link #featureIndex()}'s order. */
  public record IndexedExtractor(int featureIndex, Extractor extractor) {}

  public enum Kind {
    LOCAL,
    LOCAL_CONTEXT,
    DYNAMIC
  }

  /** The common ({@code rare} false) or rare-word extractors of one kind, in CoreNLP's order. */
  public List<IndexedExtractor> extractors(boolean rare, Kind kind) {
    Extractors ex = rare ? tagger.extractorsRare : tagger.extractors;
    List<Pair<Integer, Extractor>> list =
        switch (kind) {
          case LOCAL -> ex.local;
          case LOCAL_CONTEXT -> ex.localContext;
          case DYNAMIC -> ex.dynamic;
        };
    int offset = rare ? tagger.extractors.size() : 0;
    List<IndexedExtractor> out = new ArrayList<>(list.size());
    for (Pair<Integer, Extractor> p : list) {
      out.add(new IndexedExtractor(offset + p.first(), p.second()));
    }
    return out;
  }

  /**
   * A sentence's words and tags as CoreNLP's extractors read them (a {@link PairsHolder} and a
   * {@link History}); one per thread at a time.
   */
  public final class Window {
    private final PairsHolder pairs = new PairsHolder();
    private final History history = new History(pairs, tagger.extractors);
    private int size;

    /** Words of the sentence, its end-of-sentence word included. */
    public void words(List<String> words) {
      size = words.size();
      pairs.setSize(size);
      for (int i = 0; i < size; i++) {
        pairs.setWord(i, words.get(i));
      }
    }

    public void tag(int position, String tag) {
      pairs.setTag(position, tag);
    }

    /** The extractor's value at {@code position} with the tags set so far. */
    public String extract(Extractor extractor, int position) {
      history.init(0, size - 1, position);
      return extractor.extract(history);
    }
  }

  public Window newWindow() {
    return new Window();
  }
}
