package dev.tagpipe.tagger.kernel;

/**
 * The exact search over tag windows of CoreNLP's {@code ExactBestSequenceFinder}, the one
 * MaxentTagger runs, written again: the same lattice of windows (the tags of {@code left} positions
 * before and {@code right} after each position), the same sums in the same order and the same
 * tie-breaking (the first best, by strict comparison, in the same order of windows), so that it
 * chooses the same sequence whenever the window scores are the same doubles.
 *
 * <p>Positions are padded: {@code tags} holds {@code left} padding positions, the sentence's {@code
 * length} positions, then {@code right} padding positions, each with its candidate tags.
 */
final class ExactViterbi {
  /**
   * Scores every candidate tag at {@code pos} in the window whose other tags {@code digits} give.
   */
  interface WindowScorer {
    /**
     * {@code digits[i]} indexes the candidates of position {@code pos - left + i}; the current
     * position's digit is 0. Writes one log score per candidate of {@code pos} into {@code out}.
     */
    void score(int pos, int[] digits, double[] out);
  }

  private ExactViterbi() {}

  /** The best candidate index... as tags: the chosen tag of each padded position. */
  static int[] best(int length, int left, int right, int[][] tags, WindowScorer scorer) {
    final int pad = length + left + right;
    final int window = left + right;
    int[] n = new int[pad];
    int widest = 1;
    for (int pos = 0; pos < pad; pos++) {
      n[pos] = tags[pos].length;
      widest = Math.max(widest, n[pos]);
    }
    // The number of windows centred on each position (the product of its window's candidates).
    int[] products = new int[pad];
    int product = 1;
    for (int i = 0; i <= window; i++) {
      product *= n[i];
    }
    products[left] = product;
    for (int pos = window + 1; pos < pad; pos++) {
      product = product / n[pos - window - 1] * n[pos];
      products[pos - right] = product;
    }

    double[][] windowScore = new double[pad][];
    int[] digits = new int[window + 1];
    double[] scores = new double[widest];
    for (int pos = left; pos < left + length; pos++) {
      double[] ws = windowScore[pos] = new double[products[pos]];
      int shift = 1; // a window's index: the current tag's digit counts `shift`
      for (int q = pos + 1; q <= pos + right; q++) {
        shift *= n[q];
      }
      int block = shift * n[pos];
      for (int high = 0; high < products[pos]; high += block) {
        for (int low = 0; low < shift; low++) {
          int w = high + low; // the window with the current position's first candidate
          int rest = w;
          for (int i = window; i >= 0; i--) {
            int q = pos - left + i;
            digits[i] = rest % n[q];
            rest /= n[q];
          }
          scorer.score(pos, digits, scores);
          for (int t = 0; t < n[pos]; t++) {
            ws[w + t * shift] = scores[t];
          }
        }
      }
    }

    // Forward: the best score of each window given the best of the windows before it.
    double[][] score = new double[pad][];
    int[][] trace = new int[pad][];
    for (int pos = 0; pos < pad; pos++) {
      score[pos] = new double[products[pos]];
      trace[pos] = new int[products[pos]];
    }
    System.arraycopy(windowScore[left], 0, score[left], 0, products[left]);
    java.util.Arrays.fill(trace[left], -1);
    for (int pos = left + 1; pos < left + length; pos++) {
      forward(
          score[pos - 1],
          windowScore[pos],
          products[pos] / n[pos + right],
          n[pos + right],
          n[pos - left - 1],
          score[pos],
          trace[pos]);
    }

    // The best last window, then back along the trace.
    int end = left + length - 1;
    double bestFinal = Double.NEGATIVE_INFINITY;
    int bestWindow = -1;
    for (int w = 0; w < products[end]; w++) {
      if (score[end][w] > bestFinal) {
        bestFinal = score[end][w];
        bestWindow = w;
      }
    }
    if (bestWindow < 0) {
      throw new IllegalStateException("no tag sequence has a finite score");
    }
    int[] chosen = new int[pad];
    int rest = bestWindow;
    for (int last = pad - 1; last >= length - 1 && last >= 0; last--) {
      chosen[last] = tags[last][rest % n[last]];
      rest /= n[last];
    }
    int current = bestWindow;
    for (int pos = left + length - 2; pos >= left; pos--) {
      current = trace[pos + 1][current];
      int first = pos - left;
      chosen[first] = tags[first][current / (products[pos] / n[first])];
    }
    return chosen;
  }

  /**
   * One step of the forward pass: for each window {@code w}, the best of {@code prev[pred] + ws[w]}
   * over its {@code left1} predecessors {@code pred = t * groups + w / right1}, and the first
   * predecessor reaching it (MaxentTagger's search keeps the first of equal scores).
   *
   * <p>All windows of a group share their predecessors, and rounding is monotonic, so the best sum
   * is the group's best predecessor plus {@code ws[w]}. The first predecessor reaching it is that
   * best one unless an earlier one's sum rounds to the same double: only one within two ulps of the
   * sum can, and those few are checked one by one. Windows with a non-finite score are searched the
   * plain way.
   */
  private static void forward(
      double[] prev, double[] ws, int groups, int right1, int left1, double[] score, int[] trace) {
    int[] close = new int[left1];
    for (int g = 0; g < groups; g++) {
      double max = Double.NEGATIVE_INFINITY;
      int first = -1;
      for (int t = 0; t < left1; t++) {
        double v = prev[t * groups + g];
        if (v > max) {
          max = v;
          first = t;
        }
      }
      int from = g * right1;
      int to = from + right1;
      double widest = 0;
      boolean finite = first >= 0 && Double.isFinite(max);
      for (int w = from; finite && w < to; w++) {
        finite = Double.isFinite(ws[w]);
        widest = Math.max(widest, Math.abs(ws[w]));
      }
      if (!finite) {
        for (int w = from; w < to; w++) {
          plain(prev, ws, w, groups, right1, left1, score, trace);
        }
        continue;
      }
      double tolerance = 2 * Math.ulp(Math.abs(max) + widest);
      int closeCount = 0;
      for (int t = 0; t < first; t++) {
        if (prev[t * groups + g] >= max - tolerance) {
          close[closeCount++] = t;
        }
      }
      for (int w = from; w < to; w++) {
        double c = ws[w];
        double best = max + c;
        int chosen = first;
        for (int i = 0; i < closeCount; i++) {
          if (prev[close[i] * groups + g] + c == best) {
            chosen = close[i];
            break;
          }
        }
        score[w] = best;
        trace[w] = chosen * groups + g;
      }
    }
  }

  /** The step for one window, predecessor by predecessor. */
  private static void plain(
      double[] prev,
      double[] ws,
      int w,
      int groups,
      int right1,
      int left1,
      double[] score,
      int[] trace) {
    double best = Double.NEGATIVE_INFINITY;
    int from = -1;
    int shared = w / right1;
    for (int t = 0; t < left1; t++) {
      int pred = t * groups + shared;
      double s = prev[pred] + ws[w];
      if (s > best) {
        best = s;
        from = pred;
      }
    }
    score[w] = best;
    trace[w] = from;
  }
}
