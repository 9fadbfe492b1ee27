package dev.tagpipe.stream;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch's one reader: polls the files ({@link SeenFiles}) and the model ({@link ModelWatch}) on
 * one clock, gives model events before the files seen in the same poll, and ends the watch after
 * the idle time. Lists at most once per poll interval however often the runner asks, so an idle job
 * costs next to nothing.
 */
final class WatchReader extends UnboundedSource.UnboundedReader<WatchEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(WatchReader.class);

  private final WatchSource source;
  private final WatchSettings settings;
  private final boolean restored;
  private final SeenFiles files;
  private final ModelWatch model;
  private final ArrayDeque<WatchEvent> modelEvents = new ArrayDeque<>(); // versions, refusals
  private String modelGiven; // the SHA-256 of the model last given
  private WatchEvent current;
  private Instant currentTimestamp;
  private long lastListing;
  private long lastNewFile;
  private boolean finished;

  WatchReader(WatchSource source, WatchCheckpoint mark) {
    this.source = source;
    this.settings = source.settings();
    this.restored = mark != null;
    boolean onlyDurable = settings.emitAfterCheckpoint();
    this.files =
        mark == null ? new SeenFiles(onlyDurable) : SeenFiles.restore(onlyDurable, mark.files);
    this.modelGiven = mark == null ? null : mark.modelSha256;
    this.model = new ModelWatch(settings.model(), settings.modelPollMillis(), modelGiven);
    this.lastNewFile = mark == null ? System.currentTimeMillis() : mark.lastNewFileMillis;
    this.finished = mark != null && mark.finished;
  }

  /** Called by the runner's thread when a mark of this reader has become durable. */
  void durable(Collection<String> waitingNames) {
    files.durable(waitingNames);
  }

  @Override
  public boolean start() throws IOException {
    if (!restored) {
      modelEvents.add(model.atStart());
    } else if (settings.emitAfterCheckpoint()) {
      modelEvents.add(model.afterRestore());
    }
    // Else a reader restarted by the runner (the DirectRunner does every few bundles): the side
    // input still holds the model it took, and only a change counts.
    return advance();
  }

  @Override
  public boolean advance() throws IOException {
    if (modelEvents.isEmpty() && files.next() == null && !finished) {
      poll();
    }
    if (!modelEvents.isEmpty()) {
      current = modelEvents.remove();
      currentTimestamp = Instant.now();
      if (current.isModel()) {
        modelGiven = current.model().sha256();
      }
      return true;
    }
    String file = files.next();
    if (file == null) {
      current = null;
      return false;
    }
    current = WatchEvent.file(file);
    currentTimestamp = Instant.ofEpochMilli(files.give(file));
    return true;
  }

  private void poll() throws IOException {
    long now = System.currentTimeMillis();
    WatchEvent modelEvent = model.poll(now); // a new model goes before the files of this poll
    if (modelEvent != null) {
      modelEvents.add(modelEvent);
    }
    if (!settings.watchesFiles()) {
      lastNewFile = Math.max(lastNewFile, ActivityClock.lastMillis(settings.activityClock()));
    } else if (now - lastListing >= settings.pollMillis()) {
      lastListing = now;
      if (files.list(SeenFiles.listing(settings.filePattern()), now) > 0) {
        lastNewFile = now;
      }
    }
    if (modelEvents.isEmpty()
        && !files.hasWaiting()
        && settings.stopAfterIdleMillis() > 0
        && now - lastNewFile >= settings.stopAfterIdleMillis()) {
      if (settings.watchesFiles()) {
        LOG.info(
            "No new file under {} for {} ms: the watch ends",
            settings.filePattern(),
            settings.stopAfterIdleMillis());
      } else {
        LOG.info(
            "No new record for {} ms: the watch of model {} ends",
            settings.stopAfterIdleMillis(),
            settings.model());
      }
      finished = true;
    }
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
    if (finished && modelEvents.isEmpty() && !files.hasWaiting()) {
      return BoundedWindow.TIMESTAMP_MAX_VALUE;
    }
    long watermark = System.currentTimeMillis() - 1000;
    if (files.hasWaiting()) { // held until the oldest waiting file is given
      watermark = Math.min(watermark, files.oldestWaitingMillis() - 1);
    }
    return Instant.ofEpochMilli(watermark);
  }

  @Override
  public WatchCheckpoint getCheckpointMark() {
    return new WatchCheckpoint(
        files.snapshot(),
        modelGiven,
        lastNewFile,
        finished && modelEvents.isEmpty() && !files.hasWaiting(),
        this);
  }

  @Override
  public UnboundedSource<WatchEvent, ?> getCurrentSource() {
    return source;
  }

  @Override
  public void close() {}
}
