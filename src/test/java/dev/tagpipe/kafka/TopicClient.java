package dev.tagpipe.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A test's own Kafka client (plain kafka-clients, not tagpipe's code): produces records and reads a
 * topic as a {@code read_committed} consumer would, so that only what an exactly-once writer
 * committed is seen.
 */
public final class TopicClient implements AutoCloseable {
  private final String bootstrap;
  private final KafkaProducer<byte[], byte[]> producer;

  public TopicClient(String bootstrap) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("acks", "all");
    p.put("linger.ms", "5");
    this.producer = new KafkaProducer<>(p);
  }

  /** A produced record: where it landed, and what it was. */
  public record Sent(int partition, long offset, byte[] key, byte[] value, long sentNanos) {
    public String id(String topic) {
      return topic + "-" + partition + "@" + offset;
    }
  }

  /** Sends each value (keyed as given, a null key allowed) and waits until each is written. */
  public List<Sent> send(String topic, List<Map.Entry<byte[], byte[]>> records) throws Exception {
    List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> r : records) {
      times.add(System.nanoTime());
      futures.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
    }
    producer.flush();
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      RecordMetadata m = futures.get(i).get();
      Map.Entry<byte[], byte[]> r = records.get(i);
      sent.add(new Sent(m.partition(), m.offset(), r.getKey(), r.getValue(), times.get(i)));
    }
    return sent;
  }

  /** A record of an output topic, its value parsed as JSON. */
  public record Received(byte[] key, JsonNode value, int partition, long offset) {}

  /**
   * Reads {@code topic} from its start as a new group with {@code read_committed} until {@code
   * done} holds for what was read or {@code timeout} passes; returns everything read.
   */
  public List<Received> readCommitted(String topic, Duration timeout, BooleanSupplier stop)
      throws IOException {
    List<Received> all = new ArrayList<>();
    readCommitted(topic, timeout, all, stop);
    return all;
  }

  /** As above, appending to {@code into} as it reads, so that {@code stop} can look at it. */
  public void readCommitted(
      String topic, Duration timeout, List<Received> into, BooleanSupplier stop)
      throws IOException {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "test-reader-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          into.add(new Received(r.key(), json.readTree(r.value()), r.partition(), r.offset()));
        }
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
