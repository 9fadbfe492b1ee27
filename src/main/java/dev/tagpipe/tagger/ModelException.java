package dev.tagpipe.tagger;

/** A model that cannot or must not be used. The message names the model and what to do. */
public final class ModelException extends RuntimeException {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
