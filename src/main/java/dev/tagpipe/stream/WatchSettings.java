package dev.tagpipe.stream;

import java.io.Serializable;

/**
 * What the watch watches and how often, as {@link WatchInput} was configured: shipped to the
 * workers inside {@link WatchSource}.
 *
 * @param stopAfterIdleMillis end the watch after no new file for this long; 0: never
 * @param modelPollMillis read the model again this often; 0: once, at the start
 * @param emitAfterCheckpoint give a file only once a checkpoint recording it has completed
 */
record WatchSettings(
    String filePattern,
    long pollMillis,
    long stopAfterIdleMillis,
    String model,
    long modelPollMillis,
    boolean emitAfterCheckpoint)
    implements Serializable {
  static WatchSettings of(String filePattern, long pollMillis, String model) {
    return new WatchSettings(filePattern, pollMillis, 0, model, 0, false);
  }

  WatchSettings withStopAfterIdle(long millis) {
    return new WatchSettings(
        filePattern, pollMillis, millis, model, modelPollMillis, emitAfterCheckpoint);
  }

  WatchSettings withModelPoll(long millis) {
    return new WatchSettings(
        filePattern, pollMillis, stopAfterIdleMillis, model, millis, emitAfterCheckpoint);
  }

  WatchSettings emittingAfterCheckpoints() {
    return new WatchSettings(
        filePattern, pollMillis, stopAfterIdleMillis, model, modelPollMillis, true);
  }
}
