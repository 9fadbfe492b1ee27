package dev.tagpipe.tagger;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Where a model comes from: the default model bundled in the jar, or a file on any Beam filesystem
 * (local path, gs://, s3://, hdfs://...). Only an ordinary file of at most {@link #MAX_MODEL_BYTES}
 * is opened: a device, a FIFO or a huge file is refused by name before a byte of it is read ({@link
 * NotAModelFileException}).
 */
public final class ModelLocation {
  /** The name users give for the model shipped inside the bundled jar. */
  public static final String BUNDLED_MODEL = "english-left3words-distsim.tagger";

  /**
   * The largest model file read: 256 MiB, nearly four times the largest official CoreNLP 4.5.10
   * tagger (german-ud.tagger, 68.6 MB; the others are 0.5 to 19.3 MB). A bigger file is not a
   * tagger a JVM would want to load (a tagger takes about 6.5 times its file on the heap).
   */
  public static final long MAX_MODEL_BYTES = 256L << 20;

  static final String BUNDLED_RESOURCE = "edu/stanford/nlp/models/pos-tagger/" + BUNDLED_MODEL;
  private static final String CLASSPATH_PREFIX = "classpath:";

  private ModelLocation() {}

  /** A model location that is not an ordinary model file: refused before it is read. */
  public static final class NotAModelFileException extends IOException {
    NotAModelFileException(String message) {
      super(message);
    }
  }

  /**
   * True when {@code spec} names the bundled model: {@code english-left3words-distsim.tagger} (and
   * no such file in the working directory) or {@code classpath:<resource>}.
   */
  public static boolean isBundled(String spec) {
    return spec.startsWith(CLASSPATH_PREFIX)
        || (spec.equals(BUNDLED_MODEL) && !new java.io.File(spec).exists());
  }

  /** True when reading the model needs no network: bundled, or on the local filesystem. */
  public static boolean isLocal(String spec) {
    return isBundled(spec) || !isRemotePath(spec);
  }

  /** True for a path on a non-local Beam filesystem (gs://, s3://, hdfs://, ...). */
  public static boolean isRemotePath(String path) {
    return path.contains("://") && !path.startsWith("file://");
  }

  /**
   * Opens the model for reading; a missing model is a {@link FileNotFoundException}, one that is
   * not an ordinary file of a model's size a {@link NotAModelFileException}. Callers read at most
   * {@link #MAX_MODEL_BYTES} + 1 bytes of it (a remote file's size may change under them).
   */
  public static InputStream open(String spec) throws IOException {
    if (isBundled(spec)) {
      String resource =
          spec.startsWith(CLASSPATH_PREFIX)
              ? spec.substring(CLASSPATH_PREFIX.length())
              : BUNDLED_RESOURCE;
      InputStream in = ModelLocation.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new FileNotFoundException(
            "the bundled model "
                + resource
                + " is not on the classpath; rebuild the jar with"
                + " 'mvn package' or give a .tagger file of your own");
      }
      return in;
    }
    if (!isRemotePath(spec)) {
      checkLocalFile(spec);
    }
    MatchResult.Metadata metadata;
    try {
      metadata = FileSystems.matchSingleFileSpec(spec);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("model file not found: " + spec);
    }
    if (metadata.resourceId().isDirectory()) {
      throw new NotAModelFileException(spec + ": it is a directory, not a model file");
    }
    checkSize(spec, metadata.sizeBytes());
    return Channels.newInputStream(FileSystems.open(metadata.resourceId()));
  }

  /**
   * A local model must be a regular file (after symbolic links): reading a device such as /dev/zero
   * or a FIFO would never end, or wait for a writer, before any check could run.
   */
  private static void checkLocalFile(String spec) throws IOException {
    Path path = Path.of(spec.startsWith("file://") ? spec.substring("file://".length()) : spec);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new FileNotFoundException("model file not found: " + spec);
    }
    if (attributes.isDirectory()) {
      throw new NotAModelFileException(spec + ": it is a directory, not a model file");
    }
    if (!attributes.isRegularFile()) {
      throw new NotAModelFileException(
          spec
              + ": it is not a regular file (a device, a FIFO or a"
              + " socket); a model must be an ordinary .tagger file");
    }
    checkSize(spec, attributes.size());
  }

  static void checkSize(String spec, long sizeBytes) throws NotAModelFileException {
    if (sizeBytes > MAX_MODEL_BYTES) {
      throw tooLarge(spec, sizeBytes + " bytes");
    }
  }

  static NotAModelFileException tooLarge(String spec, String size) {
    return new NotAModelFileException(
        spec
            + ": it is "
            + size
            + ", larger than any tagger model"
            + " (tagpipe reads at most "
            + (MAX_MODEL_BYTES >> 20)
            + " MiB; the largest CoreNLP"
            + " tagger, german-ud, is 68.6 MB); is it the right file?");
  }
}
