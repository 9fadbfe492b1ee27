package dev.tagpipe.stream;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a stream last gave a record, per worker JVM and per job: the clock a stream's idle stop
 * ({@code --stopAfterIdle}) reads. The readers of a topic tick it as records arrive, and the
 * model's watcher, a source of its own, ends when they do rather than keeping the job alive. A
 * clock starts when it is first asked for, so a stream that never gives a record is idle from its
 * start. On a cluster each worker JVM has its own clock: each worker's readers end when the records
 * they see stop.
 */
public final class ActivityClock {
  private static final ConcurrentMap<String, AtomicLong> CLOCKS = new ConcurrentHashMap<>();

  private ActivityClock() {}

  /** A record arrived now on the stream {@code name}. */
  public static void tick(String name) {
    clock(name).set(System.currentTimeMillis());
  }

  /** How long the stream {@code name} has given no record, in ms. */
  public static long idleMillis(String name) {
    return System.currentTimeMillis() - clock(name).get();
  }

  /** The time of the last record, in epoch ms (the clock's start if none yet). */
  static long lastMillis(String name) {
    return clock(name).get();
  }

  private static AtomicLong clock(String name) {
    return CLOCKS.computeIfAbsent(name, n -> new AtomicLong(System.currentTimeMillis()));
  }
}
