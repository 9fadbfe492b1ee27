package dev.tagpipe.eval;

import dev.tagpipe.model.Sentence;
import java.util.ArrayList;
import java.util.List;

/** The gold tags of a CoNLL-U sentence: one per word line (integer ID), from one column. */
final class GoldTags {
  private GoldTags() {}

  /** The gold tags, or null when the column is not filled ("_") on some word line. */
  static List<String> of(Sentence sentence, GoldColumn column) {
    String block = sentence.conlluBlock();
    if (block == null) {
      throw new IllegalArgumentException("evaluation needs CoNLL-U input: " + sentence.id());
    }
    List<String> tags = new ArrayList<>(sentence.tokens().size());
    for (String line : block.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length == 10 && isWordId(cols[0])) {
        String tag = cols[column.index];
        if (tag.isEmpty() || tag.equals("_")) {
          return null;
        }
        tags.add(tag);
      }
    }
    return tags;
  }

  private static boolean isWordId(String id) {
    if (id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
