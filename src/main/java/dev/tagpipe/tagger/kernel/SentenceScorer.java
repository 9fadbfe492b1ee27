package dev.tagpipe.tagger.kernel;

import edu.stanford.nlp.math.ArrayMath;
import edu.stanford.nlp.math.SloppyMath;
import edu.stanford.nlp.tagger.common.Tagger;
import edu.stanford.nlp.tagger.maxent.TaggerInternals;
import edu.stanford.nlp.tagger.maxent.TaggerInternals.IndexedExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores the tag windows of one sentence as MaxentTagger does, with each word's features resolved
 * to weight indices once per position instead of once per window.
 *
 * <p>MaxentTagger's score of a tag window is, per tag, the sum of the weights of the features that
 * fire, added up in this order: the tag-reading ("dynamic") features, common then rare-word ones;
 * to that the sum of the word-context features plus that of the current word's own features; then
 * normalised over the tag set (exact scoring) or over the candidates and a default mass for the
 * rest (approximate scoring). The kernel adds the same doubles in the same order, so the scores,
 * and the chosen tags, are the same to the last bit. One sentence at a time.
 */
final class SentenceScorer implements ExactViterbi.WindowScorer {
  private final KernelModel m;
  private final TaggerInternals.Window window;
  private final int width; // positions in a window

  // The sentence being tagged, padded positions included where indexed by `pos`.
  private int size; // words, the end-of-sentence word included
  private int[][] candidates;
  private boolean[] rare;
  private double[][] wordScores; // per real position: context and own-word features
  private DynamicFeature.Weights[][][] perPosition; // [real position][dynamic feature][key]
  private double[] sums;
  private final int[] tagsAtOffsets;

  SentenceScorer(KernelModel model) {
    this.m = model;
    this.window = model.internals.newWindow();
    this.width = model.left + model.right + 1;
    this.sums = new double[model.tagCount];
    this.tagsAtOffsets = new int[width];
  }

  /** The chosen tag of each token (indices into the model's tags). */
  int[] tag(List<String> tokens) {
    List<String> words = new ArrayList<>(tokens.size() + 1);
    for (String t : tokens) {
      words.add(m.wordFunction == null ? t : m.wordFunction.apply(t));
    }
    words.add(Tagger.EOS_WORD);
    size = words.size();
    window.words(words);

    int pad = size + m.left + m.right;
    candidates = new int[pad][];
    for (int pos = 0; pos < pad; pos++) {
      int p = pos - m.left;
      candidates[pos] = p < 0 || p >= size ? m.padding : m.candidates(words.get(p));
    }
    rare = new boolean[size];
    wordScores = new double[size][];
    perPosition = new DynamicFeature.Weights[size][][];
    for (int p = 0; p < size; p++) {
      rare[p] = m.internals.isRare(words.get(p));
      wordScores[p] = wordScores(p);
    }
    int[] chosen = ExactViterbi.best(size, m.left, m.right, candidates, this);
    int[] out = new int[size - 1];
    System.arraycopy(chosen, m.left, out, 0, size - 1);
    return out;
  }

  /** Drops the last sentence's arrays (a long sentence's would otherwise stay while pooled). */
  void release() {
    candidates = null;
    rare = null;
    wordScores = null;
    perPosition = null;
  }

  /** The context features' sum plus the word's own features' sum, as MaxentTagger adds them. */
  private double[] wordScores(int p) {
    int[] cand = candidates[p + m.left];
    double[] own = new double[m.approximate ? cand.length : m.tagCount];
    addWordFeatures(m.local[0], p, cand, own);
    if (rare[p]) {
      addWordFeatures(m.local[1], p, cand, own);
    }
    double[] context = new double[own.length];
    addWordFeatures(m.context[0], p, cand, context);
    if (rare[p]) {
      addWordFeatures(m.context[1], p, cand, context);
    }
    for (int i = 0; i < context.length; i++) {
      context[i] += own[i];
    }
    return context;
  }

  private void addWordFeatures(IndexedExtractor[] extractors, int p, int[] cand, double[] into) {
    for (IndexedExtractor e : extractors) {
      int[] index = m.featureIndex.get(e.featureIndex()).get(window.extract(e.extractor(), p));
      if (index != null) {
        add(index, cand, into);
      }
    }
  }

  /** Adds the weights {@code index} names: per tag (exact scoring) or per candidate. */
  private void add(int[] index, int[] cand, double[] into) {
    double[] w = m.weights;
    if (m.approximate) {
      for (int j = 0; j < cand.length; j++) {
        int f = index[cand[j]];
        if (f >= 0) {
          into[j] += w[f];
        }
      }
    } else {
      for (int j = 0; j < into.length; j++) {
        int f = index[j];
        if (f >= 0) {
          into[j] += w[f];
        }
      }
    }
  }

