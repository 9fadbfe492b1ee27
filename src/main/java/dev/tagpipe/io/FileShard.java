package dev.tagpipe.io;

import java.io.Serializable;

/**
 * One reader's part of one input file: share {@code index} of {@code count}. Ids and rejections
 * name the file {@code name}: its path, or what the user called a stream copied to {@code file}.
 */
record FileShard(String file, long sizeBytes, int index, int count, String name)
    implements Serializable {
  FileShard(String file, long sizeBytes, int index, int count) {
    this(file, sizeBytes, index, count, file);
  }
}
