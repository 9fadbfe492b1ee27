package dev.tagpipe.stream;

import java.io.Serializable;

/**
 * What the watch watches and how often, as {@link WatchInput} was configured: shipped to the
 * workers inside {@link WatchSource}.
 *
 * @param stopAfterIdleMillis end the watch after no new file for this long; 0: never
 * @param modelPollMillis read the model again this often; 0: once, at the start
 * @param emitAfterCheckpoint give a file only once a checkpoint recording it has completed
 * @param activityClock null: idle means no new file; else no file is watched and idle means no
 *     record on this {@link ActivityClock} (the model watch of a topic's job)
 */
record WatchSettings(
    String filePattern,
    long pollMillis,
    long stopAfterIdleMillis,
    String model,
    long modelPollMillis,
    boolean emitAfterCheckpoint,
    String activityClock)
    implements Serializable {
  static WatchSettings of(String filePattern, long pollMillis, String model) {
    return new WatchSettings(filePattern, pollMillis, 0, model, 0, false, null);
  }

  /** The model alone, its watch idle as long as the stream on {@code activityClock} is. */
  static WatchSettings modelOnly(String model, String activityClock) {
    return new WatchSettings(null, 1000, 0, model, 0, false, activityClock);
  }

  boolean watchesFiles() {
    return activityClock == null;
  }

  WatchSettings withStopAfterIdle(long millis) {
    return new WatchSettings(
        filePattern,
        pollMillis,
        millis,
        model,
        modelPollMillis,
        emitAfterCheckpoint,
        activityClock);
  }

  WatchSettings withModelPoll(long millis) {
    return new WatchSettings(
        filePattern,
        pollMillis,
        stopAfterIdleMillis,
        model,
        millis,
        emitAfterCheckpoint,
        activityClock);
  }

  WatchSettings emittingAfterCheckpoints() {
    return new WatchSettings(
        filePattern, pollMillis, stopAfterIdleMillis, model, modelPollMillis, true, activityClock);
  }
}
