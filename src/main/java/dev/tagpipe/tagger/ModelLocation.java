package dev.tagpipe.tagger;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Where a model comes from: the default model bundled in the jar, or a file on any Beam
 * filesystem (local path, gs://, s3://, hdfs://...).
 */
public final class ModelLocation {
  /** The name users give for the model shipped inside the bundled jar. */
  public static final String BUNDLED_MODEL = "english-left3words-distsim.tagger";

  static final String BUNDLED_RESOURCE =
      "edu/stanford/nlp/models/pos-tagger/" + BUNDLED_MODEL;
  private static final String CLASSPATH_PREFIX = "classpath:";

  private ModelLocation() {}

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

  /** Opens the model for reading; a missing model is a {@link FileNotFoundException}. */
  public static InputStream open(String spec) throws IOException {
    if (isBundled(spec)) {
      String resource =
          spec.startsWith(CLASSPATH_PREFIX) ? spec.substring(CLASSPATH_PREFIX.length())
              : BUNDLED_RESOURCE;
      InputStream in = ModelLocation.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new FileNotFoundException(
            "the bundled model " + resource + " is not on the classpath; rebuild the jar with"
                + " 'mvn package' or pass --model=<path to a .tagger file>");
      }
      return in;
    }
    MatchResult.Metadata metadata;
    try {
      metadata = FileSystems.matchSingleFileSpec(spec);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("model file not found: " + spec);
    }
    if (metadata.resourceId().isDirectory()) {
      throw new FileNotFoundException(spec + " is a directory, not a model file");
    }
    return Channels.newInputStream(FileSystems.open(metadata.resourceId()));
  }
}
