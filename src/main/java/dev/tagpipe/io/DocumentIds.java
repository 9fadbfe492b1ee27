package dev.tagpipe.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The document ids a reader has seen in one file, to reject a duplicate: a 64-bit hash of each id
 * and the line it was first on, 16 bytes and a table slot per document rather than the ids
 * themselves, so a file of millions of documents stays small (two different ids share a hash with
 * odds of about n²/2⁶⁵, 3 in 100 million for a million ids).
 *
 * <p>Ids are kept in the order seen, in arrays that only grow by copying, so a {@link Snapshot}
 * (the arrays and a count) stays exactly what was seen at a resume point while the reader goes on:
 * a reader resumed there starts from it ({@link ResumePoint#documentIds}).
 */
final class DocumentIds {
  private long[] hashes = new long[256];
  private long[] lines = new long[256];
  private int size;
  private int[] table = new int[512]; // 1 + index into hashes, 0 for empty
  private int mask = 511;

  /** What was seen before a point of the file: the first {@code size} ids of these arrays. */
  record Snapshot(long[] hashes, long[] lines, int size) {
    static final Snapshot EMPTY = new Snapshot(new long[0], new long[0], 0);
  }

  Snapshot snapshot() {
    return new Snapshot(hashes, lines, size);
  }

  static DocumentIds restore(Snapshot snapshot) {
    DocumentIds ids = new DocumentIds();
    for (int i = 0; i < snapshot.size(); i++) {
      ids.add(snapshot.hashes()[i], snapshot.lines()[i]);
    }
    return ids;
  }

  /**
   * Records that {@code id} is on {@code line}; returns the line it was first seen on if it was
   * seen before (and then records nothing), else -1.
   */
  long firstSeen(String id, long line) {
    long hash = hash(id);
    int slot = slotOf(hash);
    if (table[slot] != 0) {
      return lines[table[slot] - 1];
    }
    add(hash, line);
    return -1;
  }

  private int slotOf(long hash) {
    int slot = (int) (hash ^ (hash >>> 32)) & mask;
    while (table[slot] != 0 && hashes[table[slot] - 1] != hash) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void add(long hash, long line) {
    if (size == hashes.length) {
      // New arrays: a snapshot keeps the old ones, whose first entries never change.
      hashes = Arrays.copyOf(hashes, size * 2);
      lines = Arrays.copyOf(lines, size * 2);
    }
    hashes[size] = hash;
    lines[size] = line;
    size++;
    if (size * 2 > table.length) {
      table = new int[table.length * 2];
      mask = table.length - 1;
      for (int i = 0; i < size; i++) {
        table[slotOf(hashes[i])] = i + 1;
      }
    } else {
      table[slotOf(hash)] = size;
    }
  }

  /** FNV-1a over the UTF-16 units, then MurmurHash3's finalizer to spread the bits. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h ^= id.length();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  static void encode(Snapshot s, OutputStream out) throws IOException {
    VarIntCoder.of().encode(s.size(), out);
    long previousLine = 0;
    for (int i = 0; i < s.size(); i++) {
      VarLongCoder.of().encode(s.hashes()[i], out);
      VarLongCoder.of().encode(s.lines()[i] - previousLine, out);
      previousLine = s.lines()[i];
    }
  }

  static Snapshot decode(InputStream in) throws IOException {
    int size = VarIntCoder.of().decode(in);
    long[] hashes = new long[size];
    long[] lines = new long[size];
    long line = 0;
    for (int i = 0; i < size; i++) {
      hashes[i] = VarLongCoder.of().decode(in);
      line += VarLongCoder.of().decode(in);
      lines[i] = line;
    }
    return new Snapshot(hashes, lines, size);
  }
}
