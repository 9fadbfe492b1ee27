package dev.tagpipe.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the brokers, before a job starts, whether they answer and have the topics it reads and
 * writes, so that a wrong address or a missing topic is one line at launch rather than a job that
 * waits for ever. Bounded in time: a broker that does not answer is said within {@code timeout}.
 */
public final class KafkaCheck {
  private KafkaCheck() {}

  /** What is wrong with the brokers or a topic, said so that a user can act on it. */
  public static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message);
    }
  }

  /**
   * The number of partitions of each topic (in the order given), or a {@link Problem}: no broker
   * answers within {@code timeoutMillis}, or a topic does not exist.
   */
  public static Map<String, Integer> partitions(
      KafkaConnection connection, List<String> topics, long timeoutMillis) throws Problem {
    Map<String, Object> config = new HashMap<>(connection.clientConfig());
    int timeout = (int) Math.max(1000, timeoutMillis);
    config.putIfAbsent("request.timeout.ms", timeout);
    config.putIfAbsent("default.api.timeout.ms", timeout);
    config.putIfAbsent("socket.connection.setup.timeout.max.ms", timeout);
    config.putIfAbsent("reconnect.backoff.max.ms", 1000);
    Map<String, Integer> partitions = new LinkedHashMap<>();
    Admin created;
    try {
      created = Admin.create(config);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new Problem(
          "cannot make a Kafka client for "
              + connection.bootstrapServers()
              + ": "
              + rootMessage(e)
              + "; check --bootstrapServers (HOST:PORT of brokers this machine can resolve) and"
              + " --kafkaProperty");
    }
    try (Admin admin = created) {
      try {
        admin.describeCluster().clusterId().get(timeout, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new Problem(
            "no Kafka broker answers at "
                + connection.bootstrapServers()
                + " within "
                + timeout / 1000
                + " s ("
                + rootMessage(e)
                + "); check --bootstrapServers and that the broker is up"
                + " (deploy/kafka/start-broker.sh starts one on this machine)");
      }
      for (String topic : topics) {
        try {
          TopicDescription d =
              admin
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get(timeout, TimeUnit.MILLISECONDS)
                  .get(topic);
          partitions.put(topic, d.partitions().size());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UnknownTopicOrPartitionException) {
            throw new Problem(
                "topic '"
                    + topic
                    + "' does not exist on "
                    + connection.bootstrapServers()
                    + "; create it (deploy/kafka/kafka topics --create --topic "
                    + topic
                    + " --partitions 2 on a local broker) or check its name");
          }
          throw new Problem(
              "cannot describe topic '"
                  + topic
                  + "' on "
                  + connection.bootstrapServers()
                  + ": "
                  + rootMessage(e));
        } catch (TimeoutException e) {
          throw new Problem(
              "the Kafka broker at "
                  + connection.bootstrapServers()
                  + " did not describe topic '"
                  + topic
                  + "' within "
                  + timeout / 1000
                  + " s");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Problem("interrupted while asking the Kafka broker");
    }
    return partitions;
  }

  /**
   * The consumer group's lag per partition of {@code topic} ({@code <topic>-<partition>}: the
   * partition's end offset less the group's committed offset, the whole partition if it committed
   * none), as Kafka's own tools report it; empty if the brokers do not answer within 5 s.
   */
  public static Map<String, Long> lag(KafkaConnection connection, String group, String topic) {
    Map<String, Object> config = new HashMap<>(connection.clientConfig());
    config.putIfAbsent("request.timeout.ms", 5000);
    config.putIfAbsent("default.api.timeout.ms", 5000);
    Map<String, Long> lag = new java.util.TreeMap<>();
    try (Admin admin = Admin.create(config)) {
      TopicDescription d =
          admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ask =
          new HashMap<>();
      d.partitions()
          .forEach(
              p ->
                  ask.put(
                      new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                      org.apache.kafka.clients.admin.OffsetSpec.latest()));
      var ends = admin.listOffsets(ask).all().get(5, TimeUnit.SECONDS);
      var committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      ends.forEach(
          (tp, end) -> {
            var c = committed.get(tp);
            lag.put(tp.topic() + "-" + tp.partition(), end.offset() - (c == null ? 0 : c.offset()));
          });
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
    return lag;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
