package dev.tagpipe.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One record of a stream, as {@link ReadRecords} parses it: where it is ({@code name}, such as
 * {@code <topic>-<partition>@<offset>} for Kafka), its key (null if none) and its value, the bytes
 * to parse. Kept free of any broker's types so that the parsing works for any source of records.
 */
public final class InputRecord {
  private final String name;
  private final byte[] key;
  private final byte[] value;

  public InputRecord(String name, byte[] key, byte[] value) {
    this.name = Objects.requireNonNull(name, "name");
    this.key = key;
    this.value = value == null ? new byte[0] : value;
  }

  /** What ids and rejections call the record: {@code <topic>-<partition>@<offset>}. */
  public String name() {
    return name;
  }

  /** The record's key, or null. */
  public byte[] key() {
    return key;
  }

  /** The record's value (empty for a null value). */
  public byte[] value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputRecord r
        && name.equals(r.name)
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(key), Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "InputRecord{" + name + ", " + value.length + " bytes}";
  }

  /** Coder for {@link InputRecord}. */
  public static final class Coder extends AtomicCoder<InputRecord> {
    private static final Coder INSTANCE = new Coder();
    private static final NullableCoder<byte[]> KEY = NullableCoder.of(ByteArrayCoder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(InputRecord r, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(r.name, out);
      KEY.encode(r.key, out);
      ByteArrayCoder.of().encode(r.value, out);
    }

    @Override
    public InputRecord decode(InputStream in) throws IOException {
      return new InputRecord(
          StringUtf8Coder.of().decode(in), KEY.decode(in), ByteArrayCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
