package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.kafka.KafkaBroker;
import dev.tagpipe.kafka.TopicClient;
import dev.tagpipe.tagger.ModelBytes;
import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs that read a topic of a real broker (deploy/kafka) and write topics, as a user runs them:
 * records produced before and after the job starts, bad records among them, the model file replaced
 * under a running job, the broker stopped and started again mid-stream. Each output topic is read
 * as a {@code read_committed} consumer reads it, by a client of the test's own.
 */
class KafkaIT {
  private static final Path TEST_MODELS =
      Path.of(
          System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"));

  @TempDir static Path brokerDir;
  @TempDir Path dir;

  private static KafkaBroker broker;
  private static TopicClient client;
  private static List<List<String>> ewt;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start(brokerDir.resolve("broker"));
    client = new TopicClient(broker.bootstrap());
    ewt = new ArrayList<>(TestData.conlluSentences(TestData.EWT_DEV).values());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (client != null) {
      client.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static void topics(String... names) throws Exception {
    for (String name : names) {
      broker.createTopic(name, name.endsWith("-rejected") ? 1 : 2);
    }
  }

  /** {@code n} EWT sentences from {@code from} as token lines, keyed k<i>. */
  private static List<Map.Entry<byte[], byte[]>> lines(int from, int n) {
    List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      records.add(
          Map.entry(
              ("k" + i).getBytes(StandardCharsets.UTF_8),
              String.join(" ", ewt.get(i % ewt.size())).getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }

  private static Future<CliRun.RunResult> launch(ExecutorService pool, String... args) {
    return pool.submit(() -> CliRun.runJob(args));
  }

  /** Waits until the topic shows at least {@code n} committed records; fails if the job ends. */
  private static void awaitCommitted(String topic, int n, Future<CliRun.RunResult> job)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    List<TopicClient.Received> seen = Collections.synchronizedList(new ArrayList<>());
    client.readCommitted(
        topic,
        Duration.ofSeconds(180),
        seen,
        () -> seen.size() >= n || job.isDone() || System.nanoTime() > deadline);
    if (seen.size() < n) {
      String ended = job.isDone() ? "the job ended: " + describe(job.get()) : "still running";
      throw new AssertionError(topic + ": " + seen.size() + " of " + n + " records; " + ended);
    }
  }

  private static String describe(CliRun.RunResult r) {
    return "exit " + r.code + "\n" + r.out + "\n" + r.err;
  }

  /** The whole committed topic once the job has ended. */
  private static List<TopicClient.Received> readAll(String topic) throws Exception {
    return client.readCommitted(topic, Duration.ofSeconds(15), () -> false);
  }

  private static List<String> tokens(TopicClient.Received r) {
    List<String> t = new ArrayList<>();
    r.value().get("tokens").forEach(x -> t.add(x.asText()));
    return t;
  }

  private static List<String> tags(TopicClient.Received r) {
    List<String> t = new ArrayList<>();
    r.value().get("tags").forEach(x -> t.add(x.asText()));
    return t;
  }

  /**
   * Every good record sent is in {@code out} exactly once, keyed as it was sent, with the reference
   * tags; returns the output by id.
   */
  private static Map<String, TopicClient.Received> assertExactlyOnce(
      String in, List<TopicClient.Sent> sent, List<TopicClient.Received> out) {
    Map<String, TopicClient.Received> byId = new HashMap<>();
    List<String> twice = new ArrayList<>();
    for (TopicClient.Received r : out) {
      if (byId.put(r.value().get("id").asText(), r) != null) {
        twice.add(r.value().get("id").asText());
      }
    }
    assertEquals(List.of(), twice, "written more than once");
    List<String> missing = new ArrayList<>();
    for (TopicClient.Sent s : sent) {
      TopicClient.Received r = byId.get(s.id(in));
      if (r == null) {
        missing.add(s.id(in));
        continue;
      }
      assertArrayEquals(s.key(), r.key(), "the output record's key is its input's: " + s.id(in));
      List<String> expected =
          List.of(new String(s.value(), StandardCharsets.UTF_8).trim().split("\\s+"));
      assertEquals(expected, tokens(r), s.id(in));
    }
    assertEquals(List.of(), missing, "lost");
    assertEquals(sent.size(), out.size(), "records in the output topic");
    return byId;
  }

  @Test
  void directRunnerTagsRecordsSentBeforeAndAfterItStartsAndRejectsTheBadOnes() throws Exception {
    topics("d-in", "d-out", "d-out-rejected");
    List<TopicClient.Sent> good = new ArrayList<>(client.send("d-in", lines(0, 30)));
    List<Map.Entry<byte[], byte[]>> bad = new ArrayList<>();
    bad.add(
        Map.entry(
            "bad-utf8".getBytes(StandardCharsets.UTF_8),
            new byte[] {'a', ' ', (byte) 0xC3, '(', ' ', 'b'}));
    bad.add(Map.entry("empty".getBytes(StandardCharsets.UTF_8), new byte[0]));
    bad.add(
        Map.entry(
            "too-long".getBytes(StandardCharsets.UTF_8),
            "word ".repeat(120).getBytes(StandardCharsets.UTF_8)));
    List<TopicClient.Sent> rejected = client.send("d-in", bad);
    // No key: the output has none either.
    good.addAll(
        client.send(
            "d-in",
            List.of(
                new java.util.AbstractMap.SimpleEntry<byte[], byte[]>(
                    null, "No key here .".getBytes(StandardCharsets.UTF_8)))));

    ExecutorService pool = Executors.newSingleThreadExecutor();
    Path summary = dir.resolve("summary.json");
    Future<CliRun.RunResult> job =
        launch(
            pool,
            "--inputTopic=d-in",
            "--outputTopic=d-out",
            "--bootstrapServers=" + broker.bootstrap(),
            "--inputFormat=tokens",
            "--maxLineBytes=400",
            "--stopAfterIdle=PT10S",
            "--summary=" + summary);
    awaitCommitted("d-out", good.size(), job);
    good.addAll(client.send("d-in", lines(30, 20))); // after it started
    CliRun.RunResult r = job.get(4, TimeUnit.MINUTES);
    pool.shutdown();
    assertEquals(0, r.code, describe(r));
    int read = good.size() + rejected.size();
    assertTrue(
        r.out.contains(
            "read " + read + " = tagged " + good.size() + " + rejected " + rejected.size()),
        r.out);
    assertTrue(r.out.contains("at least once"), r.out);

    Map<String, TopicClient.Received> byId = assertExactlyOnce("d-in", good, readAll("d-out"));
    for (TopicClient.Received o : byId.values()) {
      assertEquals(TestData.referenceTags(tokens(o)), tags(o), o.value().toString());
    }
    Map<String, String> reasons = new HashMap<>();
    for (TopicClient.Received o : readAll("d-out-rejected")) {
      reasons.put(o.value().get("id").asText(), o.value().get("reason").asText());
    }
    assertEquals(rejected.size(), reasons.size(), reasons.toString());
    assertTrue(reasons.get(rejected.get(0).id("d-in")).contains("UTF-8"), reasons.toString());
    assertTrue(reasons.get(rejected.get(1).id("d-in")).contains("empty"), reasons.toString());
    assertTrue(
        reasons.get(rejected.get(2).id("d-in")).contains("maxLineBytes"), reasons.toString());
    assertEquals(read, CliRun.summaryAt(summary).get("read").asInt());
  }

  @Test
  void flinkTagsEachRecordExactlyOnceWithTheModelOfItsTime() throws Exception {
    topics("f-in", "f-out", "f-out-rejected");
    Path model = dir.resolve("model.tagger");
    byte[] english = TestData.modelBytes();
    Path frenchFile = TEST_MODELS.resolve("pos-tagger/french-ud.tagger");
    byte[] french = Files.readAllBytes(frenchFile);
    moveIn(model, english);
    List<TopicClient.Sent> first = client.send("f-in", lines(0, 40));

    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<CliRun.RunResult> job =
        launch(
            pool,
            "--runner=FlinkRunner",
            "--inputTopic=f-in",
            "--outputTopic=f-out",
            "--bootstrapServers=" + broker.bootstrap(),
            "--inputFormat=tokens",
            "--model=" + model,
            "--watchModel=PT1S",
            "--checkpointingInterval=2000",
            "--stopAfterIdle=PT20S");
    awaitCommitted("f-out", first.size(), job);
    moveIn(model, ModelSafetyTest.serialDos()); // hostile: refused, English stays
    Thread.sleep(4000);
    List<TopicClient.Sent> second = client.send("f-in", lines(40, 40));
    awaitCommitted("f-out", first.size() + second.size(), job);
    moveIn(model, french);
    Thread.sleep(6000);
    List<TopicClient.Sent> third = client.send("f-in", lines(80, 40));
    CliRun.RunResult r = job.get(5, TimeUnit.MINUTES);
    pool.shutdown();
    assertEquals(0, r.code, describe(r));
    assertTrue(r.out.contains("exactly once"), r.out);

    List<TopicClient.Sent> all = new ArrayList<>(first);
    all.addAll(second);
    all.addAll(third);
    Map<String, TopicClient.Received> byId = assertExactlyOnce("f-in", all, readAll("f-out"));
    String englishSha = ModelBytes.sha256(english).substring(0, 12);
    String frenchSha = ModelBytes.sha256(french).substring(0, 12);
    MaxentTagger frenchTagger = new MaxentTagger(frenchFile.toString());
    for (TopicClient.Sent s : first) {
      assertModel(byId.get(s.id("f-in")), englishSha, null);
    }
    for (TopicClient.Sent s : second) {
      assertModel(byId.get(s.id("f-in")), englishSha, null);
    }
    for (TopicClient.Sent s : third) {
      assertModel(byId.get(s.id("f-in")), frenchSha, frenchTagger);
    }
    assertTrue(
        r.out.contains("read " + all.size() + " = tagged " + all.size() + " + rejected 0"), r.out);
  }

  private static void assertModel(TopicClient.Received o, String sha, MaxentTagger tagger) {
    assertEquals(sha, o.value().get("model").asText(), o.value().toString());
    List<String> expected =
        tagger == null
            ? TestData.referenceTags(tokens(o))
            : tagger
                .tagSentence(tokens(o).stream().map(Word::new).collect(Collectors.toList()))
                .stream()
                .map(TaggedWord::tag)
                .collect(Collectors.toList());
    assertEquals(expected, tags(o), o.value().toString());
  }

  @Test
  void aBrokerStoppedMidStreamLosesAndRepeatsNothing() throws Exception {
    topics("b-in", "b-out", "b-out-rejected");
    List<TopicClient.Sent> all = new ArrayList<>(client.send("b-in", lines(0, 30)));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<CliRun.RunResult> job =
        launch(
            pool,
            "--runner=FlinkRunner",
            "--inputTopic=b-in",
            "--outputTopic=b-out",
            "--bootstrapServers=" + broker.bootstrap(),
            "--inputFormat=tokens",
            "--checkpointingInterval=2000",
            "--stopAfterIdle=PT40S");
    try {
      awaitCommitted("b-out", all.size(), job);
      broker.stop();
      Thread.sleep(8000);
    } finally {
      broker.startAgain();
    }
    all.addAll(client.send("b-in", lines(30, 30)));
    CliRun.RunResult r = job.get(5, TimeUnit.MINUTES);
    pool.shutdown();
    assertEquals(0, r.code, describe(r));
    Map<String, TopicClient.Received> byId = assertExactlyOnce("b-in", all, readAll("b-out"));
    for (TopicClient.Received o : byId.values()) {
      assertEquals(TestData.referenceTags(tokens(o)), tags(o), o.value().toString());
    }
  }

  @Test
  void aLaunchThatCannotGoOnSaysWhyWithinSeconds() throws Exception {
    topics("e-in", "e-out", "e-out-rejected");
    int closed = KafkaBroker.freePort();
    long start = System.nanoTime();
    CliRun.RunResult noBroker =
        CliRun.runJob(
            "--inputTopic=e-in", "--outputTopic=e-out", "--bootstrapServers=127.0.0.1:" + closed);
    assertEquals(2, noBroker.code, describe(noBroker));
    assertTrue(noBroker.err.contains("127.0.0.1:" + closed), noBroker.err);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "took over 30 s");

    CliRun.RunResult noTopic =
        CliRun.runJob(
            "--inputTopic=nosuch",
            "--outputTopic=e-out",
            "--bootstrapServers=" + broker.bootstrap());
    assertEquals(2, noTopic.code, describe(noTopic));
    assertTrue(noTopic.err.contains("topic 'nosuch' does not exist"), noTopic.err);

    CliRun.RunResult noRejected =
        CliRun.runJob(
            "--inputTopic=e-in",
            "--outputTopic=e-out",
            "--rejectedTopic=e-bad",
            "--bootstrapServers=" + broker.bootstrap());
    assertEquals(2, noRejected.code, describe(noRejected));
    assertTrue(noRejected.err.contains("'e-bad'"), noRejected.err);

    CliRun.RunResult both =
        CliRun.runJob(
            "--inputTopic=e-in",
            "--input=" + TestData.EWT_DEV,
            "--outputTopic=e-out",
            "--bootstrapServers=" + broker.bootstrap());
    assertEquals(2, both.code, describe(both));
    assertTrue(both.err.contains("--inputTopic and --input"), both.err);
  }

  private static void moveIn(Path target, byte[] bytes) throws Exception {
    Path temp = target.resolveSibling("." + target.getFileName() + ".part");
    Files.write(temp, bytes);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
