package dev.tagpipe.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.util.VarInt;

/**
 * The names {@link SeenFiles} gave that are missing from the last listing and not yet forgotten,
 * sorted, each with the time of the first listing that missed it and how many listings in a row
 * have: what its rule needs. Immutable, so a checkpoint mark shares it.
 */
final class MissingNames {
  static final MissingNames NONE = new MissingNames(FrontCodedNames.EMPTY, new long[0], new int[0]);

  private final FrontCodedNames names;
  private final long[] since;
  private final int[] listings;

  private MissingNames(FrontCodedNames names, long[] since, int[] listings) {
    this.names = names;
    this.since = since;
    this.listings = listings;
  }

  int size() {
    return names.size();
  }

  Cursor cursor() {
    return new Cursor();
  }

  void writeTo(OutputStream out) throws IOException {
    names.writeTo(out);
    long previous = 0;
    for (int i = 0; i < since.length; i++) {
      VarInt.encode(zigZag(since[i] - previous), out); // mostly 0: gone in the same listing
      VarInt.encode(listings[i], out);
      previous = since[i];
    }
  }

  static MissingNames readFrom(InputStream in) throws IOException {
    FrontCodedNames names = FrontCodedNames.readFrom(in, true);
    long[] since = new long[names.size()];
    int[] listings = new int[names.size()];
    long previous = 0;
    for (int i = 0; i < since.length; i++) {
      since[i] = previous + unZigZag(VarInt.decodeLong(in));
      listings[i] = VarInt.decodeInt(in);
      previous = since[i];
    }
    return names.size() == 0 ? NONE : new MissingNames(names, since, listings);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MissingNames g
        && names.equals(g.names)
        && Arrays.equals(since, g.since)
        && Arrays.equals(listings, g.listings);
  }

  @Override
  public int hashCode() {
    return names.hashCode() * 31 + Arrays.hashCode(since);
  }

  final class Cursor {
    private final FrontCodedNames.Cursor c = names.cursor();
    private int i;

    boolean hasNext() {
      return c.hasNext();
    }

    String peek() {
      return c.hasNext() ? c.peek() : null;
    }

    long since() {
      return since[i];
    }

    int listings() {
      return listings[i];
    }

    void next() {
      c.next();
      i++;
    }
  }

  static final class Builder {
    private final FrontCodedNames.Builder names = new FrontCodedNames.Builder(true);
    private long[] since = new long[16];
    private int[] listings = new int[16];
    private int size;

    void add(String name, long firstMissed, int listingsMissed) {
      names.add(name);
      if (size == since.length) {
        since = Arrays.copyOf(since, size * 2);
        listings = Arrays.copyOf(listings, size * 2);
      }
      since[size] = firstMissed;
      listings[size] = listingsMissed;
      size++;
    }

    MissingNames build() {
      return size == 0
          ? NONE
          : new MissingNames(
              names.build(), Arrays.copyOf(since, size), Arrays.copyOf(listings, size));
    }
  }

  @Override
  public String toString() {
    return names.toString();
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
