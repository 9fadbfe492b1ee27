package dev.tagpipe.io;

import java.io.Serializable;

/**
 * Which units of a file (a sentence line, a CoNLL-U block, a paragraph; the parser decides) one
 * reader keeps when several readers shard the file: units are dealt in stripes of {@code
 * unitsPerStripe}, stripe {@code s} to reader {@code s % count}. Every reader walks the whole file,
 * so line numbers and ids are exact, but only parses its own units fully; together the readers keep
 * every unit exactly once.
 */
record Shard(int index, int count, int unitsPerStripe) implements Serializable {
  Shard {
    if (count < 1 || index < 0 || index >= count || unitsPerStripe < 1) {
      throw new IllegalArgumentException(
          "shard " + index + " of " + count + " in stripes of " + unitsPerStripe);
    }
  }

  /** Whether this reader keeps the unit with this 0-based ordinal. */
  boolean owns(long unit) {
    return count == 1 || (unit / unitsPerStripe) % count == index;
  }

  /** Reader 0 reports what concerns the whole file (unreadable, binary) so it is said once. */
  boolean reportsWholeFile() {
    return index == 0;
  }
}
