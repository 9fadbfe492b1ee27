package dev.tagpipe.io;

import java.io.Serializable;
import org.apache.beam.sdk.io.Compression;

/**
 * One reader's part of one input file: shard {@code index} of {@code count}. Ids and rejections
 * name the file {@code name}: its path, or what the user called a stream copied to {@code file}.
 * The file is decompressed with {@code compression}; {@link Compression#AUTO}: by its extension.
 */
record FileShard(
    String file, long sizeBytes, int index, int count, String name, Compression compression)
    implements Serializable {
  FileShard(String file, long sizeBytes, int index, int count, String name) {
    this(file, sizeBytes, index, count, name, Compression.AUTO);
  }

  /** The same file's shard {@code index} of {@code count}. */
  FileShard shard(int index, int count) {
    return new FileShard(file, sizeBytes, index, count, name, compression);
  }

  /** How the file is decompressed: as given, or (AUTO) as its extension says. */
  Compression resolvedCompression() {
    return compression == Compression.AUTO ? Compression.detect(file) : compression;
  }
}
