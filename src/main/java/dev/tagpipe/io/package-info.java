/**
 * Reading sentences from files and writing tagged sentences to files, on any Beam filesystem.
 *
 * <p>Public: {@link dev.tagpipe.io.ReadSentences} (token lines, raw text, CoNLL-U or JSON Lines
 * documents with {@link dev.tagpipe.io.JsonFields}; compressed files; a file read by several
 * readers without a shuffle), {@link dev.tagpipe.io.SplitText} and {@link
 * dev.tagpipe.io.SplitTokenLines} (strings already in the pipeline), {@link
 * dev.tagpipe.io.WriteTagged}, {@link dev.tagpipe.io.WriteRejections}, {@link
 * dev.tagpipe.io.RenderDocuments} and {@link dev.tagpipe.io.WriteLines} (tagged documents), and the
 * formats ({@link dev.tagpipe.io.InputFormat}, {@link dev.tagpipe.io.OutputFormat}). The parsers,
 * the line reader and the sharing of a file between readers are package-private: how they work is
 * in {@code docs/architecture.md}.
 */
package dev.tagpipe.io;