  @Override
  public void score(int pos, int[] digits, double[] out) {
    int p = pos - m.left;
    int[] cand = candidates[pos];
    int len = m.approximate ? cand.length : m.tagCount;
    double[] s = sums;
    if (s.length < len) {
      s = sums = new double[Math.max(len, m.tagCount)];
    }
    java.util.Arrays.fill(s, 0, len, 0.0);
    addDynamic(m.dynamic[0], 0, pos, p, digits, cand, s);
    if (rare[p]) {
      addDynamic(m.dynamic[1], m.dynamic[0].length, pos, p, digits, cand, s);
    }
    double[] word = wordScores[p];
    for (int i = 0; i < len; i++) {
      s[i] += word[i];
    }
    if (m.approximate) {
      double logTotal =
          SloppyMath.logAdd(ArrayMath.logSum(s, 0, len), m.inactiveTagsScore[m.tagCount - len]);
      for (int t = 0; t < cand.length; t++) {
        out[t] = s[t] + -logTotal;
      }
    } else {
      double logTotal = ArrayMath.logSum(s, 0, len);
      if (logTotal == Double.NEGATIVE_INFINITY) {
        double uniform = -Math.log(len); // as ArrayMath.logNormalize
        for (int t = 0; t < cand.length; t++) {
          out[t] = uniform;
        }
      } else {
        for (int t = 0; t < cand.length; t++) {
          out[t] = s[cand[t]] + -logTotal;
        }
      }
    }
  }

  private void addDynamic(
      DynamicFeature[] features,
      int firstSlot,
      int pos,
      int p,
      int[] digits,
      int[] cand,
      double[] s) {
    for (int k = 0; k < features.length; k++) {
      DynamicFeature f = features[k];
      DynamicFeature.Weights w =
          f.isShared() ? shared(f, pos, digits) : perPosition(f, firstSlot + k, pos, p, digits);
      if (w == DynamicFeature.ABSENT) {
        continue;
      }
      if (w.perTag != null) {
        double[] d = w.perTag;
        for (int i = 0; i < d.length; i++) {
          s[i] += d[i];
        }
      } else {
        add(w.index, cand, s);
      }
    }
  }

  /** Tags-only feature: its table is shared by all sentences. */
  private DynamicFeature.Weights shared(DynamicFeature f, int pos, int[] digits) {
    int[] offsets = f.offsets;
    int[] at = tagsAtOffsets;
    for (int i = 0; i < offsets.length; i++) {
      int q = pos + offsets[i];
      int real = q - m.left;
      at[i] = real < 0 || real >= size ? m.tagCount : candidates[q][digits[m.left + offsets[i]]];
    }
    int key = f.sharedKey(at, offsets.length);
    DynamicFeature.Weights w = f.sharedEntry(key);
    if (w == null) {
      w = ask(f, pos, digits);
      f.setSharedEntry(key, w);
    }
    return w;
  }

  /** A feature that reads words too: its table is this sentence's, per position. */
  private DynamicFeature.Weights perPosition(
      DynamicFeature f, int slot, int pos, int p, int[] digits) {
    DynamicFeature.Weights[][] tables = perPosition[p];
    if (tables == null) {
      tables =
          perPosition[p] = new DynamicFeature.Weights[m.dynamic[0].length + m.dynamic[1].length][];
    }
    int[] offsets = f.offsets;
    int key = 0;
    int keys = 1;
    for (int o : offsets) {
      int q = pos + o;
      key = key * candidates[q].length + digits[m.left + o];
      keys *= candidates[q].length;
    }
    DynamicFeature.Weights[] table = tables[slot];
    if (table == null) {
      table = tables[slot] = new DynamicFeature.Weights[keys];
    }
    DynamicFeature.Weights w = table[key];
    if (w == null) {
      w = table[key] = ask(f, pos, digits);
    }
    return w;
  }

  /** Asks CoreNLP's extractor, with the window's tags set as MaxentTagger sets them. */
  private DynamicFeature.Weights ask(DynamicFeature f, int pos, int[] digits) {
    for (int i = 0; i < width; i++) {
      int q = pos - m.left + i;
      int real = q - m.left;
      if (real >= 0 && real < size) {
        window.tag(real, m.tagNames[candidates[q][digits[i]]]);
      }
    }
    Map<String, int[]> values = m.featureIndex.get(f.featureIndex);
    return DynamicFeature.lookup(
        values, window.extract(f.extractor, pos - m.left), m.weights, !m.approximate);
  }
}
