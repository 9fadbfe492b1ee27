package dev.tagpipe.io;

import java.io.Serializable;

/** One reader's part of one input file: share {@code index} of {@code count}. */
record FileShard(String file, long sizeBytes, int index, int count) implements Serializable {}
