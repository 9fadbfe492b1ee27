package dev.tagpipe.kafka;

/** Where a job starts reading a topic when it has no checkpoint of its own to resume from. */
public enum StartFrom {
  /** The first record each partition still holds, whatever the group committed. */
  earliest,
  /** Only records written after the job starts. */
  latest,
  /** Where the consumer group committed; a partition it never committed, from its first record. */
  committed
}
