package dev.tagpipe.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching from a real Maven repository layout served over HTTP on 127.0.0.1: a real jar with
 * CoreNLP's french-ud.tagger in it, and the .sha1 beside it.
 */
class ModelFetcherTest {
  @TempDir Path dir;
  Path served;
  Path folder;
  HttpServer server;
  String url;
  final AtomicInteger requests = new AtomicInteger();
  final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  final NamedModel french = ModelCatalog.lookup("french").orElseThrow();

  @BeforeEach
  void serve() throws IOException {
    served = dir.resolve("served");
    folder = dir.resolve("models");
    TestModelJars.frenchRepository(served);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/maven2/",
        exchange -> {
          requests.incrementAndGet();
          Path file =
              served.resolve(exchange.getRequestURI().getPath().substring("/maven2/".length()));
          if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.sendResponseHeaders(200, Files.size(file));
          try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
          }
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ModelFetcher fetcher(String repository, Path localRepository) {
    return new ModelFetcher(
            ModelsFolder.at(folder),
            repository,
            localRepository,
            new PrintStream(progress, true, StandardCharsets.UTF_8),
            false)
        .withTimeouts(2_000, 2_000, 0);
  }

  private Path servedJar() {
    return served.resolve("edu/stanford/nlp/stanford-corenlp/4.5.10/" + french.jarFileName());
  }

  @Test
  void downloadsVerifiesExtractsAndRecords() throws Exception {
    ModelFetcher.Result result;
    try (ModelFetcher f = fetcher(url, null)) {
      result = f.fetch(french, false);
    }
    assertFalse(result.alreadyInstalled());
    String said = progress.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("100%"), said);
    assertTrue(said.contains("MB/s"), said);
    String jarSha1 = TestModelJars.hex("SHA-1", servedJar());
    assertTrue(said.contains("SHA-1 verified: " + jarSha1), said);

    Path tagger = folder.resolve("french/french-ud.tagger");
    assertEquals(tagger, result.installed().tagger());
    String sha256 = TestModelJars.hex("SHA-256", TestModelJars.frenchTagger());
    assertEquals(sha256, TestModelJars.hex("SHA-256", tagger));
    assertEquals(sha256, result.installed().sha256());
    assertTrue(Files.isRegularFile(folder.resolve("french/french-ud.tagger.props")));
    Properties manifest = new Properties();
    try (var in = Files.newInputStream(folder.resolve("french/" + ModelsFolder.MANIFEST))) {
      manifest.load(in);
    }
    assertEquals("edu.stanford.nlp:stanford-corenlp:4.5.10:models-french", manifest.get("jar"));
    assertEquals(jarSha1, manifest.get("jarSha1"));
    assertEquals(sha256, manifest.get("sha256"));
    assertEquals(Long.toString(Files.size(tagger)), manifest.get("bytes"));
    assertTrue(manifest.getProperty("source").startsWith(url), manifest.toString());
    assertTrue(manifest.getProperty("fetched").endsWith("Z"), manifest.toString());
    assertEquals(List.of("french"), leftInFolder(), "the downloaded jar is deleted");

    int before = requests.get();
    try (ModelFetcher f = fetcher(url, null)) {
      assertTrue(f.fetch(french, false).alreadyInstalled());
    }
    assertEquals(before, requests.get(), "a second fetch asks nothing");

    server.stop(0); // offline from here
    assertEquals(tagger.toString(), ModelCatalog.resolve("french", ModelsFolder.at(folder)));
  }

  @Test
  void aJarThatDoesNotMatchItsSha1IsRefusedAndNothingIsInstalled() throws Exception {
    Files.writeString(
        servedJar().resolveSibling(french.jarFileName() + ".sha1"),
        "0123456789abcdef0123456789abcdef01234567  " + french.jarFileName());
    ModelFetcher.FetchException e;
    try (ModelFetcher f = fetcher(url, null)) {
      e = assertThrows(ModelFetcher.FetchException.class, () -> f.fetch(french, false));
    }
    assertTrue(e.getMessage().startsWith("refused the download of " + url), e.getMessage());
    assertTrue(e.getMessage().contains("0123456789abcdef0123456789abcdef01234567"));
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(List.of(), leftInFolder());
    assertTrue(ModelsFolder.at(folder).installed(french).isEmpty());
  }

