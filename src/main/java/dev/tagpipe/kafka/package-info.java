/**
 * Kafka in and out: {@link dev.tagpipe.kafka.ReadTopic} gives a topic's records as {@link
 * dev.tagpipe.io.InputRecord}s for {@code ReadSentences.records}, {@link
 * dev.tagpipe.kafka.WriteTopic} writes keyed lines to a topic, exactly once where the runner allows
 * (Flink with checkpointing); {@link dev.tagpipe.kafka.KafkaCheck} asks the broker, before a job
 * starts, whether it answers and has the topics. Public, built on Beam's {@code KafkaIO}
 * (kafka-clients 3.x), which a library user adds: tagpipe's own dependency on it is optional.
 */
package dev.tagpipe.kafka;
