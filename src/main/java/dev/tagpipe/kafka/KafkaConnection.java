package dev.tagpipe.kafka;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach the brokers: their addresses and the client properties a user adds (security such as
 * {@code security.protocol=SASL_SSL}, {@code sasl.jaas.config}, and tuning), given to every client
 * tagpipe makes: the job's consumers and producers and the launcher's check.
 */
public final class KafkaConnection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String bootstrapServers;
  private final LinkedHashMap<String, String> properties;

  private KafkaConnection(String bootstrapServers, Map<String, String> properties) {
    this.bootstrapServers = bootstrapServers;
    this.properties = new LinkedHashMap<>(properties);
  }

  /** {@code bootstrapServers}: {@code HOST:PORT[,HOST:PORT...]}. */
  public static KafkaConnection to(String bootstrapServers) {
    checkArgument(
        bootstrapServers != null && bootstrapServers.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*"),
        "the bootstrap servers must be HOST:PORT[,HOST:PORT...], not '%s'",
        bootstrapServers);
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /** With client properties added ({@code key=value}); they win over tagpipe's own settings. */
  public KafkaConnection withProperties(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.putAll(more);
    return new KafkaConnection(bootstrapServers, all);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The properties the user gave. */
  public Map<String, String> properties() {
    return java.util.Collections.unmodifiableMap(properties);
  }

  /** The user's properties as a client's configuration map, with the brokers' addresses. */
  Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put("bootstrap.servers", bootstrapServers);
    return config;
  }

  /**
   * Parses {@code key=value} settings (the values of a repeatable option), refusing the few that
   * tagpipe sets itself for a reason: the group, the offsets and the (de)serializers.
   */
  public static Map<String, String> parseProperties(Iterable<String> settings) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (settings == null) {
      return parsed;
    }
    for (String setting : settings) {
      int eq = setting == null ? -1 : setting.indexOf('=');
      checkArgument(
          eq > 0, "--kafkaProperty takes key=value (a Kafka client property), not '%s'", setting);
      String key = setting.substring(0, eq).strip();
      checkArgument(
          !OWN.containsKey(key),
          "--kafkaProperty=%s: tagpipe sets %s itself; %s",
          setting,
          key,
          OWN.getOrDefault(key, ""));
      parsed.put(key, setting.substring(eq + 1));
    }
    return parsed;
  }

  private static final Map<String, String> OWN =
      Map.of(
          "bootstrap.servers", "use --bootstrapServers",
          "group.id", "use --consumerGroup",
          "auto.offset.reset", "use --startFrom",
          "enable.auto.commit", "offsets are committed with the job's checkpoints",
          "key.deserializer", "records are read as bytes",
          "value.deserializer", "records are read as bytes",
          "key.serializer", "records are written as bytes",
          "value.serializer", "records are written as bytes",
          "isolation.level", "tagpipe reads only committed records (read_committed)",
          "transactional.id", "the exactly-once sink names its transactions");
}
