package dev.tagpipe.tagger;

import dev.tagpipe.model.TaggerModel;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a model's bytes and fingerprints them. */
public final class ModelBytes {
  private ModelBytes() {}

  public static TaggerModel read(String spec) throws IOException {
    try (InputStream in = ModelLocation.open(spec)) {
      byte[] bytes = in.readAllBytes();
      return new TaggerModel(spec, sha256(bytes), bytes);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
