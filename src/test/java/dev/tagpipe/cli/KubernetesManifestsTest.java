package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Flink Kubernetes Operator manifests parse and carry the fields the operator requires. */
class KubernetesManifestsTest {
  private static final Path K8S = TestData.PROJECT.resolve("deploy/flink/k8s");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String name) throws IOException {
    try (Reader r = Files.newBufferedReader(K8S.resolve(name))) {
      return (Map<String, Object>) new Yaml().load(r);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m.get(key);
    assertNotNull(v, "missing " + key);
    return (Map<String, Object>) v;
  }

  private static void assertFlinkDeployment(Map<String, Object> d) {
    assertEquals("flink.apache.org/v1beta1", d.get("apiVersion"));
    assertEquals("FlinkDeployment", d.get("kind"));
    assertNotNull(map(d, "metadata").get("name"));
    Map<String, Object> spec = map(d, "spec");
    assertNotNull(spec.get("image"));
    assertEquals("v1_19", spec.get("flinkVersion"), "must match beam-runners-flink-1.19");
    assertNotNull(spec.get("serviceAccount"));
    assertNotNull(map(map(spec, "jobManager"), "resource").get("memory"));
    assertNotNull(map(map(spec, "taskManager"), "resource").get("memory"));
  }

  @SuppressWarnings("unchecked")
  private static void assertTaggingJob(Map<String, Object> job) {
    assertTrue(String.valueOf(job.get("jarURI")).endsWith("tagpipe-bundled.jar"));
    assertEquals(TagPipeline.class.getName(), job.get("entryClass"));
    List<String> args = (List<String>) job.get("args");
    assertTrue(args.contains("--runner=FlinkRunner"));
    assertTrue(args.contains("--waitUntilFinish=false"), "main() must not block in the cluster");
    assertTrue(args.stream().anyMatch(a -> a.startsWith("--input=")));
    assertTrue(args.stream().anyMatch(a -> a.startsWith("--output=")));
  }

  @Test
  void sessionClusterAndSessionJob() throws IOException {
    Map<String, Object> session = load("session-cluster.yaml");
    assertFlinkDeployment(session);
    Map<String, Object> job = load("tagging-job.yaml");
    assertEquals("FlinkSessionJob", job.get("kind"));
    assertEquals("flink.apache.org/v1beta1", job.get("apiVersion"));
    assertEquals(map(session, "metadata").get("name"), map(job, "spec").get("deploymentName"));
    assertTaggingJob(map(map(job, "spec"), "job"));
  }

  @Test
  void applicationMode() throws IOException {
    Map<String, Object> app = load("application-job.yaml");
    assertFlinkDeployment(app);
    assertTaggingJob(map(map(app, "spec"), "job"));
  }
}
