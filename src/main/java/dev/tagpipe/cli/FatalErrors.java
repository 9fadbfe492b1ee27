package dev.tagpipe.cli;

import java.io.PrintStream;

/**
 * Makes sure the launcher's process always ends. A JVM {@link Error} (out of memory, stack
 * overflow, a class that cannot be linked) in any thread ends the process at once with exit code 1
 * and one line that says what to do, instead of leaving a dead main thread and live worker threads
 * behind (a hang). No summary is written for such a run, so its output never looks complete. Used
 * only by {@code main}: tests and Flink clients call the launcher in their own JVM.
 */
final class FatalErrors {
  /** An exit that takes longer than this (a stuck shutdown hook) is cut short. */
  static final int EXIT_GRACE_SECONDS = 10;

  private static PrintStream err = System.err;
  // Set once the launcher has decided the exit code: the JVM is shutting down.
  private static volatile boolean exiting;

  private FatalErrors() {}

  /** Every thread's uncaught Error ends the process (DirectRunner workers, Flink, timers). */
  static void install(PrintStream stderr) {
    err = stderr;
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof Error error && exiting) {
            // A runner's shutdown hook failing after the job's outcome is known and reported (seen:
            // Flink's hook not finding a Scala class as the JVM went down) must not turn a run that
            // succeeded into a failure; the exit goes on with the code already decided.
            err.println(
                "tagpipe: warning: while shutting down, thread "
                    + thread.getName()
                    + ": "
                    + explain(error));
          } else if (e instanceof Error error) {
            die(error, thread.getName());
          } else {
            err.println("tagpipe: warning: thread " + thread.getName() + " died: " + e);
          }
        });
  }

  /** Reports the error in one line and ends the process with exit code 1, whatever runs. */
  static void die(Error e, String where) {
    try {
      err.println("tagpipe: error: " + explain(e) + " (in thread " + where + ")");
      err.flush();
      StreamedInput.deleteCopy(); // halt skips the hook that would delete it
    } finally {
      Runtime.getRuntime().halt(ExitCode.FAILED.code); // no shutdown hook may keep us here
    }
  }

  /** What went wrong and what to do about it, for the errors users meet. */
  static String explain(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "the JVM ran out of memory ("
          + e.getMessage()
          + ", max heap "
          + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MB); give it more heap, e.g."
          + " JAVA_OPTS=-Xmx"
          + suggestedHeapGb()
          + "g pipelines/tag ..., or lower"
          + " --maxLineBytes, --maxSentenceTokens or the parallelism";
    }
    if (e instanceof StackOverflowError) {
      return "a thread ran out of stack (StackOverflowError); give threads more stack, e.g."
          + " JAVA_OPTS='-Xmx2g -Xss4m'";
    }
    if (e instanceof LinkageError) {
      return "a class could not be loaded or linked ("
          + e
          + "); the jar is incomplete or mixed with another version: rebuild it (mvn package)";
    }
    return "the JVM failed: " + e;
  }

  /** Twice the current heap, in whole gigabytes, at least 2. */
  private static long suggestedHeapGb() {
    long gb = 2 * Runtime.getRuntime().maxMemory() / (1L << 30);
    return Math.max(2, gb + 1);
  }

  /** Ends the process with {@code code}; a shutdown hook that hangs does not keep it alive. */
  static void exit(int code) {
    exiting = true;
    Thread guard =
        new Thread(
            () -> {
              try {
                Thread.sleep(EXIT_GRACE_SECONDS * 1000L);
              } catch (InterruptedException e) {
                return;
              }
              Runtime.getRuntime().halt(code);
            },
            "tagpipe-exit-guard");
    guard.setDaemon(true);
    guard.start();
    System.exit(code);
  }
}
