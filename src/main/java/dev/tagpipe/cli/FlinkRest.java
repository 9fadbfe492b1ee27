package dev.tagpipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Reads a Flink session cluster's REST API (the {@code --flinkMaster} address): the launcher asks
 * it about the cluster before a job (its configuration) and after one (its failures). Every answer
 * is best effort: a cluster that cannot be asked gives null, never a failed run.
 */
final class FlinkRest {
  private FlinkRest() {}

  /** The cluster's REST address, or null when the job does not run on a Flink cluster. */
  public static String clusterAddress(PipelineOptions options) {
    if (options.getRunner() != FlinkRunner.class) {
      return null;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    if (master == null || master.isBlank() || master.startsWith("[")) {
      return null; // embedded Flink ([local], [auto], [collection])
    }
    return master.matches("^https?://.*") ? master : "http://" + master;
  }

  /** GET {@code path} from the cluster at {@code address}: its JSON, or null. */
  public static JsonNode get(String address, String path) {
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(3))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(address + path))
                      .timeout(Duration.ofSeconds(5))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * How many failures the cluster's newest job named {@code jobName} recovered from (its exception
   * history), 0 when none or when the cluster cannot say. Flink's counters (Beam's metrics) keep
   * only the attempt that finished, so after a recovery they cover part of the run.
   */
  public static int failuresRecovered(String address, String jobName) {
    JsonNode overview = get(address, "/jobs/overview");
    if (overview == null) {
      return 0;
    }
    String jobId = null;
    long newest = Long.MIN_VALUE;
    for (JsonNode job : overview.path("jobs")) {
      if (job.path("name").asText().equals(jobName) && job.path("start-time").asLong() > newest) {
        newest = job.path("start-time").asLong();
        jobId = job.path("jid").asText();
      }
    }
    if (jobId == null) {
      return 0;
    }
    JsonNode exceptions = get(address, "/jobs/" + jobId + "/exceptions");
    return exceptions == null ? 0 : exceptions.path("exceptionHistory").path("entries").size();
  }
}
