package dev.tagpipe.stream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * An immutable list of file names, each stored as what differs from the name before it: the bytes
 * it shares with the start and with the end of the previous name are counted, not repeated. Sorted
 * paths such as {@code /data/in/2026/12/01/part-000123-of-1000000.conllu} then cost about 4 bytes
 * each (SeenFilesTest measures it), which is what keeps the watch's memory and checkpoints small
 * for a folder of millions of files. Read back in order only ({@link #cursor}), which is all the
 * watch needs: it walks its sorted names alongside each sorted listing.
 *
 * <p>Each name is four parts: the number of leading bytes shared with the previous name, the number
 * of trailing bytes shared with it, the number of bytes in between, and those bytes (UTF-8); the
 * counts are varints.
 */
final class FrontCodedNames {
  static final FrontCodedNames EMPTY = new FrontCodedNames(0, new byte[0]);

  private final int size;
  private final byte[] bytes; // never changed once built, so a checkpoint mark may share it

  private FrontCodedNames(int size, byte[] bytes) {
    this.size = size;
    this.bytes = bytes;
  }

  static FrontCodedNames of(Collection<String> names) {
    Builder b = new Builder(false);
    names.forEach(b::add);
    return b.build();
  }

  int size() {
    return size;
  }

  /** The encoded size, what the names cost in memory and in a checkpoint. */
  int byteSize() {
    return bytes.length;
  }

  Cursor cursor() {
    return new Cursor();
  }

  /** Writes the count, the length and the bytes. */
  void writeTo(OutputStream out) throws IOException {
    VarInt.encode(size, out);
    VarInt.encode(bytes.length, out);
    out.write(bytes);
  }

  /**
   * Reads what {@link #writeTo} wrote, checking every name (and, if {@code sorted}, their order),
   * so that a damaged checkpoint fails here rather than at a later poll.
   */
  static FrontCodedNames readFrom(InputStream in, boolean sorted) throws IOException {
    int size = VarInt.decodeInt(in);
    int length = VarInt.decodeInt(in);
    if (size < 0 || length < 0 || (size == 0) != (length == 0)) {
      throw new CoderException("not a list of names: " + size + " names in " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    new DataInputStream(in).readFully(bytes);
    FrontCodedNames names = new FrontCodedNames(size, bytes);
    try {
      Cursor c = names.cursor();
      String previous = null;
      while (c.hasNext()) {
        String name = c.next();
        if (sorted && previous != null && previous.compareTo(name) >= 0) {
          throw new CoderException("names out of order: " + previous + ", " + name);
        }
        previous = name;
      }
      if (c.position != length) {
        throw new CoderException((length - c.position) + " bytes left after the last name");
      }
    } catch (IllegalStateException e) {
      throw new CoderException("a damaged list of names: " + e.getMessage(), e);
    }
    return names;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrontCodedNames n && size == n.size && Arrays.equals(bytes, n.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * size + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return size + " names in " + bytes.length + " bytes";
  }

  /** Adds names one by one; {@code sorted} refuses a name not after the one before. */
  static final class Builder {
    private final boolean sorted;
    private byte[] out = new byte[64];
    private int length;
    private byte[] previous = new byte[0];
    private String previousName;
    private int size;

    Builder(boolean sorted) {
      this.sorted = sorted;
    }

    Builder add(String name) {
      if (sorted && previousName != null && previousName.compareTo(name) >= 0) {
        throw new IllegalArgumentException("not after " + previousName + ": " + name);
      }
      byte[] current = name.getBytes(StandardCharsets.UTF_8);
      int common = Math.min(previous.length, current.length);
      int prefix = Arrays.mismatch(previous, 0, common, current, 0, common);
      if (prefix < 0) {
        prefix = common;
      }
      int suffix = 0;
      while (suffix < common - prefix
          && previous[previous.length - 1 - suffix] == current[current.length - 1 - suffix]) {
        suffix++;
      }
      int middle = current.length - prefix - suffix;
      if (out.length - length < 15 + middle) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, length + 15 + middle));
      }
      writeVarInt(prefix);
      writeVarInt(suffix);
      writeVarInt(middle);
      System.arraycopy(current, prefix, out, length, middle);
      length += middle;
      previous = current;
      previousName = name;
      size++;
      return this;
    }

    private void writeVarInt(int value) {
      while ((value & ~0x7f) != 0) {
        out[length++] = (byte) ((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      out[length++] = (byte) value;
    }

    FrontCodedNames build() {
      return size == 0 ? EMPTY : new FrontCodedNames(size, Arrays.copyOf(out, length));
    }
  }

  /** Reads the names in order; {@link #peek} looks at the next without taking it. */
  final class Cursor implements Iterator<String> {
    private int position;
    private int taken;
    private byte[] previous = new byte[0];
    private String next;

    @Override
    public boolean hasNext() {
      return next != null || taken < size;
    }

    String peek() {
      if (next == null) {
        next = decode();
      }
      return next;
    }

    @Override
    public String next() {
      String name = peek();
      next = null;
      return name;
    }

    private String decode() {
      if (taken >= size) {
        throw new NoSuchElementException();
      }
      int prefix = readVarInt();
      int suffix = readVarInt();
      int middle = readVarInt();
      if (prefix < 0
          || suffix < 0
          || middle < 0
          || prefix + suffix > previous.length
          || middle > bytes.length - position) {
        throw new IllegalStateException("name " + taken + " does not fit its neighbour");
      }
      byte[] current = new byte[prefix + middle + suffix];
      System.arraycopy(previous, 0, current, 0, prefix);
      System.arraycopy(bytes, position, current, prefix, middle);
      System.arraycopy(previous, previous.length - suffix, current, prefix + middle, suffix);
      position += middle;
      previous = current;
      taken++;
      return new String(current, StandardCharsets.UTF_8);
    }

    private int readVarInt() {
      int value = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        if (position >= bytes.length) {
          throw new IllegalStateException("cut off at byte " + position);
        }
        byte b = bytes[position++];
        value |= (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalStateException("a varint too long at byte " + position);
    }
  }
}
