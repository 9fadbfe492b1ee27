/**
 * Streams over a watched folder: {@link dev.tagpipe.stream.WatchInput} gives each file that appears
 * under a pattern once, and each new good version of a model file, for a job that tags files as
 * they arrive and swaps its model without stopping. Exactly once across a restore on runners that
 * restore from checkpoints (Flink). How: {@code docs/architecture.md}.
 */
package dev.tagpipe.stream;
