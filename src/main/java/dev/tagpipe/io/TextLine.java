package dev.tagpipe.io;

/**
 * One line of a text file, decoded ({@link LineDecoder}): its text, or why it must be rejected.
 *
 * @param number 1-based
 * @param byteOffset of the line's first byte in the (decompressed) file
 * @param text the decoded text ("" for a line too long to hold)
 * @param problem why the line is rejected, or null
 */
record TextLine(long number, long byteOffset, String text, String problem) {
  /** A blank line ends a paragraph, and so does a rejected line (it is a unit of its own). */
  boolean endsParagraph() {
    return problem != null || text.isBlank();
  }

  /** A blank line: it separates paragraphs and is nothing of its own. */
  boolean isBlank() {
    return problem == null && text.isBlank();
  }
}
