package org.apache.beam.sdk.io.kafka;

import java.lang.reflect.Constructor;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterFirst;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.joda.time.Duration;

/**
 * tagpipe's form of KafkaIO 2.70's exactly-once sink ({@link KafkaExactlyOnceSink}): the same steps
 * (shard, persist, number, persist, write in order in transactions), with its two shuffles firing
 * in batches rather than per element. KafkaIO 2.70 fires them for every element, and on Flink each
 * element then becomes a Kafka transaction of its own: about 11 records per second per writer on
 * this project's machine. Batched, a transaction holds up to {@code batch} records, or what arrived
 * within {@code delay}. (Beam later made this configurable, apache/beam#37648; 2.70 is the newest
 * Beam with a served Flink runner.) It lives in KafkaIO's package because the sink's steps are
 * package-private there.
 */
public final class BatchedExactlyOnceSink
    extends PTransform<PCollection<ProducerRecord<byte[], byte[]>>, PCollection<Void>> {
  private final KafkaIO.WriteRecords<byte[], byte[]> spec;
  private final int batch;
  private final Duration delay;

  /** {@code spec}: a {@code KafkaIO.writeRecords()} with {@code withEOS(shards, group)}. */
  public BatchedExactlyOnceSink(
      KafkaIO.WriteRecords<byte[], byte[]> spec, int batch, Duration delay) {
    if (!spec.isEOS() || spec.getNumShards() < 1) {
      throw new IllegalArgumentException("the spec must be exactly once, with shards");
    }
    this.spec = spec;
    this.batch = batch;
    this.delay = delay;
  }

  private Trigger batches() {
    return Repeatedly.forever(
        AfterFirst.of(
            AfterPane.elementCountAtLeast(batch),
            AfterProcessingTime.pastFirstElementInPane().plusDelayOf(delay)));
  }

  @Override
  public PCollection<Void> expand(PCollection<ProducerRecord<byte[], byte[]>> records) {
    KafkaExactlyOnceSink.ensureEOSSupport();
    int shards = spec.getNumShards();
    DoFn<
            ProducerRecord<byte[], byte[]>,
            KV<Integer, TimestampedValue<ProducerRecord<byte[], byte[]>>>>
        reshard = sinkStep("Reshard", new Class<?>[] {int.class}, shards);
    DoFn<
            KV<Integer, Iterable<TimestampedValue<ProducerRecord<byte[], byte[]>>>>,
            KV<Integer, KV<Long, TimestampedValue<ProducerRecord<byte[], byte[]>>>>>
        sequencer = sinkStep("Sequencer", new Class<?>[0]);
    DoFn<KV<Integer, Iterable<KV<Long, TimestampedValue<ProducerRecord<byte[], byte[]>>>>>, Void>
        writer =
            sinkStep(
                "ExactlyOnceWriter",
                new Class<?>[] {KafkaIO.WriteRecords.class, Coder.class},
                spec,
                records.getCoder());
    return records
        .apply(
            "Batches",
            Window.<ProducerRecord<byte[], byte[]>>into(new GlobalWindows())
                .triggering(batches())
                .discardingFiredPanes())
        .apply(String.format("Shuffle across %d shards", shards), ParDo.of(reshard))
        .apply("Persist sharding", GroupByKey.create())
        .apply("Assign sequential ids", ParDo.of(sequencer))
        .apply(
            "Batches of ids",
            Window.<KV<Integer, KV<Long, TimestampedValue<ProducerRecord<byte[], byte[]>>>>>into(
                    new GlobalWindows())
                .triggering(batches())
                .discardingFiredPanes())
        .apply("Persist ids", GroupByKey.create())
        .apply(String.format("Write to Kafka topic '%s'", spec.getTopic()), ParDo.of(writer));
  }

  /**
   * One of KafkaIO's own sink steps, {@code KafkaExactlyOnceSink.<name>}, made with the constructor
   * of these parameter types: they are private to that sink.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <InputT, OutputT> DoFn<InputT, OutputT> sinkStep(
      String name, Class<?>[] parameters, Object... arguments) {
    try {
      Class<?> step = Class.forName(KafkaExactlyOnceSink.class.getName() + "$" + name);
      Constructor<?> c = step.getDeclaredConstructor(parameters);
      c.setAccessible(true);
      return (DoFn) c.newInstance(arguments);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "KafkaIO's exactly-once sink is not as in Beam 2.70 (" + name + "): " + e, e);
    }
  }
}
