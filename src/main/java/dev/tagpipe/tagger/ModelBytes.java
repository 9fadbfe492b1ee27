package dev.tagpipe.tagger;

import dev.tagpipe.model.TaggerModel;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a model's bytes (never more than {@link ModelLocation#MAX_MODEL_BYTES}) and fingerprints
 * them.
 */
public final class ModelBytes {
  private ModelBytes() {}

  public static TaggerModel read(String spec) throws IOException {
    try (InputStream in = ModelLocation.open(spec)) {
      // One byte over the bound tells a file that grew after it was listed (or a remote file
      // whose listed size was wrong) from one exactly at the bound.
      byte[] bytes = in.readNBytes((int) ModelLocation.MAX_MODEL_BYTES + 1);
      if (bytes.length > ModelLocation.MAX_MODEL_BYTES) {
        throw ModelLocation.tooLarge(spec, "over " + ModelLocation.MAX_MODEL_BYTES + " bytes");
      }
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
