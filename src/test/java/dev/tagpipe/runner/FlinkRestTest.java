package dev.tagpipe.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@link FlinkRest} against a stand-in JobManager REST API on 127.0.0.1. */
class FlinkRestTest {
  /** Serves each path's JSON; any other path is a 404, as Flink answers an unknown job. */
  private static HttpServer jobManager(Map<String, String> answers) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = answers.get(exchange.getRequestURI().getPath());
      byte[] bytes = (body == null ? "{\"errors\":[\"Not found\"]}" : body)
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }

  @Test
  void countsTheFailuresOfTheNewestJobOfThatName() throws IOException {
    HttpServer server = jobManager(Map.of(
        "/jobs/overview", "{\"jobs\":["
            + "{\"jid\":\"old\",\"name\":\"tagpipe-run\",\"start-time\":100},"
            + "{\"jid\":\"new\",\"name\":\"tagpipe-run\",\"start-time\":200},"
            + "{\"jid\":\"other\",\"name\":\"another-job\",\"start-time\":300}]}",
        "/jobs/old/exceptions", "{\"exceptionHistory\":{\"entries\":[{}, {}, {}]}}",
        "/jobs/new/exceptions", "{\"exceptionHistory\":{\"entries\":[{\"exceptionName\":\"x\"}]}}",
        "/jobs/other/exceptions", "{\"exceptionHistory\":{\"entries\":[{}, {}]}}"));
    try {
      String address = "http://127.0.0.1:" + server.getAddress().getPort();
      assertEquals(1, FlinkRest.failuresRecovered(address, "tagpipe-run"));
      assertEquals(0, FlinkRest.failuresRecovered(address, "never-submitted"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aClusterThatCannotBeAskedSaysNothingRatherThanFailing() throws IOException {
    HttpServer server = jobManager(Map.of());
    String address = "http://127.0.0.1:" + server.getAddress().getPort();
    server.stop(0);
    assertNull(FlinkRest.get(address, "/jobs/overview"));
    assertEquals(0, FlinkRest.failuresRecovered(address, "tagpipe-run"));
  }

  @Test
  void onlyAFlinkClusterHasAnAddress() {
    FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster("localhost:8081");
    assertEquals("http://localhost:8081", FlinkRest.clusterAddress(flink));
    flink.setFlinkMaster("https://flink.example:443");
    assertEquals("https://flink.example:443", FlinkRest.clusterAddress(flink));
    flink.setFlinkMaster("[local]");
    assertNull(FlinkRest.clusterAddress(flink));
    flink.setRunner(DirectRunner.class);
    assertNull(FlinkRest.clusterAddress(flink));
  }
}
