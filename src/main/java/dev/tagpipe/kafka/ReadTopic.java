package dev.tagpipe.kafka;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.io.InputRecord;
import dev.tagpipe.stream.ActivityClock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Instant;

/**
 * Reads a Kafka topic as {@link InputRecord}s named {@code <topic>-<partition>@<offset>}, with the
 * record's key, through Beam's {@code KafkaIO}: only committed records ({@code read_committed}, so
 * that a transactional producer's aborted records are never tagged), offsets committed to the
 * consumer group when the runner finalizes a checkpoint (so a new job resumes where the last one's
 * checkpoints got to; the job's own restores resume from its checkpoints).
 *
 * <p>Records are stamped with the time they are read. {@link #stopAfterIdle} ends the read (and so
 * a job) once no record has arrived for that long: each reader's watermark then jumps to the end of
 * time, as a bounded source ends. The idle time is told on an {@link ActivityClock} that other
 * sources of the job (the model's watch) end by too.
 *
 * <p>Counts the records read per partition ({@code tagpipe.kafka/records.<topic>-<partition>}).
 */
public final class ReadTopic extends PTransform<PBegin, PCollection<InputRecord>> {
  /** The metrics namespace of the records read per partition. */
  public static final String METRICS_NAMESPACE = "tagpipe.kafka";

  // Set once per copy (see copy()): a ReadTopic is not changed after a with... method returns it.
  private final KafkaConnection connection;
  private final String topic;
  private final String consumerGroup;
  private StartFrom startFrom = StartFrom.committed;
  private long stopAfterIdleMillis; // 0: never
  private String activityClock;
  private boolean endAfterCommits;
  private long discoverPartitionsMillis; // 0: the partitions are listed at the start

  private ReadTopic(KafkaConnection connection, String topic, String consumerGroup) {
    this.connection = connection;
    this.topic = topic;
    this.consumerGroup = consumerGroup;
    this.activityClock = "kafka:" + topic;
  }

  /** A copy to set one more thing on, before it is returned. */
  private ReadTopic copy() {
    ReadTopic c = new ReadTopic(connection, topic, consumerGroup);
    c.startFrom = startFrom;
    c.stopAfterIdleMillis = stopAfterIdleMillis;
    c.activityClock = activityClock;
    c.endAfterCommits = endAfterCommits;
    c.discoverPartitionsMillis = discoverPartitionsMillis;
    return c;
  }

  /**
   * Reads {@code topic} as the consumer group {@code consumerGroup}, from its committed offsets.
   */
  public static ReadTopic of(KafkaConnection connection, String topic, String consumerGroup) {
    checkArgument(connection != null, "ReadTopic.of: the connection is null");
    checkArgument(topic != null && !topic.isBlank(), "ReadTopic.of: the topic is empty");
    checkArgument(
        consumerGroup != null && !consumerGroup.isBlank(), "ReadTopic.of: the group is empty");
    return new ReadTopic(connection, topic, consumerGroup);
  }

  /** Where to start when the job has no checkpoint of its own ({@link StartFrom}). */
  public ReadTopic startingFrom(StartFrom startFrom) {
    checkArgument(startFrom != null, "ReadTopic.startingFrom: null");
    ReadTopic c = copy();
    c.startFrom = startFrom;
    return c;
  }

  /**
   * Ends the read when no record has arrived for {@code millis}, told on the {@link ActivityClock}
   * named {@code activityClock} (unique per job in a JVM).
   */
  public ReadTopic stopAfterIdle(long millis, String activityClock) {
    checkArgument(millis > 0, "ReadTopic.stopAfterIdle: must be positive, not %s ms", millis);
    checkArgument(activityClock != null && !activityClock.isBlank(), "the clock has no name");
    ReadTopic c = copy();
    c.stopAfterIdleMillis = millis;
    c.activityClock = activityClock;
    return c;
  }

  /**
   * With {@link #stopAfterIdle}: a reader ends only once the offsets of everything it read have
   * been committed after checkpoints, twice ({@link ReadProgress}). For an exactly-once sink on
   * Flink, which writes what it holds only when a checkpoint completes: ending sooner would end the
   * job with records still held.
   */
  public ReadTopic endingAfterCommits() {
    ReadTopic c = copy();
    c.endAfterCommits = true;
    return c;
  }

