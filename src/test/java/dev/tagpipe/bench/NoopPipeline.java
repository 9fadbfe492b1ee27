package dev.tagpipe.bench;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The smallest Beam job: one element through one map, on the runner the arguments name. Its wall
 * time is what the runner costs before any of our work (start-up floor in StartupBreakdown).
 */
public final class NoopPipeline {
  private NoopPipeline() {}

  public static void main(String[] args) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(args).create());
    p.apply(Create.of("x"))
        .apply(MapElements.into(TypeDescriptors.strings()).via((String s) -> s + "!"));
    p.run().waitUntilFinish();
    System.exit(0); // runner threads may linger otherwise
  }
}
