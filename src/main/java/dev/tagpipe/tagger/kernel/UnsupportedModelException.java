package dev.tagpipe.tagger.kernel;

/** The kernel cannot tag with this model exactly as MaxentTagger does; the reason says why. */
public final class UnsupportedModelException extends Exception {
  private static final long serialVersionUID = 1L;

  UnsupportedModelException(String reason) {
    super(reason);
  }

  UnsupportedModelException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
