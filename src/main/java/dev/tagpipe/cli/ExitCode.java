package dev.tagpipe.cli;

/** The launcher's exit codes. README documents them; tests and scripts rely on them. */
enum ExitCode {
  /** The job ran and every sentence was tagged or rejected. */
  DONE(0),
  /** The run failed, or its counts did not reconcile. */
  FAILED(1),
  /** A mistake in the options, input or model, reported before any data was read. */
  USER_ERROR(2),
  /** A watching job stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
  STOPPED(130);

  final int code;

  ExitCode(int code) {
    this.code = code;
  }
}
