package dev.tagpipe.cli;

/** A mistake in what the user asked for. Reported as one clear message, never a stack trace. */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
