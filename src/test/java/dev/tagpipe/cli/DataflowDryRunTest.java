package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dataflow dry run builds the real Dataflow job offline (CI has no route to Google Cloud): the
 * tagging step reads the model through a singleton side input, the model's bytes are not in the
 * graph, and worker options reach the job.
 */
class DataflowDryRunTest {
  @TempDir Path dir;
  Path jobFile;
  Path stagedJar;

  @BeforeEach
  void setUp() throws IOException {
    jobFile = dir.resolve("job.json");
    // Stage one small file instead of the test classpath (which the runner would hash and zip).
    stagedJar = dir.resolve("tagpipe.jar");
    Files.write(stagedJar, new byte[] {'P', 'K', 5, 6});
  }

  private List<String> args(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DataflowRunner",
                "--dryRun=true",
                "--dataflowJobFile=" + jobFile,
                "--project=demo",
                "--region=europe-west1",
                "--tempLocation=gs://demo/tmp",
                "--input=gs://demo/in/*.txt",
                "--inputFormat=tokens",
                "--output=gs://demo/out/tagged",
                "--outputFormat=jsonl",
                "--filesToStage=" + stagedJar));
    args.addAll(List.of(extra));
    return args;
  }

  private CliRun.RunResult run(List<String> args) {
    return CliRun.runJob(args.toArray(String[]::new));
  }

  private static String value(JsonNode n) {
    return n == null ? "" : n.isObject() ? n.path("value").asText() : n.asText();
  }

  @Test
  void taggingStepReadsTheModelThroughASingletonSideInput() throws IOException {
    CliRun.RunResult r = run(args("--workerMachineType=n2-highmem-2", "--maxNumWorkers=7"));
    assertEquals(0, r.code, r.err);
    JsonNode job = new ObjectMapper().readTree(jobFile.toFile());

    Map<String, JsonNode> steps = new HashMap<>();
    job.get("steps").forEach(s -> steps.put(s.get("name").asText(), s));
    JsonNode tagging = null;
    for (JsonNode s : steps.values()) {
      if (s.get("kind").asText().equals("ParallelDo")
          && value(s.path("properties").get("user_name")).startsWith("TagSentences/")) {
        tagging = s;
      }
    }
    assertNotNull(tagging, "a ParallelDo step for TagSentences");
    JsonNode sideInputs = tagging.path("properties").path("non_parallel_inputs");
    assertEquals(1, sideInputs.size(), "one side input: the model");
    JsonNode source = steps.get(sideInputs.elements().next().get("step_name").asText());
    assertEquals("CollectionToSingleton", source.get("kind").asText());
    assertTrue(value(source.path("properties").get("user_name")).startsWith("ReadTaggerModel/"));

    long size = Files.size(jobFile);
    assertTrue(size < 2_000_000, "the 13.5 MB model is not inlined: the job is " + size + " bytes");

    JsonNode pool = job.path("environment").path("workerPools").get(0);
    assertEquals("n2-highmem-2", pool.path("machineType").asText());
    assertEquals(7, pool.path("autoscalingSettings").path("maxNumWorkers").asInt());
  }

  @Test
  void routingByLanguageStagesEachLocalModelAndReadsThemAllAsOneSideInput() throws IOException {
    Path french =
        Path.of(
            System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"),
            "pos-tagger/french-ud.tagger");
    CliRun.RunResult r = run(args("--model=en:english,fr:" + french));
    assertEquals(0, r.code, r.err);
    assertTrue(
        r.out.contains("the model " + french + " would be staged to gs://demo/"), r.out + r.err);
    String job = Files.readString(jobFile);
    assertTrue(!job.contains(french.toString()), "no path of this machine in the job");
    assertTrue(job.contains("/models/b71ac1193d40"), "the staged French model, by its SHA-256");
    assertTrue(job.contains("TagSentences"), "the tagging step");
  }

  @Test
  void runnerV2StagesAPortablePipelineWithTheSideInput() throws IOException {
    CliRun.RunResult r = run(args("--experiments=use_runner_v2"));
    assertEquals(0, r.code, r.err);
    Path proto;
    try (var files = Files.list(dir)) {
      proto =
          files
              .filter(p -> p.getFileName().toString().startsWith("job.json.pipeline"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no staged pipeline proto"));
    }
    RunnerApi.Pipeline pipeline = RunnerApi.Pipeline.parseFrom(Files.readAllBytes(proto));
    RunnerApi.ParDoPayload tagging = null;
    for (RunnerApi.PTransform t : pipeline.getComponents().getTransformsMap().values()) {
      if (t.getUniqueName().startsWith("TagSentences/")
          && t.getSpec().getUrn().equals("beam:transform:pardo:v1")) {
        tagging = RunnerApi.ParDoPayload.parseFrom(t.getSpec().getPayload());
      }
    }
    assertNotNull(tagging, "the portable pipeline has the tagging ParDo");
    assertEquals(1, tagging.getSideInputsCount(), "and its model side input");
    assertTrue(Files.size(proto) < 2_000_000);
    assertTrue(Files.readString(jobFile).contains("use_runner_v2"));
  }

  @Test
  void aWatchingJobIsBuiltAsAStreamingJobOffline() throws IOException {
    CliRun.RunResult r =
        run(
            args(
                "--watchInput=PT30S",
                "--window=5m",
                "--watchModel=PT1M",
                "--model=gs://demo/models/english.tagger"));
    assertEquals(0, r.code, r.err);
    JsonNode job = new ObjectMapper().readTree(jobFile.toFile());
    assertEquals("JOB_TYPE_STREAMING", job.path("type").asText(), job.path("type").toString());
    boolean watches = false;
    for (JsonNode s : job.get("steps")) {
      watches |= value(s.path("properties").get("user_name")).startsWith("WatchInput/");
    }
    assertTrue(watches, "the graph reads through WatchInput");
    assertTrue(Files.size(jobFile) < 2_000_000);
  }

  @Test
  void aKafkaJobIsBuiltOfflineAsAStreamingJobThatWritesItsTopicsExactlyOnce() throws IOException {
    List<String> kafka = args();
    kafka.removeIf(a -> a.startsWith("--input=") || a.startsWith("--output="));
    kafka.addAll(
        List.of(
            "--inputTopic=sentences",
            "--outputTopic=tagged",
            "--bootstrapServers=broker-1.internal:9092,broker-2.internal:9092",
            "--kafkaProperty=security.protocol=SASL_SSL"));
    CliRun.RunResult r = run(kafka); // a dry run asks no broker: none answers here
    assertEquals(0, r.code, r.err);
    JsonNode job = new ObjectMapper().readTree(jobFile.toFile());
    assertEquals("JOB_TYPE_STREAMING", job.path("type").asText(), job.path("type").toString());
    // Built with runner v2 (its dynamic read finds the partitions at run time): the graph is the
    // staged portable pipeline.
    Path proto;
    try (var files = Files.list(dir)) {
      proto =
          files
              .filter(p -> p.getFileName().toString().startsWith("job.json.pipeline"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no staged pipeline proto"));
    }
    List<String> names = new ArrayList<>();
    for (RunnerApi.PTransform t :
        RunnerApi.Pipeline.parseFrom(Files.readAllBytes(proto))
            .getComponents()
            .getTransformsMap()
            .values()) {
      names.add(t.getUniqueName());
    }
    assertTrue(names.stream().anyMatch(n -> n.startsWith("ReadTopic/")), names.toString());
    // Dataflow holds a sink's input stable: the topics are written by KafkaIO's exactly-once sink.
    assertTrue(
        names.stream().anyMatch(n -> n.startsWith("WriteTopic/") && n.contains("ExactlyOnce")),
        names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("WriteRejectedTopic/")), names.toString());
  }

  @Test
  void missingProjectRegionOrTempLocationIsAClearError() {
    for (String left : List.of("--project=", "--region=", "--tempLocation=")) {
      List<String> args = args();
      args.removeIf(a -> a.startsWith(left));
      CliRun.RunResult r = run(args);
      assertEquals(2, r.code, r.err);
      String name = left.substring(0, left.length() - 1);
      assertTrue(r.err.contains("DataflowRunner needs " + name), r.err);
      assertTrue(!r.err.contains("\tat "), "no stack trace");
    }
  }

  @Test
  void dryRunWithoutAJobFileIsAClearError() {
    List<String> args = args();
    args.removeIf(a -> a.startsWith("--dataflowJobFile="));
    CliRun.RunResult r = run(args);
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.contains("--dataflowJobFile"), r.err);
  }
}
