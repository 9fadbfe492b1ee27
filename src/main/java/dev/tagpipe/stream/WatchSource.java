package dev.tagpipe.stream;

import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.ModelException;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.TaggerCache;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a file pattern and, optionally, a model file, as one unbounded source: every file that
 * appears under the pattern is emitted once (as a {@link WatchEvent#file}), and every new good
 * version of the model (its SHA-256 changed and it passes the safe loader) as a {@link
 * WatchEvent#model}. Each is stamped with the time it was seen; the watermark trails the clock by
 * a second.
 *
 * <p>Why one source for both: they share one clock. After {@code stopAfterIdleMillis} with no new
 * file, the watermark jumps to the end of time and the source ends, which ends the job (tests,
 * "catch up, then stop" runs); a model watcher of its own would keep the job alive for ever.
 * Listing happens at most once per poll interval however often the runner asks, so an idle job
 * costs next to nothing (Beam's {@code Watch} busy-polls on Flink).
 *
 * <p>A model version that fails the check (hostile, truncated, half-written) is refused with a
 * log line and a {@link WatchEvent#refused} event (counted as {@code tagpipe/modelsRefused}); tagging goes on with the last good one,
 * and the file is read again when its size or modification time changes. The checkpoint mark
 * holds the files seen and the model taken, so a restarted reader neither repeats nor loses
 * files.
 */
public final class WatchSource extends UnboundedSource<WatchEvent, WatchSource.Checkpoint> {
  private static final Logger LOG = LoggerFactory.getLogger(WatchSource.class);

  private final String filePattern;
  private final long pollMillis;
  private final long stopAfterIdleMillis; // 0: never
  private final String modelSpec;
  private final long modelPollMillis; // 0: the model is read once, at the start

  public WatchSource(String filePattern, long pollMillis, long stopAfterIdleMillis,
      String modelSpec, long modelPollMillis) {
    this.filePattern = filePattern;
    this.pollMillis = pollMillis;
    this.stopAfterIdleMillis = stopAfterIdleMillis;
    this.modelSpec = modelSpec;
    this.modelPollMillis = modelPollMillis;
  }

  /**
   * What a reader has emitted, for a restart (runners restart readers from their marks, the
   * DirectRunner every few bundles): the files, the model taken, the time of the last new file
   * (the idle clock) and whether the watch had ended.
   */
  public static final class Checkpoint implements UnboundedSource.CheckpointMark, Serializable {
    final Set<String> filesSeen;
    final String modelSha256;
    final long lastNewFileMillis;
    final boolean finished;

    Checkpoint(Set<String> filesSeen, String modelSha256, long lastNewFileMillis,
        boolean finished) {
      this.filesSeen = filesSeen;
      this.modelSha256 = modelSha256;
      this.lastNewFileMillis = lastNewFileMillis;
      this.finished = finished;
    }

    @Override
    public void finalizeCheckpoint() {}

    // Value semantics, which SerializableCoder asks of what it encodes.
    @Override
    public boolean equals(Object o) {
      return o instanceof Checkpoint c && filesSeen.equals(c.filesSeen)
          && java.util.Objects.equals(modelSha256, c.modelSha256)
          && lastNewFileMillis == c.lastNewFileMillis && finished == c.finished;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(filesSeen, modelSha256, lastNewFileMillis, finished);
    }
  }

  @Override
  public List<WatchSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this); // one watcher: listing a folder is cheap, and files are emitted once
  }

  @Override
  public UnboundedReader<WatchEvent> createReader(PipelineOptions options, Checkpoint mark) {
    return new Reader(this, mark);
  }

  @Override
  public Coder<Checkpoint> getCheckpointMarkCoder() {
    return SerializableCoder.of(Checkpoint.class);
  }

  @Override
  public Coder<WatchEvent> getOutputCoder() {
    return WatchEvent.Coder.of();
  }

  private static final class Reader extends UnboundedReader<WatchEvent> {
    private final WatchSource source;
    private final Set<String> filesSeen; // emitted: only these are in a checkpoint mark
    private final Set<String> filesPending = new HashSet<>();
    private final List<WatchEvent> pending = new ArrayList<>();
    private final boolean restored;
    private WatchEvent current;
    private Instant currentTimestamp;
    private long lastFileListing;
    private long lastModelCheck;
    private long lastNewFile;
    private boolean finished;
    // The model file as last read: when neither changes, it is not read again.
    private long modelSize = -1;
    private long modelModified = -1;
    private String modelSha256;

    Reader(WatchSource source, Checkpoint mark) {
      this.source = source;
      this.restored = mark != null;
      this.filesSeen = mark == null ? new HashSet<>() : new HashSet<>(mark.filesSeen);
      this.modelSha256 = mark == null ? null : mark.modelSha256;
      this.lastNewFile = mark == null ? System.currentTimeMillis() : mark.lastNewFileMillis;
      this.finished = mark != null && mark.finished;
    }

    @Override
    public boolean start() throws IOException {
      // A restored reader's side input already holds the model it took: only a change counts.
      checkModel(!restored);
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      if (pending.isEmpty() && !finished) {
        poll();
      }
      if (pending.isEmpty()) {
        current = null;
        return false;
      }
      current = pending.remove(0);
      currentTimestamp = Instant.now();
      if (current.isFile()) {
        filesPending.remove(current.file());
        filesSeen.add(current.file());
      } else if (current.isModel()) {
        modelSha256 = current.model().sha256();
      }
      return true;
    }

    private void poll() throws IOException {
      long now = System.currentTimeMillis();
      if (source.modelPollMillis > 0 && now - lastModelCheck >= source.modelPollMillis) {
        checkModel(false); // a new model goes before the files seen in the same poll
      }
      if (now - lastFileListing >= source.pollMillis) {
        lastFileListing = now;
        List<MatchResult.Metadata> files =
            FileSystems.match(source.filePattern, EmptyMatchTreatment.ALLOW).metadata();
        for (MatchResult.Metadata file : files) {
          String name = file.resourceId().toString();
          if (!file.resourceId().isDirectory() && !filesSeen.contains(name)
              && filesPending.add(name)) {
            pending.add(WatchEvent.file(name));
            lastNewFile = now;
          }
        }
      }
      if (pending.isEmpty() && source.stopAfterIdleMillis > 0
          && now - lastNewFile >= source.stopAfterIdleMillis) {
        LOG.info("No new file under {} for {} ms: the watch ends", source.filePattern,
            source.stopAfterIdleMillis);
        finished = true;
      }
    }

    /**
     * Emits the model if its bytes are new and it loads safely. At the start the model is
     * emitted whatever it was before a restart, and a bad one fails the job (the launcher checked
     * it already); later, a bad one is refused and the last good one stays.
     */
    private void checkModel(boolean atStart) throws IOException {
      lastModelCheck = System.currentTimeMillis();
      if (!changedOnDisk() && !atStart) {
        return;
      }
      TaggerModel model;
      try {
        model = ModelBytes.read(source.modelSpec);
      } catch (IOException e) {
        if (atStart) {
          throw e;
        }
        refuse("cannot read it: " + e.getMessage());
        return;
      }
      if (!atStart && model.sha256().equals(newestModelSha256())) {
        return; // touched, same bytes
      }
      try {
        // Loaded where the tagging will find it, if it runs in this JVM; checked either way.
        TaggerCache.shared().get(model);
      } catch (ModelException e) {
        if (atStart) {
          throw e;
        }
        refuse(e.getMessage());
        return;
      }
      // The version is the time it was taken: the newest wins, across restarts too.
      pending.add(WatchEvent.model(model.withVersion(System.currentTimeMillis())));
      if (!atStart) {
        LOG.info("New model {} (sha256 {}): sentences read from now on are tagged with it",
            source.modelSpec, model.sha256());
      }
    }

    /** The model last emitted or about to be. */
    private String newestModelSha256() {
      for (int i = pending.size() - 1; i >= 0; i--) {
        if (pending.get(i).isModel()) {
          return pending.get(i).model().sha256();
        }
      }
      return modelSha256;
    }

    private boolean changedOnDisk() {
      if (ModelLocation.isBundled(source.modelSpec)) {
        return false;
      }
      try {
        MatchResult.Metadata m = FileSystems.matchSingleFileSpec(source.modelSpec);
        long modified = m.lastModifiedMillis();
        if (m.sizeBytes() == modelSize && modified == modelModified) {
          return false;
        }
        modelSize = m.sizeBytes();
        modelModified = modified;
        return true;
      } catch (IOException e) {
        return false; // being replaced: look again at the next poll
      }
    }

    private void refuse(String why) {
      pending.add(WatchEvent.refused(why));
      LOG.warn("Refused the new version of model {}: {}. Tagging goes on with the last good"
          + " model ({})", source.modelSpec, why, modelSha256);
    }

    @Override
    public WatchEvent getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    @Override
    public Instant getWatermark() {
      if (finished && pending.isEmpty()) {
        return BoundedWindow.TIMESTAMP_MAX_VALUE;
      }
      return Instant.now().minus(org.joda.time.Duration.standardSeconds(1));
    }

    @Override
    public Checkpoint getCheckpointMark() {
      return new Checkpoint(new HashSet<>(filesSeen), modelSha256, lastNewFile,
          finished && pending.isEmpty());
    }

    @Override
    public UnboundedSource<WatchEvent, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
