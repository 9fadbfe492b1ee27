package dev.tagpipe.kafka;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka 3.9 broker (KRaft, broker and controller in one JVM) on 127.0.0.1,
 * started and stopped with the scripts in deploy/kafka. Its data lives in the run folder, so {@link
 * #restart()} keeps topics and committed records. Only the JDK: Kafka's tools run in subprocesses
 * (deploy/kafka/kafka).
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(90);

  private final Path project;
  private final Path runDir;
  private final int port;
  private boolean running;
  private Thread shutdownHook;

  private KafkaBroker(Path project, Path runDir, int port) {
    this.project = project;
    this.runDir = runDir;
    this.port = port;
  }

  /** Starts a broker with its data and logs in {@code runDir}, on a free port. */
  public static KafkaBroker start(Path runDir) throws IOException, InterruptedException {
    return start(runDir, freePort());
  }

  /** Starts a broker with its data and logs in {@code runDir}, on {@code port}. */
  public static KafkaBroker start(Path runDir, int port) throws IOException, InterruptedException {
    KafkaBroker broker = new KafkaBroker(projectDir(), runDir.toAbsolutePath(), port);
    broker.startProcess();
    return broker;
  }

  /** {@code 127.0.0.1:PORT}, as start-broker.sh printed it. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path runDir() {
    return runDir;
  }

  /** The broker's log file (Kafka's own log, appended across restarts). */
  public Path serverLog() {
    return runDir.resolve("log/server.log");
  }

  /** The pid of the running broker JVM, from start-broker.sh's pid file. */
  public OptionalLong pid() throws IOException {
    Path pidFile = runDir.resolve("broker.pid");
    if (!Files.exists(pidFile)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
  }

  /** Stops the broker (stop-broker.sh: SIGTERM, SIGKILL after 30 s). Does nothing if stopped. */
  public synchronized void stop() throws IOException, InterruptedException {
    if (!running) {
      return;
    }
    Result r = run(STOP_TIMEOUT, script("stop-broker.sh"), "--run-dir", runDir.toString());
    if (r.code != 0) {
      throw new IllegalStateException("stop-broker.sh failed (" + r.describe() + "):\n" + r.output);
    }
    running = false;
    removeShutdownHook();
  }

  /** Starts a stopped broker again on the same port and run folder: its data is kept. */
  public synchronized void startAgain() throws IOException, InterruptedException {
    if (!running) {
      startProcess();
    }
  }

  /** Stops the broker and starts it again on the same port and run folder: data is kept. */
  public synchronized void restart() throws IOException, InterruptedException {
    stop();
    startProcess();
  }

  /** Creates a topic with replication factor 1 (the broker does not create topics itself). */
  public void createTopic(String name, int partitions) throws IOException, InterruptedException {
    kafka("topics", "--create", "--topic", name, "--partitions", String.valueOf(partitions));
  }

  /** The names of the broker's topics, internal ones included. */
  public List<String> listTopics() throws IOException, InterruptedException {
    return kafka("topics", "--list").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /**
   * Runs one of Kafka's tools through deploy/kafka/kafka (e.g. {@code "topics", "--describe",
   * "--topic", "t"}) against this broker; returns its output, stdout and stderr together.
   */
  public String kafka(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(script("kafka"));
    command.addAll(
        List.of("--run-dir", runDir.toString(), tool, "--bootstrap-server", bootstrap()));
    command.addAll(Arrays.asList(args));
    Result r = run(TOOL_TIMEOUT, command.toArray(String[]::new));
    if (r.code != 0) {
      throw new IllegalStateException(
          "deploy/kafka/kafka "
              + tool
              + " "
              + String.join(" ", args)
              + " failed ("
              + r.describe()
              + "):\n"
              + r.output);
    }
    return r.output;
  }

  /** Stops the broker; safe to call more than once. */
  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the broker in " + runDir, e);
    }
  }

  private synchronized void startProcess() throws IOException, InterruptedException {
    Result r =
        run(
            START_TIMEOUT,
            script("start-broker.sh"),
            "--run-dir",
            runDir.toString(),
            "--port",
            String.valueOf(port));
    if (r.code != 0) {
      if (r.timedOut) {
        // The script did not finish: the broker may be up, so stop it before giving up.
        run(STOP_TIMEOUT, script("stop-broker.sh"), "--run-dir", runDir.toString());
      }
      throw new IllegalStateException(
          "start-broker.sh --port "
              + port
              + " --run-dir "
              + runDir
              + " failed ("
              + r.describe()
              + "):\n"
              + r.output);
    }
    String expected = "bootstrap: " + bootstrap();
    if (r.output.lines().noneMatch(l -> l.strip().equals(expected))) {
      run(STOP_TIMEOUT, script("stop-broker.sh"), "--run-dir", runDir.toString());
      throw new IllegalStateException(
          "start-broker.sh did not print '" + expected + "':\n" + r.output);
    }
    running = true;
    addShutdownHook();
  }

  private void addShutdownHook() {
    if (shutdownHook != null) {
      return;
    }
    Path dir = runDir;
    String stop = script("stop-broker.sh");
    shutdownHook =
        new Thread(
            () -> {
              try {
                run(STOP_TIMEOUT, stop, "--run-dir", dir.toString());
              } catch (IOException | InterruptedException e) {
                // The JVM is exiting; nothing left to tell.
              }
            },
            "kafka-broker-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private void removeShutdownHook() {
    if (shutdownHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Called from another shutdown hook: the JVM is already exiting.
    }
    shutdownHook = null;
  }

  private String script(String name) {
    return project.resolve("deploy/kafka").resolve(name).toString();
  }

  private record Result(int code, boolean timedOut, Duration timeout, String output) {
    String describe() {
      return timedOut ? "no answer within " + timeout.toSeconds() + " s" : "exit code " + code;
    }
  }

  /** Runs a command, its output collected, its children killed if it outlives the timeout. */
  private static Result run(Duration timeout, String... command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "kafka-script-output");
    reader.setDaemon(true);
    reader.start();
    boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    String output = out.toString(StandardCharsets.UTF_8);
    return new Result(finished ? p.exitValue() : -1, !finished, timeout, output);
  }

  /** A port nothing listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** True if something accepts TCP connections on 127.0.0.1:{@code port}. */
  public static boolean portOpen(int port) {
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The project folder: Maven's {@code tagpipe.projectDir}, else the first folder up from the
   * current one that holds deploy/kafka/start-broker.sh (Maven runs tests in the project).
   */
  static Path projectDir() {
    String configured = System.getProperty("tagpipe.projectDir");
    if (configured != null && Files.exists(Path.of(configured, "deploy/kafka/start-broker.sh"))) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("deploy/kafka/start-broker.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no deploy/kafka/start-broker.sh in " + Path.of("").toAbsolutePath() + " or above");
  }
}
