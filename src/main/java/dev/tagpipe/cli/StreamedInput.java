package dev.tagpipe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An {@code --input} that is a stream rather than a file: standard input ({@code -}) or a pipe or
 * FIFO ({@code <(zcat corpus.gz)}, {@code /dev/fd/N}, {@code mkfifo}). Such an input can be read
 * once, from the start, by one reader; tagpipe's readers share a file by seeking to their parts of
 * it. So the launcher reads the stream once, to its end, into a temporary file, and the pipeline
 * reads that copy (every reader, every format, as any file), while ids and rejections still name
 * the input as the user gave it ({@code stdin} for {@code -}). The copy is deleted when the
 * launcher ends, also when it ends on a fatal error ({@link #deleteCopy}).
 */
final class StreamedInput {
  /** The {@code --input} that means standard input. */
  static final String STDIN = "-";

  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFSOCK = 0140000;

  private static volatile Path copyFolder; // the one copy this launcher made, if any

  private StreamedInput() {}

  /**
   * True if {@code input} is standard input or a local path to something that is neither a regular
   * file nor a directory (a pipe, a FIFO, a device: {@link #checkIsPipe} tells them apart).
   */
  static boolean isStream(String input) {
    if (input == null) {
      return false;
    }
    if (input.equals(STDIN)) {
      return true;
    }
    if (input.contains("://") || input.matches(".*[*?\\[{].*")) {
      return false; // a remote path or a glob: files, listed as such
    }
    try {
      BasicFileAttributes a = Files.readAttributes(Path.of(input), BasicFileAttributes.class);
      return !a.isRegularFile() && !a.isDirectory();
    } catch (IOException | RuntimeException e) {
      return false; // missing: Preflight says so
    }
  }

  /**
   * A streamed input must be a pipe, FIFO or socket: a terminal would wait for typing and a device
   * such as /dev/zero never ends. Known from the file mode where the filesystem gives it (Linux,
   * macOS); elsewhere standard input counts as a terminal when the JVM has a console.
   */
  static void checkIsPipe(String input) {
    String what = input.equals(STDIN) ? "--input=- reads standard input, which" : input;
    Path path = Path.of(input.equals(STDIN) ? "/dev/stdin" : input);
    Integer mode = null;
    try {
      mode = (Integer) Files.getAttribute(path, "unix:mode");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      if (input.equals(STDIN) && System.console() != null) {
        throw new UserError(
            what
                + " is a terminal here; pipe the sentences in, e.g. zcat"
                + " corpus.gz | pipelines/tag --input=- ...");
      }
    }
    if (mode != null && (mode & S_IFMT) != S_IFIFO && (mode & S_IFMT) != S_IFSOCK) {
      throw new UserError(
          what
              + " is a terminal or a device, not a file or a pipe; give a file,"
              + " or pipe the sentences in (zcat corpus.gz | pipelines/tag --input=- ...)");
    }
  }

  /** What ids call the input: "stdin" for standard input, else the path as given. */
  static String nameInIds(String input) {
    return input.equals(STDIN) ? "stdin" : input;
  }

  /**
   * Reads the stream to its end into a temporary file and returns the file. The copy gets the
   * extension of the compression its first bytes show (gzip, bzip2, zstd), so that a compressed
   * stream is read as such. Every problem is a {@link UserError}. Preflight has already checked
   * that the input is a pipe ({@link #checkIsPipe}).
   */
  static Path copy(String input, PrintStream out) {
    boolean stdin = input.equals(STDIN);
    String what = stdin ? "standard input" : input;
    Path dir;
    try {
      dir = Files.createTempDirectory("tagpipe-input");
    } catch (IOException e) {
      throw new UserError(
          "cannot make a temporary folder to hold "
              + what
              + " ("
              + e.getMessage()
              + "); set a writable one with JAVA_OPTS=-Djava.io.tmpdir=DIR");
    }
    copyFolder = dir;
    Runtime.getRuntime()
        .addShutdownHook(new Thread(StreamedInput::deleteCopy, "tagpipe-delete-input-copy"));
    Path copy = dir.resolve(stdin ? "stdin" : "stream");
    out.println(
        "tagpipe: reading "
            + what
            + " to its end into "
            + copy
            + " (readers share a file by seeking in it; a stream cannot seek)"
            + (stdin ? "" : "; a FIFO waits here until something writes to it"));
    long bytes = 0;
    byte[] head = new byte[4];
    int headBytes = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = stdin ? System.in : Files.newInputStream(Path.of(input));
        OutputStream o = Files.newOutputStream(copy)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (headBytes < head.length) {
          int k = Math.min(n, head.length - headBytes);
          System.arraycopy(buffer, 0, head, headBytes, k);
          headBytes += k;
        }
        try {
          o.write(buffer, 0, n);
        } catch (IOException e) {
          throw new UserError(
              "could not write the copy of "
                  + what
                  + " to "
                  + copy
                  + " ("
                  + e.getMessage()
                  + ", after "
                  + bytes
                  + " bytes); free space there, or set another"
                  + " temporary folder with JAVA_OPTS=-Djava.io.tmpdir=DIR");
        }
        bytes += n;
      }
    } catch (IOException e) {
      throw new UserError(
          "could not read " + what + " (" + e.getMessage() + ", after " + bytes + " bytes)");
    }
    String extension = compressionExtension(head, headBytes);
    if (extension != null) {
      Path renamed = dir.resolve(copy.getFileName() + extension);
      try {
        Files.move(copy, renamed);
      } catch (IOException e) {
        throw new UserError("could not rename the copy of " + what + ": " + e.getMessage());
      }
      copy = renamed;
    }
    out.printf(
        "tagpipe: read %,d bytes of %s%s%n",
        bytes, what, extension == null ? "" : " (" + extension.substring(1) + "-compressed)");
    return copy;
  }

  /** Deletes the copy, if this launcher made one: at exit, and before a fatal error's halt. */
  static void deleteCopy() {
    Path dir = copyFolder;
    copyFolder = null;
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary folder: nothing more to do
    }
  }

  /**
   * ".gz", ".bz2" or ".zst" for a stream starting with that format's magic bytes (gzip's with its
   * only compression method, bzip2's with its block size digit), else null.
   */
  static String compressionExtension(byte[] head, int n) {
    if (n >= 3 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8) {
      return ".gz";
    }
    if (n >= 4
        && head[0] == 'B'
        && head[1] == 'Z'
        && head[2] == 'h'
        && head[3] >= '1'
        && head[3] <= '9') {
      return ".bz2";
    }
    if (n >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ".zst";
    }
    return null;
  }
}
