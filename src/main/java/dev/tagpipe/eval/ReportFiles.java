package dev.tagpipe.eval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where an evaluation's report goes, {@code <output>-evaluation.json} and {@code
 * <output>-evaluation.html}, written through Beam's {@link FileSystems} like the pipeline's own
 * output: a local path, {@code gs://} or any filesystem registered with Beam. The launcher finds
 * the two files before reading any data ({@link #at}), so an output no filesystem can write is an
 * error then, not after the evaluation has run. {@link FileSystems} must know the run's options
 * first ({@link FileSystems#setDefaultPipelineOptions}), which registers the filesystems.
 *
 * @param json {@code <output>-evaluation.json}
 * @param html {@code <output>-evaluation.html}
 */
record ReportFiles(ResourceId json, ResourceId html) {
  /**
   * The report files for {@code --output=PREFIX}.
   *
   * @throws IllegalArgumentException if no registered filesystem takes the prefix (a scheme such as
   *     {@code s3://} without Beam's filesystem for it, or a malformed {@code gs://} bucket); its
   *     message is one line that names {@code --output}
   */
  static ReportFiles at(String outputPrefix) {
    try {
      return new ReportFiles(
          FileSystems.matchNewResource(outputPrefix + "-evaluation.json", false),
          FileSystems.matchNewResource(outputPrefix + "-evaluation.html", false));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot write the report to --output=" + outputPrefix + ": " + e.getMessage(), e);
    }
  }

  /** Writes both files, the JSON first. */
  void write(EvaluationReport report) throws IOException {
    write(json, "application/json", JsonReport.render(report));
    write(html, "text/html", HtmlReport.render(report).getBytes(StandardCharsets.UTF_8));
  }

  private static void write(ResourceId file, String mimeType, byte[] content) throws IOException {
    try (WritableByteChannel channel = FileSystems.create(file, mimeType)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }
}
