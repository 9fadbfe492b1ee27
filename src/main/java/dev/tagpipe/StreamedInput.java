package dev.tagpipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An {@code --input} that is a stream rather than a file: standard input ({@code -}), a pipe or
 * FIFO ({@code <(zcat corpus.gz)}, {@code /dev/fd/N}, {@code mkfifo}) or a character device. Such
 * an input can be read once, from the start, by one reader; tagpipe's readers share a file by
 * seeking to their parts of it. So the launcher reads the stream once, to its end, into a temporary
 * file, and the pipeline reads that copy (every reader, every format, as any file), while ids and
 * rejections still name the input as the user gave it ({@code stdin} for {@code -}). The copy is
 * deleted when the launcher ends.
 */
final class StreamedInput {
  /** The {@code --input} that means standard input. */
  static final String STDIN = "-";

  private StreamedInput() {}

  /** True if {@code input} is standard input or a local path to something that is not a file. */
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

  /** What ids call the input: "stdin" for standard input, else the path as given. */
  static String nameInIds(String input) {
    return input.equals(STDIN) ? "stdin" : input;
  }

  /**
   * Standard input is a terminal: reading it would wait for typing, which is never what a tagging
   * run wants. Known on Linux from /proc; elsewhere assumed not.
   */
  static boolean stdinIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * Reads the stream to its end into a temporary file and returns the file. The copy gets the
   * extension of the compression its first bytes show (gzip, bzip2, zstd), so that a compressed
   * stream is read as such. Every problem is a {@link UserError}.
   */
  static Path copy(String input, PrintStream out) {
    boolean stdin = input.equals(STDIN);
    if (stdin && stdinIsTerminal()) {
      throw new UserError(
          "--input=- reads standard input, which is a terminal here; pipe the"
              + " sentences in, e.g. zcat corpus.gz | pipelines/tag --input=- ...");
    }
    String what = stdin ? "standard input" : input;
    Path dir;
    Path copy;
    try {
      dir = Files.createTempDirectory("tagpipe-input");
      copy = dir.resolve(stdin ? "stdin" : "stream");
      dir.toFile().deleteOnExit();
      copy.toFile().deleteOnExit(); // deleted in reverse order: the file, then its folder
    } catch (IOException e) {
      throw new UserError(
          "cannot make a temporary file to hold "
              + what
              + " ("
              + e.getMessage()
              + "); set a writable temporary folder with JAVA_OPTS=-Djava.io.tmpdir=DIR");
    }
    out.println(
        "tagpipe: reading "
            + what
            + " to its end into "
            + copy
            + " (readers share a file by seeking in it; a stream cannot seek)"
            + (stdin ? "" : "; a FIFO waits here until something writes to it"));
    long bytes;
    byte[] head = new byte[4];
    int headBytes;
    try (InputStream in = stdin ? System.in : Files.newInputStream(Path.of(input));
        OutputStream o = Files.newOutputStream(copy)) {
      headBytes = in.readNBytes(head, 0, head.length);
      o.write(head, 0, headBytes);
      bytes = headBytes + in.transferTo(o);
    } catch (IOException e) {
      throw new UserError("could not read " + what + ": " + e.getMessage());
    }
    String extension = compressionExtension(head, headBytes);
    if (extension != null) {
      Path renamed = dir.resolve(copy.getFileName() + extension);
      try {
        Files.move(copy, renamed);
      } catch (IOException e) {
        throw new UserError("could not rename the copy of " + what + ": " + e.getMessage());
      }
      renamed.toFile().deleteOnExit();
      copy = renamed;
    }
    out.printf(
        "tagpipe: read %,d bytes of %s%s%n",
        bytes, what, extension == null ? "" : " (" + extension.substring(1) + "-compressed)");
    return copy;
  }

  /** ".gz", ".bz2" or ".zst" for a stream starting with that format's magic bytes, else null. */
  static String compressionExtension(byte[] head, int n) {
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return ".gz";
    }
    if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
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
