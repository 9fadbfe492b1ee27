package dev.tagpipe.cli;

import dev.tagpipe.io.InputFormat;
import dev.tagpipe.kafka.KafkaCheck;
import dev.tagpipe.kafka.KafkaConnection;
import dev.tagpipe.kafka.ReadTopic;
import dev.tagpipe.kafka.WriteTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A job that reads a Kafka topic ({@code --inputTopic}): its options checked before anything else
 * is ({@link #check}), the brokers and topics asked at launch ({@link #checkBrokers}), and the
 * topic's reader and writers as the options say. {@link TagPipelineBuilder} assembles the rest as
 * for files.
 */
final class KafkaJob {
  /** How long the launcher waits for a broker to answer before it says so. */
  static final long BROKER_TIMEOUT_MILLIS = 15_000;

  private static final String[] KAFKA_OPTIONS = {
    "outputTopic",
    "rejectedTopic",
    "bootstrapServers",
    "startFrom",
    "consumerGroup",
    "kafkaProperty"
  };

  private KafkaJob() {}

  /** Whether the job reads a topic. */
  static boolean readsTopic(TagPipelineOptions o) {
    return o.getInputTopic() != null;
  }

  /** Whether the job streams: it watches a folder or reads a topic. */
  static boolean streams(TagPipelineOptions o) {
    return o.getWatchInput() != null || readsTopic(o);
  }

  /**
   * The Kafka options: each only with {@code --inputTopic}, which takes the place of {@code
   * --input}. Sets what follows from them: no file output unless {@code --output} is given, the
   * rejected topic's default name. Asks no broker (that is {@link #checkBrokers}).
   */
  static void check(TagPipelineOptions o, OptionsParser.Parsed given) {
    if (!readsTopic(o)) {
      for (String option : KAFKA_OPTIONS) {
        if (given.isGiven(option)) {
          throw new UserError(
              "--" + option + " needs --inputTopic=TOPIC (it applies to a job that reads Kafka)");
        }
      }
      return;
    }
    if (o.getInputTopic().isBlank()) {
      throw new UserError("--inputTopic is empty; give the name of the topic to read");
    }
    if (given.isGiven("input")) {
      throw new UserError(
          "--inputTopic and --input are two inputs; give one of them (a job reads a topic or"
              + " files)");
    }
    if (o.getWatchInput() != null) {
      throw new UserError(
          "--watchInput watches files; a job that reads --inputTopic streams already: leave"
              + " --watchInput out");
    }
    if (o.getBootstrapServers() == null || o.getBootstrapServers().isBlank()) {
      throw new UserError(
          "--inputTopic needs --bootstrapServers=HOST:PORT (the Kafka brokers;"
              + " deploy/kafka/start-broker.sh prints a local one's)");
    }
    try {
      KafkaConnection.to(o.getBootstrapServers());
    } catch (IllegalArgumentException e) {
      throw new UserError("--bootstrapServers: " + e.getMessage());
    }
    try {
      KafkaConnection.parseProperties(o.getKafkaProperty());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (o.getInputFormat() == InputFormat.conllu) {
      throw new UserError(
          "--inputTopic: a record is one line of tokens, a text or a JSON Lines document;"
              + " --inputFormat=conllu is for files");
    }
    if (o.getOutputTopic() == null && !given.isGiven("output")) {
      throw new UserError(
          "--inputTopic needs somewhere to write: --outputTopic=TOPIC, or --output=PREFIX for"
              + " files (or both)");
    }
    if (o.getOutputTopic() != null && o.getOutputTopic().equals(o.getInputTopic())) {
      throw new UserError(
          "--outputTopic is --inputTopic: the job would tag its own output again and again;"
              + " write to another topic");
    }
    if (o.getRejectedTopic() == null && o.getOutputTopic() != null) {
      o.setRejectedTopic(o.getOutputTopic() + "-rejected");
    }
    if (o.getRejectedTopic() != null
        && (o.getRejectedTopic().equals(o.getInputTopic())
            || o.getRejectedTopic().equals(o.getOutputTopic()))) {
      throw new UserError(
          "--rejectedTopic must be a topic of its own, not the input or output topic ("
              + o.getRejectedTopic()
              + ")");
    }
    if (o.getRunner() == DataflowRunner.class && o.getStopAfterIdle() != null) {
      throw new UserError(
          "--stopAfterIdle with --inputTopic is for Flink and the DirectRunner; on Dataflow a"
              + " topic job runs until drained (gcloud dataflow jobs drain)");
    }
    if (o.getRejectedTopic() != null && o.getOutputTopic() == null) {
      throw new UserError(
          "--rejectedTopic needs --outputTopic; with files only, rejections"
              + " go to <output>-rejected-*.jsonl");
    }
    if (!given.isGiven("output")) {
      o.setOutput(null); // topics only
    }
    if (o.getRunner() == DataflowRunner.class) {
      // The job finds the topic's partitions as it runs (KafkaIO's dynamic read), so that it can
      // be built where no broker answers; that read needs Dataflow's runner v2.
      ExperimentalOptions experiments = o.as(ExperimentalOptions.class);
      ExperimentalOptions.addExperiment(experiments, "use_runner_v2");
      ExperimentalOptions.addExperiment(experiments, "beam_fn_api");
    }
    if (o.getWatchModel() != null && ModelChoice.parse(o.getModel()).routed()) {
      throw new UserError(
          "--watchModel watches one model file; with a list of models (--model=LANG:MODEL,...)"
              + " leave it out");
    }
  }

  /**
   * Asks the brokers for the topics, within {@link #BROKER_TIMEOUT_MILLIS}: the input and output
   * topics must exist. Records the output topic's partitions (the exactly-once sink's shards).
   */
  static void checkBrokers(TagPipelineOptions o) {
    List<String> topics = new ArrayList<>();
    topics.add(o.getInputTopic());
    if (o.getOutputTopic() != null) {
      topics.add(o.getOutputTopic());
      topics.add(o.getRejectedTopic());
    }
    Map<String, Integer> partitions;
    try {
      partitions = KafkaCheck.partitions(connection(o), topics, BROKER_TIMEOUT_MILLIS);
    } catch (KafkaCheck.Problem e) {
      throw new UserError(e.getMessage());
    }
    if (o.getOutputTopic() != null) {
      o.setOutputTopicPartitions(partitions.get(o.getOutputTopic()));
    }
  }

  static KafkaConnection connection(TagPipelineOptions o) {
    return KafkaConnection.to(o.getBootstrapServers())
        .withProperties(KafkaConnection.parseProperties(o.getKafkaProperty()));
  }

  /** The consumer group: given, else named after the job name given, else after the topics. */
  static String consumerGroup(TagPipelineOptions o, boolean jobNameGiven) {
    if (o.getConsumerGroup() != null && !o.getConsumerGroup().isBlank()) {
      return o.getConsumerGroup();
    }
    if (jobNameGiven) {
      return "tagpipe-" + o.getJobName();
    }
    return "tagpipe-"
        + o.getInputTopic()
        + "-"
        + (o.getOutputTopic() != null ? o.getOutputTopic() : "files");
  }

  /** The topic's reader, ending after {@code --stopAfterIdle} on {@code clock}. */
  static ReadTopic read(TagPipelineOptions o, String group, String clock) {
    ReadTopic read =
        ReadTopic.of(connection(o), o.getInputTopic(), group).startingFrom(o.getStartFrom());
    if (o.getRunner() == DataflowRunner.class) {
      read = read.discoveringPartitionsEvery(60_000); // built offline: no broker is asked
    }
    if (o.getStopAfterIdle() != null) {
      read =
          read.stopAfterIdle(
              Durations.parse("stopAfterIdle", o.getStopAfterIdle()).getMillis(), clock);
      if (o.getOutputTopic() != null && exactlyOnce(o)) {
        read = read.endingAfterCommits(); // the sink writes what it holds at checkpoints
      }
    }
    return read;
  }

  /**
   * The writer of {@code topic}: exactly once where the runner restores from checkpoints and holds
   * the sink's input stable ({@link #exactlyOnce}), its transactions named after the group and this
   * launch (KafkaIO refuses a sink group an earlier job used).
   */
  static WriteTopic write(
      TagPipelineOptions o, String topic, int shards, String group, String launch) {
    WriteTopic write = WriteTopic.to(connection(o), topic);
    return exactlyOnce(o)
        ? write.exactlyOnce(Math.max(1, shards), group + "-to-" + topic + "-" + launch)
        : write;
  }

  /**
   * Exactly once on Flink with checkpointing (and Dataflow); the DirectRunner does not fail over,
   * and Flink without checkpoints neither restores nor holds the sink's input stable: at least
   * once.
   */
  static boolean exactlyOnce(PipelineOptions o) {
    if (o.getRunner() == DataflowRunner.class) {
      return true;
    }
    return o.getRunner() == FlinkRunner.class
        && o.as(FlinkPipelineOptions.class).getCheckpointingInterval() > 0;
  }

  /** For a progress line: the consumer group's lag per partition, as the broker tells it. */
  static java.util.function.Supplier<String> lag(TagPipelineOptions o) {
    if (!readsTopic(o)) {
      return null;
    }
    KafkaConnection connection = connection(o);
    String group = o.getConsumerGroup();
    String topic = o.getInputTopic();
    return () -> {
      Map<String, Long> lag = KafkaCheck.lag(connection, group, topic);
      return lag.isEmpty() ? "" : "lag " + lag + " (group " + group + ")";
    };
  }

  /** One line for the launcher: what is read and written, and how surely. */
  static String describe(TagPipelineOptions o) {
    StringBuilder b =
        new StringBuilder("Kafka ")
            .append(o.getInputTopic())
            .append(" at ")
            .append(o.getBootstrapServers());
    if (o.getOutputTopic() != null) {
      b.append(" -> ")
          .append(o.getOutputTopic())
          .append(" (rejected: ")
          .append(o.getRejectedTopic())
          .append(exactlyOnce(o) ? ", exactly once)" : ", at least once)");
    }
    return b.toString();
  }
}
