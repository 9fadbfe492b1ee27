package dev.tagpipe.tagger.kernel;

import edu.stanford.nlp.tagger.maxent.Extractor;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import edu.stanford.nlp.tagger.maxent.TaggerInternals;
import edu.stanford.nlp.tagger.maxent.TaggerInternals.IndexedExtractor;
import edu.stanford.nlp.tagger.maxent.TaggerInternals.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A loaded MaxentTagger's model as the kernel reads it: the tag set, the weights and CoreNLP's own
 * feature tables (shared, not copied), the extractors sorted by what they read, and each known
 * word's candidate tags as indices. Immutable but for caches that every thread may fill.
 */
final class KernelModel {
  private static final String PACKAGE = "edu.stanford.nlp.tagger.maxent.";
  private static final int LARGEST_WORD_CACHE = 1 << 18;

  final TaggerInternals internals;
  final int tagCount;
  final String[] tagNames;
  final int left;
  final int right;
  final boolean approximate;
  final double[] weights;
  final List<Map<String, int[]>> featureIndex;
  final Function<String, String> wordFunction;
  final int minWordsLockTags;

  /** Approximate scoring: the log score of {@code n} tags not proposed, for each n. */
  final double[] inactiveTagsScore;

  /** Extractors in CoreNLP's order: [common, rare] for each kind. */
  final IndexedExtractor[][] local = new IndexedExtractor[2][];

  final IndexedExtractor[][] context = new IndexedExtractor[2][];
  final DynamicFeature[][] dynamic = new DynamicFeature[2][];

  /** Candidate tags of an unknown (or too rarely seen) word, and of padding. */
  final int[] openTags;

  final int[] padding;

  private final Map<String, int[]> candidatesOfKnownWords = new ConcurrentHashMap<>();

  KernelModel(MaxentTagger tagger) throws UnsupportedModelException {
    try {
      internals = new TaggerInternals(tagger);
      tagCount = internals.tagCount();
      tagNames = new String[tagCount];
      for (int i = 0; i < tagCount; i++) {
        tagNames[i] = internals.tagName(i);
      }
      left = internals.leftWindow();
      right = internals.rightWindow();
      approximate = internals.approximateScoring();
      weights = internals.weights();
      featureIndex = internals.featureIndex();
      wordFunction = internals.wordFunction();
      minWordsLockTags = internals.minWordsLockTags();
      inactiveTagsScore = new double[tagCount + 1];
      for (int n = 0; approximate && n <= tagCount; n++) {
        inactiveTagsScore[n] = internals.inactiveTagsScore(n);
      }
      for (int r = 0; r < 2; r++) {
        boolean rare = r == 1;
        local[r] = wordReaders(internals.extractors(rare, Kind.LOCAL));
        context[r] = wordReaders(internals.extractors(rare, Kind.LOCAL_CONTEXT));
        List<IndexedExtractor> dyn = internals.extractors(rare, Kind.DYNAMIC);
        dynamic[r] = new DynamicFeature[dyn.size()];
        for (int i = 0; i < dyn.size(); i++) {
          dynamic[r][i] = DynamicFeature.of(dyn.get(i), tagCount, left, right);
        }
      }
      openTags = indices(internals.expandTags(internals.openTags()));
      padding = new int[] {internals.tagIndex("NA")};
    } catch (LinkageError e) {
      // A CoreNLP other than 4.5.10, or loaded by another class loader than TaggerInternals.
      throw new UnsupportedModelException("CoreNLP's tagger internals are not readable: " + e, e);
    }
    checkDistinct(openTags, "open-class tags");
  }

  private static IndexedExtractor[] wordReaders(List<IndexedExtractor> list)
      throws UnsupportedModelException {
    for (IndexedExtractor e : list) {
      Extractor x = e.extractor();
      if (!x.getClass().getName().startsWith(PACKAGE)) {
        // CoreNLP's own word extractors read no tag; another class might, and the kernel asks
        // word extractors once per position, MaxentTagger per window.
        throw new UnsupportedModelException(
            "its extractor " + x.getClass().getName() + " is not CoreNLP's");
      }
    }
    return list.toArray(new IndexedExtractor[0]);
  }

  /** The tags MaxentTagger proposes for {@code word} (after the word function), as indices. */
  int[] candidates(String word) {
    int[] known = candidatesOfKnownWords.get(word);
    if (known != null) {
      return known;
    }
    int count = internals.wordCount(word);
    if (count == 0 || count < minWordsLockTags) {
      return openTags;
    }
    int[] tags = indices(internals.expandTags(internals.dictionaryTags(word)));
    if (candidatesOfKnownWords.size() < LARGEST_WORD_CACHE) {
      candidatesOfKnownWords.put(word, tags);
    }
    return tags;
  }

  private int[] indices(String[] names) {
    int[] out = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = internals.tagIndex(names[i]);
    }
    return out;
  }

  private static void checkDistinct(int[] tags, String what) throws UnsupportedModelException {
    Set<Integer> seen = new HashSet<>();
    for (int t : tags) {
      if (t < 0 || !seen.add(t)) {
        // MaxentTagger's search misreads a repeated candidate; the kernel does not copy that.
        throw new UnsupportedModelException("its " + what + " repeat a tag or name an unknown one");
      }
    }
  }

  /** Bytes the kernel keeps beyond MaxentTagger's own tables (the caches, at their size now). */
  long extraBytes() {
    long bytes = 0;
    for (int[] c : candidatesOfKnownWords.values()) {
      bytes += 16 + 4L * c.length + 48; // the array and its map entry
    }
    for (DynamicFeature[] fs : dynamic) {
      for (DynamicFeature f : fs) {
        bytes += f.sharedBytes();
      }
    }
    return bytes;
  }

  List<String> describe() {
    List<String> out = new ArrayList<>();
    for (DynamicFeature[] fs : dynamic) {
      for (DynamicFeature f : fs) {
        out.add(f.extractor + (f.isShared() ? " (shared table)" : " (per position)"));
      }
    }
    return out;
  }
}