  @Test
  void aMissingJarIsOneLine() throws Exception {
    Files.delete(servedJar());
    Files.delete(servedJar().resolveSibling(french.jarFileName() + ".sha1"));
    try (ModelFetcher f = fetcher(url, null)) {
      ModelFetcher.FetchException e =
          assertThrows(ModelFetcher.FetchException.class, () -> f.fetch(french, false));
      assertEquals(
          "cannot download "
              + url
              + "/edu/stanford/nlp/stanford-corenlp/4.5.10/"
              + french.jarFileName()
              + ".sha1: HTTP 404, no such file (is --repository right?)",
          e.getMessage());
    }
    assertTrue(ModelsFolder.at(folder).installed(french).isEmpty());
  }

  @Test
  void aRepositoryThatDoesNotAnswerIsOneLineNotAHang() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ModelFetcher f = fetcher("http://127.0.0.1:" + silent.getLocalPort() + "/maven2", null)) {
      long start = System.nanoTime();
      ModelFetcher.FetchException e =
          assertThrows(ModelFetcher.FetchException.class, () -> f.fetch(french, false));
      assertTrue(e.getMessage().contains("no answer in time"), e.getMessage());
      assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }
  }

  @Test
  void aJarInTheLocalMavenRepositoryIsReadWithoutDownloading() throws Exception {
    try (ModelFetcher f = fetcher(url, served)) {
      ModelFetcher.Result result = f.fetch(french, false);
      assertEquals(servedJar().toString(), result.from());
    }
    assertEquals(0, requests.get());
    assertTrue(Files.isRegularFile(servedJar()), "the Maven repository's jar stays");
    assertTrue(ModelsFolder.at(folder).installed(french).isPresent());
  }

  @Test
  void forceFetchesAgainInPlace() throws Exception {
    try (ModelFetcher f = fetcher(url, served)) {
      f.fetch(french, false);
      Files.writeString(folder.resolve("french/stale.txt"), "old");
      ModelFetcher.Result again = f.fetch(french, true);
      assertFalse(again.alreadyInstalled());
    }
    assertFalse(Files.exists(folder.resolve("french/stale.txt")));
    assertEquals(List.of("french"), leftInFolder());
  }

  @Test
  void theCommandListsAndFetches() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] fetch = {"fetch", "fr", "--modelsDir=" + folder, "--repository=" + url};
    String old = System.getProperty("maven.repo.local");
    System.setProperty("maven.repo.local", dir.resolve("no-repo").toString());
    try {
      assertEquals(0, ModelsCommand.run(fetch, ps(out), ps(err), false), err.toString());
    } finally {
      if (old == null) {
        System.clearProperty("maven.repo.local");
      } else {
        System.setProperty("maven.repo.local", old);
      }
    }
    assertTrue(
        out.toString().contains("french installed: " + folder.resolve("french/french-ud.tagger")));
    out.reset();
    ModelsCommand.run(new String[] {"--modelsDir=" + folder}, ps(out), ps(err), false);
    String sha = TestModelJars.hex("SHA-256", TestModelJars.frenchTagger()).substring(0, 12);
    assertTrue(out.toString().contains("yes, sha256 " + sha), out.toString());
    assertTrue(
        out.toString().lines().anyMatch(l -> l.startsWith("english ") && l.endsWith("bundled")));
    assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("german ") && l.endsWith("no")));
    err.reset();
    assertEquals(2, ModelsCommand.run(new String[] {"fetch", "klingon"}, ps(out), ps(err), false));
    assertEquals(1, err.toString().lines().count());
    assertTrue(err.toString().startsWith("tagpipe: error: unknown model 'klingon'"));
  }

  private static PrintStream ps(ByteArrayOutputStream b) {
    return new PrintStream(b, true, StandardCharsets.UTF_8);
  }

  private List<String> leftInFolder() throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
