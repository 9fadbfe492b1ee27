package dev.tagpipe.eval;

/** Which CoNLL-U column holds the gold part-of-speech tags. */
public enum GoldColumn {
  /** Column 5, language-specific tags (Penn Treebank tags for English EWT). */
  xpos(4),
  /** Column 4, Universal POS tags. */
  upos(3);

  /** 0-based column index. */
  final int index;

  GoldColumn(int index) {
    this.index = index;
  }
}
