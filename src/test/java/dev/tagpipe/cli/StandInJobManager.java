package dev.tagpipe.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for a Flink JobManager's REST API on 127.0.0.1: each path answers its JSON, any other
 * is a 404, as Flink answers an unknown job. Close it to stop it.
 */
public final class StandInJobManager implements AutoCloseable {
  private final HttpServer server;

  public StandInJobManager(Map<String, String> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body = answers.get(exchange.getRequestURI().getPath());
          byte[] bytes =
              (body == null ? "{\"errors\":[\"Not found\"]}" : body)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  /** host:port, as --flinkMaster takes it. */
  public String master() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
