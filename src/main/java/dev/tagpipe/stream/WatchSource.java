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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * WatchEvent#model}. Each is stamped with the time it was seen; the watermark trails the clock by a
 * second.
 *
 * <p>Why one source for both: they share one clock. After {@code stopAfterIdleMillis} with no new
 * file, the watermark jumps to the end of time and the source ends, which ends the job (tests,
 * "catch up, then stop" runs); a model watcher of its own would keep the job alive for ever.
 * Listing happens at most once per poll interval however often the runner asks, so an idle job
 * costs next to nothing (Beam's {@code Watch} busy-polls on Flink).
 *
 * <p>A model version that fails the check (hostile, truncated, half-written) is refused with a log
 * line and a {@link WatchEvent#refused} event (counted as {@code tagpipe/modelsRefused}); tagging
 * goes on with the last good one, and the file is read again when its size or modification time
 * changes. The checkpoint mark holds the files seen and the model taken, so a restarted reader
 * neither repeats nor loses files.
 *
 * <p>Exactly once across a restore ({@code emitAfterCheckpoint}, for runners that restore failed
 * work from checkpoints, as Flink does): a file is stamped with the time it was first seen, kept in
 * the checkpoint mark until emitted, and emitted only once a checkpoint that records it has
 * completed, the watermark held before it meanwhile. A restored reader emits it again with the same
 * timestamp, so its sentences land in the same window as on the first attempt, and that window's
 * files are written again under the same names (see {@code WriteTagged}) instead of a second copy
 * in a later window.
 */
public final class WatchSource extends UnboundedSource<WatchEvent, WatchSource.Checkpoint> {
  private static final Logger LOG = LoggerFactory.getLogger(WatchSource.class);

  private final String filePattern;
  private final long pollMillis;
  private final long stopAfterIdleMillis; // 0: never
  private final String modelSpec;
  private final long modelPollMillis; // 0: the model is read once, at the start
  private final boolean emitAfterCheckpoint;

  public WatchSource(
      String filePattern,
      long pollMillis,
      long stopAfterIdleMillis,
      String modelSpec,
      long modelPollMillis,
      boolean emitAfterCheckpoint) {
    this.filePattern = filePattern;
    this.pollMillis = pollMillis;
    this.stopAfterIdleMillis = stopAfterIdleMillis;
    this.modelSpec = modelSpec;
    this.modelPollMillis = modelPollMillis;
    this.emitAfterCheckpoint = emitAfterCheckpoint;
  }

  /**
   * What a reader has emitted, for a restart (runners restart readers from their marks, the
   * DirectRunner every few bundles): the files, the model taken, the time of the last new file (the
   * idle clock), whether the watch had ended, and the files seen but not yet emitted with the time
   * each was first seen.
   */
  public static final class Checkpoint implements UnboundedSource.CheckpointMark, Serializable {
    final Set<String> filesSeen;
    final Map<String, Long> filesNotYetEmitted;
    final String modelSha256;
    final long lastNewFileMillis;
    final boolean finished;
    // The reader that made this mark, told when the runner has made the mark durable; null in
    // a mark restored from a checkpoint (it was durable, so its files are emitted at once).
    private final transient Reader reader;

    Checkpoint(
        Set<String> filesSeen,
        Map<String, Long> filesNotYetEmitted,
        String modelSha256,
        long lastNewFileMillis,
        boolean finished,
        Reader reader) {
      this.filesSeen = filesSeen;
      this.filesNotYetEmitted = filesNotYetEmitted;
      this.modelSha256 = modelSha256;
      this.lastNewFileMillis = lastNewFileMillis;
      this.finished = finished;
      this.reader = reader;
    }

    @Override
    public void finalizeCheckpoint() {
      if (reader != null) {
        reader.durable(filesNotYetEmitted.keySet());
      }
    }

    // Value semantics, which SerializableCoder asks of what it encodes.
    @Override
    public boolean equals(Object o) {
      return o instanceof Checkpoint c
          && filesSeen.equals(c.filesSeen)
          && filesNotYetEmitted.equals(c.filesNotYetEmitted)
          && java.util.Objects.equals(modelSha256, c.modelSha256)
          && lastNewFileMillis == c.lastNewFileMillis
          && finished == c.finished;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(
          filesSeen, filesNotYetEmitted, modelSha256, lastNewFileMillis, finished);
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
    private final Set<String> filesSeen; // emitted
    // Seen, not yet emitted, with the time first seen (their timestamp), in the order seen.
    private final Map<String, Long> filesNotYetEmitted = new LinkedHashMap<>();
    // Those of them in a checkpoint the runner has completed; written by the runner's thread.
    private final Set<String> filesDurable = ConcurrentHashMap.newKeySet();
    private final List<WatchEvent> pending = new ArrayList<>(); // model versions and refusals
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
      if (mark != null) {
        filesNotYetEmitted.putAll(mark.filesNotYetEmitted);
        filesDurable.addAll(mark.filesNotYetEmitted.keySet());
      }
    }

    void durable(Set<String> files) {
      filesDurable.addAll(files);
    }

    @Override
    public boolean start() throws IOException {
      if (!restored) {
        checkModel(true, true);
      } else if (source.emitAfterCheckpoint) {
        // Restored after a failure (Flink restores readers only then): the tagging's side input
        // may come back without the model, so it is given again, unless it went bad meanwhile.
        checkModel(false, true);
      }
      // Else a reader restarted by the runner (the DirectRunner does every few bundles): the side
      // input still holds the model it took, and only a change counts.
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      if (pending.isEmpty() && nextFileToEmit() == null && !finished) {
        poll();
      }
      if (!pending.isEmpty()) {
        current = pending.remove(0);
        currentTimestamp = Instant.now();
        if (current.isModel()) {
          modelSha256 = current.model().sha256();
        }
        return true;
      }
      String file = nextFileToEmit();
      if (file == null) {
        current = null;
        return false;
      }
      current = WatchEvent.file(file);
      currentTimestamp = new Instant(filesNotYetEmitted.remove(file));
      filesDurable.remove(file);
      filesSeen.add(file);
      return true;
    }

    /** The first file seen that may be emitted now, or null. */
    private String nextFileToEmit() {
      for (String file : filesNotYetEmitted.keySet()) {
        if (!source.emitAfterCheckpoint || filesDurable.contains(file)) {
          return file;
        }
      }
      return null;
    }

    private void poll() throws IOException {
      long now = System.currentTimeMillis();
      if (source.modelPollMillis > 0 && now - lastModelCheck >= source.modelPollMillis) {
        checkModel(false, false); // a new model goes before the files seen in the same poll
      }
      if (now - lastFileListing >= source.pollMillis) {
        lastFileListing = now;
        List<MatchResult.Metadata> files =
            FileSystems.match(source.filePattern, EmptyMatchTreatment.ALLOW).metadata();
        for (MatchResult.Metadata file : files) {
          String name = file.resourceId().toString();
          if (!file.resourceId().isDirectory()
              && !filesSeen.contains(name)
              && !filesNotYetEmitted.containsKey(name)) {
            filesNotYetEmitted.put(name, now);
            lastNewFile = now;
          }
        }
      }
      if (pending.isEmpty()
          && filesNotYetEmitted.isEmpty()
          && source.stopAfterIdleMillis > 0
          && now - lastNewFile >= source.stopAfterIdleMillis) {
        LOG.info(
            "No new file under {} for {} ms: the watch ends",
            source.filePattern,
            source.stopAfterIdleMillis);
        finished = true;
      }
    }

    /**
     * Emits the model if its bytes are new and it loads safely. At the start the model is emitted
     * whatever it was before a restart, and a bad one fails the job (the launcher checked it
     * already); later, a bad one is refused and the last good one stays.
     */
    private void checkModel(boolean atStart, boolean evenIfUnchanged) throws IOException {
      lastModelCheck = System.currentTimeMillis();
      if (!changedOnDisk() && !evenIfUnchanged) {
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
      if (!evenIfUnchanged && model.sha256().equals(newestModelSha256())) {
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
        LOG.info(
            "New model {} (sha256 {}): sentences read from now on are tagged with it",
            source.modelSpec,
            model.sha256());
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
      LOG.warn(
          "Refused the new version of model {}: {}. Tagging goes on with the last good"
              + " model ({})",
          source.modelSpec,
          why,
          modelSha256);
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
      if (finished && pending.isEmpty() && filesNotYetEmitted.isEmpty()) {
        return BoundedWindow.TIMESTAMP_MAX_VALUE;
      }
      long watermark = System.currentTimeMillis() - 1000;
      for (long firstSeen : filesNotYetEmitted.values()) {
        watermark = Math.min(watermark, firstSeen - 1); // held until the file is emitted
      }
      return new Instant(watermark);
    }

    @Override
    public Checkpoint getCheckpointMark() {
      return new Checkpoint(
          new HashSet<>(filesSeen),
          new LinkedHashMap<>(filesNotYetEmitted),
          modelSha256,
          lastNewFile,
          finished && pending.isEmpty() && filesNotYetEmitted.isEmpty(),
          this);
    }

    @Override
    public UnboundedSource<WatchEvent, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
