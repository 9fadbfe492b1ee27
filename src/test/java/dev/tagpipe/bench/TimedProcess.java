package dev.tagpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one command as a child process, timed whole, its output to a log file. */
final class TimedProcess {
  private TimedProcess() {}

  record Result(double wallSeconds, long peakRssKb) {}

  /** Runs {@code cmd}; fails, naming the log, if it exits non-zero. */
  static Result run(List<String> cmd, Path log, String what) throws Exception {
    Files.createDirectories(log.getParent());
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long peak = 0;
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, peakRssKb(p.pid()));
    }
    double wall = (System.nanoTime() - start) / 1e9;
    if (p.exitValue() != 0) {
      throw new IllegalStateException(what + " failed; see " + log);
    }
    return new Result(wall, peak);
  }

  /** The process's high-water resident set (VmHWM), read while it runs. */
  private static long peakRssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // exited between polls, or no /proc: keep what we have
    }
    return 0;
  }
}
