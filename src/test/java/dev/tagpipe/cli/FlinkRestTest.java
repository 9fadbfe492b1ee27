package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.Map;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@link FlinkRest} against a stand-in JobManager REST API on 127.0.0.1. */
class FlinkRestTest {
  @Test
  void countsTheFailuresOfTheNewestJobOfThatName() throws IOException {
    try (StandInJobManager jobManager =
        new StandInJobManager(
            Map.of(
                "/jobs/overview",
                    "{\"jobs\":["
                        + "{\"jid\":\"old\",\"name\":\"tagpipe-run\",\"start-time\":100},"
                        + "{\"jid\":\"new\",\"name\":\"tagpipe-run\",\"start-time\":200},"
                        + "{\"jid\":\"other\",\"name\":\"another-job\",\"start-time\":300}]}",
                "/jobs/old/exceptions", "{\"exceptionHistory\":{\"entries\":[{}, {}, {}]}}",
                "/jobs/new/exceptions",
                    "{\"exceptionHistory\":{\"entries\":[{\"exceptionName\":\"x\"}]}}",
                "/jobs/other/exceptions", "{\"exceptionHistory\":{\"entries\":[{}, {}]}}"))) {
      String address = "http://" + jobManager.master();
      assertEquals(1, FlinkRest.failuresRecovered(address, "tagpipe-run"));
      assertEquals(0, FlinkRest.failuresRecovered(address, "never-submitted"));
    }
  }

  @Test
  void aClusterThatCannotBeAskedSaysNothingRatherThanFailing() throws IOException {
    StandInJobManager jobManager = new StandInJobManager(Map.of());
    String address = "http://" + jobManager.master();
    jobManager.close(); // nothing listens there any more
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
