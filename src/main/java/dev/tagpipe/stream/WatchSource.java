package dev.tagpipe.stream;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Watches a file pattern and, optionally, a model file, as one unbounded source: every file that
 * appears under the pattern is emitted once (as a {@link WatchEvent#file}), and every new good
 * version of the model as a {@link WatchEvent#model} ({@link ModelWatch}). Each is stamped with the
 * time it was seen; the watermark trails the clock by a second. The reader ({@link WatchReader})
 * glues the two; which files count as seen, and for how long, is {@link SeenFiles}'s rule.
 *
 * <p>Why one source for both: they share one clock. After {@code stopAfterIdleMillis} with no new
 * file, the watermark jumps to the end of time and the source ends, which ends the job (tests,
 * "catch up, then stop" runs); a model watcher of its own would keep the job alive for ever. Beam's
 * {@code Watch} busy-polls on Flink; this reader lists at most once per poll interval.
 *
 * <p>Exactly once across a restore ({@code emitAfterCheckpoint}, for runners that restore failed
 * work from checkpoints, as Flink does): a file is stamped with the time it was first seen, kept in
 * the checkpoint mark until emitted, and emitted only once a checkpoint that records it has
 * completed, the watermark held before it meanwhile. A restored reader emits it again with the same
 * timestamp, so its sentences land in the same window as on the first attempt, and that window's
 * files are written again under the same names (see {@code WriteTagged}) instead of a second copy
 * in a later window.
 */
final class WatchSource extends UnboundedSource<WatchEvent, WatchCheckpoint> {
  private final WatchSettings settings;

  WatchSource(WatchSettings settings) {
    this.settings = settings;
  }

  WatchSettings settings() {
    return settings;
  }

  @Override
  public List<WatchSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this); // one watcher: listing a folder is cheap, and files are emitted once
  }

  @Override
  public UnboundedReader<WatchEvent> createReader(PipelineOptions options, WatchCheckpoint mark) {
    return new WatchReader(this, mark);
  }

  @Override
  public Coder<WatchCheckpoint> getCheckpointMarkCoder() {
    return WatchCheckpoint.Coder.of();
  }

  @Override
  public Coder<WatchEvent> getOutputCoder() {
    return WatchEvent.Coder.of();
  }
}
