package dev.tagpipe.kafka;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
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
    KafkaIO.Write<byte[], byte[]> write =
        KafkaIO.<byte[], byte[]>write()
            .withBootstrapServers(connection.bootstrapServers())
            .withTopic(topic)
            .withKeySerializer(ByteArraySerializer.class)
            .withValueSerializer(ByteArraySerializer.class)
            .withProducerConfigUpdates(config);
    if (shards > 0) {
      write = write.withEOS(shards, sinkGroup);
    }
    return lines
        .apply(
            "AsBytes",
            MapElements.into(new TypeDescriptor<KV<byte[], byte[]>>() {})
                .via(
                    (KV<byte[], String> kv) ->
                        KV.of(kv.getKey(), kv.getValue().getBytes(StandardCharsets.UTF_8))))
        .setCoder(KvCoder.of(NullableCoder.of(ByteArrayCoder.of()), ByteArrayCoder.of()))
        .apply("WriteKafka", write);
  }
}
