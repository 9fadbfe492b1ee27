package dev.tagpipe.stream;

import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.ModelException;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.TaggerCache;
import java.io.IOException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch's model file: reads it when its size or modification time changed, and gives a new
 * version when its SHA-256 changed and it loads through the safe loader (into {@link TaggerCache},
 * where the tagging finds it if it runs in this JVM). A version that fails is refused with a log
 * line and a {@link WatchEvent#refused} event; the last good one stays, and the file is read again
 * when it changes.
 */
final class ModelWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWatch.class);

  private final String spec;
  private final long pollMillis; // 0: the model is read once, at the start
  private long lastCheck;
  // The file as last read: when neither changes, it is not read again.
  private long size = -1;
  private long modified = -1;
  private String newestSha256; // the version last given (or about to be), to tell a new one

  /** {@code takenSha256}: the version a restored reader's mark says was given, or null. */
  ModelWatch(String spec, long pollMillis, String takenSha256) {
    this.spec = spec;
    this.pollMillis = pollMillis;
    this.newestSha256 = takenSha256;
  }

  /**
   * The model to start with, whatever was given before a restart; a bad one fails the job (the
   * launcher checked it already).
   */
  WatchEvent atStart() throws IOException {
    return check(true, true);
  }

  /**
   * For a reader restored after a failure (Flink restores readers only then): the tagging's side
   * input may come back without the model, so it is given again unless it went bad meanwhile (then
   * refused).
   */
  WatchEvent afterRestore() throws IOException {
    return check(false, true);
  }

  /** A new version or a refusal if it is time to look and the file changed, else null. */
  WatchEvent poll(long nowMillis) throws IOException {
    if (pollMillis <= 0 || nowMillis - lastCheck < pollMillis) {
      return null;
    }
    return check(false, false);
  }

  private WatchEvent check(boolean atStart, boolean evenIfUnchanged) throws IOException {
    lastCheck = System.currentTimeMillis();
    if (!changedOnDisk() && !evenIfUnchanged) {
      return null;
    }
    TaggerModel model;
    try {
      model = ModelBytes.read(spec);
    } catch (IOException e) {
      if (atStart) {
        throw e;
      }
      return refuse("cannot read it: " + e.getMessage());
    }
    if (!evenIfUnchanged && model.sha256().equals(newestSha256)) {
      return null; // touched, same bytes
    }
    try {
      TaggerCache.shared().get(model);
    } catch (ModelException e) {
      if (atStart) {
        throw e;
      }
      return refuse(e.getMessage());
    }
    newestSha256 = model.sha256();
    if (!atStart) {
      LOG.info(
          "New model {} (sha256 {}): sentences read from now on are tagged with it",
          spec,
          model.sha256());
    }
    // The version is the time it was taken: the newest wins, across restarts too.
    return WatchEvent.model(model.withVersion(System.currentTimeMillis()));
  }

  private boolean changedOnDisk() {
    if (ModelLocation.isBundled(spec)) {
      return false;
    }
    try {
      MatchResult.Metadata m = FileSystems.matchSingleFileSpec(spec);
      if (m.sizeBytes() == size && m.lastModifiedMillis() == modified) {
        return false;
      }
      size = m.sizeBytes();
      modified = m.lastModifiedMillis();
      return true;
    } catch (IOException e) {
      return false; // being replaced: look again at the next poll
    }
  }

  private WatchEvent refuse(String why) {
    LOG.warn(
        "Refused the new version of model {}: {}. Tagging goes on with the last good"
            + " model ({})",
        spec,
        why,
        newestSha256);
    return WatchEvent.refused(why);
  }
}
