package dev.tagpipe.kafka;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.BatchedExactlyOnceSink;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes keyed lines to a Kafka topic, one record per line, its value the line in UTF-8 and its key
 * the given bytes (null: no key), through Beam's {@code KafkaIO}. {@link #exactlyOnce} uses
 * KafkaIO's transactional sink: each record is in the topic once for a {@code read_committed}
 * consumer, across the runner's restores (a runner that honours {@code @RequiresStableInput}: Flink
 * with checkpointing, Dataflow). Otherwise a record may be written again after a restore (at least
 * once).
 */
public final class WriteTopic extends PTransform<PCollection<KV<byte[], String>>, PDone> {
  private final KafkaConnection connection;
  private final String topic;
  private final int shards; // exactly once: the sink's shards; 0: at least once
  private final String sinkGroup;

  private WriteTopic(KafkaConnection connection, String topic, int shards, String sinkGroup) {
    this.connection = connection;
    this.topic = topic;
    this.shards = shards;
    this.sinkGroup = sinkGroup;
  }

  public static WriteTopic to(KafkaConnection connection, String topic) {
    checkArgument(connection != null, "WriteTopic.to: the connection is null");
    checkArgument(topic != null && !topic.isBlank(), "WriteTopic.to: the topic is empty");
    return new WriteTopic(connection, topic, 0, null);
  }

  /**
   * Exactly once, with {@code shards} transactional writers; {@code sinkGroup} names their
   * transactions and the progress they keep in Kafka, and must be new for each job (KafkaIO refuses
   * a group an earlier job wrote with).
   */
  public WriteTopic exactlyOnce(int shards, String sinkGroup) {
    checkArgument(shards >= 1, "WriteTopic.exactlyOnce: at least one shard, not %s", shards);
    checkArgument(sinkGroup != null && !sinkGroup.isBlank(), "WriteTopic.exactlyOnce: no group");
    return new WriteTopic(connection, topic, shards, sinkGroup);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("topic", topic).withLabel("Output topic"))
        .add(DisplayData.item("exactlyOnce", shards > 0).withLabel("Exactly once"))
        .addIfNotNull(DisplayData.item("sinkGroup", sinkGroup).withLabel("Sink group"));
  }

  @Override
  public PDone expand(PCollection<KV<byte[], String>> lines) {
    Map<String, Object> config = new HashMap<>(connection.clientConfig());
    config.remove("bootstrap.servers");
    String topic = this.topic;
    PCollection<ProducerRecord<byte[], byte[]>> records =
        lines
            .apply(
                "AsRecords",
                MapElements.into(new TypeDescriptor<ProducerRecord<byte[], byte[]>>() {})
                    .via(
                        (KV<byte[], String> kv) ->
                            new ProducerRecord<>(
                                topic,
                                kv.getKey(),
                                kv.getValue().getBytes(StandardCharsets.UTF_8))))
            .setCoder(
                ProducerRecordCoder.of(NullableCoder.of(ByteArrayCoder.of()), ByteArrayCoder.of()));
    KafkaIO.WriteRecords<byte[], byte[]> write =
        KafkaIO.<byte[], byte[]>writeRecords()
            .withBootstrapServers(connection.bootstrapServers())
            .withTopic(topic)
            .withKeySerializer(ByteArraySerializer.class)
            .withValueSerializer(ByteArraySerializer.class)
            .withProducerConfigUpdates(config)
            // The exactly-once sink reads its progress back with a consumer of its own; it must
            // get the user's properties (security) too.
            .withConsumerFactoryFn(new ConsumerWithProperties(connection));
    if (shards == 0) {
      records.apply("WriteKafka", write);
    } else {
      // KafkaIO's own exactly-once sink makes one transaction per record on Flink: batched here.
      records.apply(
          "WriteKafkaExactlyOnce",
          new BatchedExactlyOnceSink(write.withEOS(shards, sinkGroup), BATCH_RECORDS, BATCH_DELAY));
    }
    return PDone.in(lines.getPipeline());
  }

  /** A transaction of the exactly-once sink holds up to this many records... */
  private static final int BATCH_RECORDS = 1000;

  /** ...or what arrived within this time after the first. */
  private static final org.joda.time.Duration BATCH_DELAY = org.joda.time.Duration.millis(200);

  /** A consumer made with KafkaIO's settings plus the user's client properties. */
  private static final class ConsumerWithProperties
      implements org.apache.beam.sdk.transforms.SerializableFunction<
          Map<String, Object>, org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> {
    private final KafkaConnection connection;

    ConsumerWithProperties(KafkaConnection connection) {
      this.connection = connection;
    }

    @Override
    public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> apply(
        Map<String, Object> config) {
      Map<String, Object> all = new HashMap<>(connection.clientConfig());
      all.putAll(config);
      return new org.apache.kafka.clients.consumer.KafkaConsumer<>(all);
    }
  }
}
