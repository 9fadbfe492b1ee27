package dev.tagpipe.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Per worker JVM, per job and partition: the last offset read and how many offset commits since
 * have covered it. KafkaIO commits a reader's offsets when the runner finalizes a checkpoint that
 * holds them, so a commit covering the last record read means a checkpoint has completed after it,
 * and an exactly-once sink has been told to write it. A reader that is to end once idle waits for
 * that ({@link #settled}): ending earlier would end the job while the sink still holds records
 * waiting for a checkpoint (Flink then fails the job: "watermark holds left").
 */
final class ReadProgress {
  /** Commits covering the last record before a reader may end: the second one follows the sink. */
  static final int COMMITS_TO_SETTLE = 2;

  private static final ConcurrentMap<String, Partition> PARTITIONS = new ConcurrentHashMap<>();

  private ReadProgress() {}

  private static final class Partition {
    long lastRead = -1; // offset of the last record read, -1: none yet
    int commitsCovering; // commits since lastRead that covered it
    boolean caughtUp; // the reader's position had reached the committed end at the last look
  }

  static void read(String job, TopicPartition tp, long offset) {
    Partition p = partition(job, tp);
    synchronized (p) {
      p.lastRead = offset;
      p.commitsCovering = 0;
    }
  }

  /** Whether the reader's position has reached the partition's last committed record's end. */
  static void caughtUp(String job, TopicPartition tp, boolean caughtUp) {
    Partition p = partition(job, tp);
    synchronized (p) {
      p.caughtUp = caughtUp;
    }
  }

  /** As last seen by the reader's consumer: nothing committed is left to read in {@code tp}. */
  static boolean isCaughtUp(String job, TopicPartition tp) {
    Partition p = partition(job, tp);
    synchronized (p) {
      return p.caughtUp;
    }
  }

  /** KafkaIO committed {@code offsets} (the next offset to read, per partition). */
  static void committed(String job, Map<TopicPartition, Long> next) {
    for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
      Partition p = partition(job, e.getKey());
      synchronized (p) {
        if (e.getValue() > p.lastRead) {
          p.commitsCovering++;
        }
      }
    }
  }

  /**
   * Whether everything read from {@code tp} has been committed, {@link #COMMITS_TO_SETTLE} times.
   */
  static boolean settled(String job, TopicPartition tp) {
    Partition p = partition(job, tp);
    synchronized (p) {
      return p.lastRead < 0 || p.commitsCovering >= COMMITS_TO_SETTLE;
    }
  }

  private static Partition partition(String job, TopicPartition tp) {
    return PARTITIONS.computeIfAbsent(job + "/" + tp, k -> new Partition());
  }
}