  /**
   * Finds the topic's partitions while the job runs, every {@code millis}, instead of listing them
   * when the job is built (which asks a broker): for a job built where no broker answers, as a
   * Dataflow job is built offline (KafkaIO's dynamic read; runners with splittable DoFns).
   */
  public ReadTopic discoveringPartitionsEvery(long millis) {
    checkArgument(millis > 0, "ReadTopic.discoveringPartitionsEvery: must be positive");
    ReadTopic c = copy();
    c.discoverPartitionsMillis = millis;
    return c;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("topic", topic).withLabel("Input topic"))
        .add(DisplayData.item("bootstrapServers", connection.bootstrapServers()))
        .add(DisplayData.item("consumerGroup", consumerGroup).withLabel("Consumer group"))
        .add(DisplayData.item("startFrom", startFrom.name()).withLabel("Start from"))
        .addIfNotDefault(
            DisplayData.item("stopAfterIdleMillis", stopAfterIdleMillis)
                .withLabel("Stop after no record for (ms)"),
            0L);
  }

  @Override
  public PCollection<InputRecord> expand(PBegin begin) {
    Map<String, Object> config = new HashMap<>(connection.clientConfig());
    config.remove("bootstrap.servers"); // KafkaIO takes them on their own
    config.put("group.id", consumerGroup);
    config.put("auto.offset.reset", startFrom == StartFrom.latest ? "latest" : "earliest");
    KafkaIO.Read<byte[], byte[]> read =
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(connection.bootstrapServers())
            .withTopic(topic)
            .withKeyDeserializer(ByteArrayDeserializer.class)
            .withValueDeserializer(ByteArrayDeserializer.class)
            .withConsumerConfigUpdates(config)
            .withReadCommitted()
            .commitOffsetsInFinalize()
            .withTimestampPolicyFactory(
                new ReadTimeIdleStop(stopAfterIdleMillis, activityClock, endAfterCommits))
            .withConsumerFactoryFn(new TrackingConsumer(startFrom, activityClock));
    if (discoverPartitionsMillis > 0) {
      read = read.withDynamicRead(org.joda.time.Duration.millis(discoverPartitionsMillis));
    }
    return begin
        .apply("ReadKafka", read)
        .apply("AsInputRecords", ParDo.of(new ToInputRecordFn()))
        .setCoder(InputRecord.Coder.of());
  }

  private static final class ToInputRecordFn
      extends DoFn<KafkaRecord<byte[], byte[]>, InputRecord> {
    // One topic: a partition's name and counter are made once rather than per record.
    private transient Map<Integer, String> names;
    private transient Map<Integer, org.apache.beam.sdk.metrics.Counter> counters;

    @Setup
    public void setup() {
      names = new HashMap<>();
      counters = new HashMap<>();
    }

    @ProcessElement
    public void process(
        @Element KafkaRecord<byte[], byte[]> record, OutputReceiver<InputRecord> out) {
      int p = record.getPartition();
      String partition = names.computeIfAbsent(p, k -> record.getTopic() + "-" + k);
      counters
          .computeIfAbsent(p, k -> Metrics.counter(METRICS_NAMESPACE, "records." + partition))
          .inc();
      out.output(
          new InputRecord(
              partition + "@" + record.getOffset(),
              record.getKV().getKey(),
              record.getKV().getValue()));
    }
  }

  /**
   * Stamps each record with the time it is read and ticks the job's {@link ActivityClock}; the
   * watermark follows the clock, and jumps to the end of time once the clock has been idle for the
   * idle time and the partition has nothing left to read.
   */
  private static final class ReadTimeIdleStop implements TimestampPolicyFactory<byte[], byte[]> {
    private final long idleMillis;
    private final String clock;
    private final boolean endAfterCommits;

    ReadTimeIdleStop(long idleMillis, String clock, boolean endAfterCommits) {
      this.idleMillis = idleMillis;
      this.clock = clock;
      this.endAfterCommits = endAfterCommits;
    }

    @Override
    public TimestampPolicy<byte[], byte[]> createTimestampPolicy(
        TopicPartition partition, Optional<Instant> previousWatermark) {
      Instant previous = previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE);
      return new TimestampPolicy<>() {
        private Instant last = previous;

        @Override
        public Instant getTimestampForRecord(
            PartitionContext context, KafkaRecord<byte[], byte[]> record) {
          ActivityClock.tick(clock);
          ReadProgress.read(clock, partition, record.getOffset());
          Instant now = Instant.now();
          return now.isBefore(last) ? last : now;
        }

        @Override
        public Instant getWatermark(PartitionContext context) {
          if (idleMillis > 0
              && ActivityClock.idleMillis(clock) >= idleMillis
              && ReadProgress.isCaughtUp(clock, partition)
              && (!endAfterCommits || ReadProgress.settled(clock, partition))) {
            return BoundedWindow.TIMESTAMP_MAX_VALUE;
          }
          Instant now = Instant.now().minus(org.joda.time.Duration.millis(1));
          if (now.isAfter(last)) {
            last = now;
          }
          return last;
        }
      };
    }
  }

  /**
   * KafkaIO's consumer, which tells {@link ReadProgress} of each offset commit and, for {@link
   * StartFrom#earliest} or {@link StartFrom#latest}, starts each partition at its first or last
   * record instead of the group's committed offset. A reader restored from a checkpoint seeks to
   * the checkpoint's offsets after assigning, so that wins.
   */
  private static final class TrackingConsumer
      implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
    private final StartFrom startFrom;
    private final String clock;

    TrackingConsumer(StartFrom startFrom, String clock) {
      this.startFrom = startFrom;
      this.clock = clock;
    }

    @Override
    public Consumer<byte[], byte[]> apply(Map<String, Object> config) {
      // KafkaIO's second consumer only reads the partitions' end offsets (the backlog).
      boolean offsetsOnly = String.valueOf(config.get("group.id")).contains("_offset_consumer_");
      return new KafkaConsumer<byte[], byte[]>(config) {
        @Override
        public void assign(Collection<TopicPartition> partitions) {
          super.assign(partitions);
          if (offsetsOnly || partitions.isEmpty() || startFrom == StartFrom.committed) {
            return;
          }
          if (startFrom == StartFrom.earliest) {
            seekToBeginning(partitions);
          } else {
            seekToEnd(partitions);
          }
        }

        private long lastEndCheck;

        @Override
        @SuppressWarnings("deprecation") // KafkaIO's legacy reader polls with a long
        public ConsumerRecords<byte[], byte[]> poll(long timeoutMillis) {
          ConsumerRecords<byte[], byte[]> records = super.poll(timeoutMillis);
          checkCaughtUp(records);
          return records;
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(java.time.Duration timeout) {
          ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
          checkCaughtUp(records);
          return records;
        }

        /**
         * Every second or so: whether this reader's position has reached each partition's end as a
         * read_committed consumer sees it (the last stable offset), which counts transaction
         * markers and aborted records as read, unlike KafkaIO's backlog. In the poll thread, which
         * owns the consumer.
         */
        private void checkCaughtUp(ConsumerRecords<byte[], byte[]> records) {
          long now = System.currentTimeMillis();
          if (offsetsOnly || now - lastEndCheck < 1000) {
            return;
          }
          lastEndCheck = now;
          try {
            Map<TopicPartition, Long> ends =
                endOffsets(assignment(), java.time.Duration.ofSeconds(5));
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
              ReadProgress.caughtUp(
                  clock,
                  e.getKey(),
                  position(e.getKey(), java.time.Duration.ofSeconds(5)) >= e.getValue());
            }
          } catch (RuntimeException e) {
            // The broker does not answer: the job waits for it. Not caught up, and the time it is
            // away does not count as idle (--stopAfterIdle is about the topic, not an outage).
            for (TopicPartition tp : assignment()) {
              ReadProgress.caughtUp(clock, tp, false);
            }
            ActivityClock.tick(clock);
          }
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
          super.commitSync(offsets);
          committed(offsets);
        }

        @Override
        public void commitSync(
            Map<TopicPartition, OffsetAndMetadata> offsets, java.time.Duration timeout) {
          super.commitSync(offsets, timeout);
          committed(offsets);
        }

        private void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
          Map<TopicPartition, Long> next = new HashMap<>();
          offsets.forEach((tp, o) -> next.put(tp, o.offset()));
          ReadProgress.committed(clock, next);
        }
      };
    }
  }
}
