package dev.tagpipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.TestData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Flink session cluster, started and stopped with the scripts in deploy/flink. */
final class FlinkCluster implements AutoCloseable {
  final Path runDir;
  final int restPort;

  private FlinkCluster(Path runDir, int restPort) {
    this.runDir = runDir;
    this.restPort = restPort;
  }

  static FlinkCluster start(Path runDir, int taskManagers) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    FlinkCluster cluster = new FlinkCluster(runDir, port);
    int code =
        cluster.script(
            "start-cluster.sh",
            "--taskmanagers",
            String.valueOf(taskManagers),
            "--rest-port",
            String.valueOf(port));
    if (code != 0) {
      cluster.close();
      throw new IllegalStateException(
          "start-cluster.sh failed with " + code + "; logs in " + runDir.resolve("log"));
    }
    return cluster;
  }

  int script(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(TestData.PROJECT.resolve("deploy/flink/" + name).toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put("TAGPIPE_FLINK_RUN_DIR", runDir.toString());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  String master() {
    return "127.0.0.1:" + restPort;
  }

  JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }

  /** Pids of the JVMs start-cluster.sh started, from its pid files. */
  List<Long> pids() throws IOException {
    List<Long> pids = new ArrayList<>();
    if (Files.isDirectory(runDir)) {
      try (var files = Files.list(runDir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
          pids.add(Long.parseLong(Files.readString(f).trim()));
        }
      }
    }
    return pids;
  }

  /** Lines of one process's log that contain {@code text}. */
  long countInLog(String process, String text) throws IOException {
    Path log = runDir.resolve("log/" + process + ".log");
    if (!Files.exists(log)) {
      return 0;
    }
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  /**
   * Kills (by pid) one of the cluster's TaskManagers whose log shows it loaded the tagger, once
   * {@code ready} holds, and returns its name; fails if none has within 3 minutes (submitting and
   * loading the tagger is slow on a busy machine) or the job ended. {@code what} says in the
   * failure what was waited for.
   */
  String killATaggingTaskManager(
      Process job, Path log, java.util.function.BooleanSupplier ready, String what)
      throws Exception {
    for (int i = 0; i < 360 && job.isAlive(); i++) {
      for (int tm = 1; tm <= 3 && ready.getAsBoolean(); tm++) {
        String name = "taskmanager-" + tm;
        if (countInLog(name, "Loaded tagger") > 0) {
          long pid = Long.parseLong(Files.readString(runDir.resolve(name + ".pid")).trim());
          if (!ProcessHandle.of(pid).orElseThrow().destroyForcibly()) {
            throw new AssertionError("could not kill " + name);
          }
          return name;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no TaskManager " + what + " in 3 minutes; " + Files.readString(log));
  }

  @Override
  public void close() throws Exception {
    script("stop-cluster.sh");
  }
}
