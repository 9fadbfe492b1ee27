package dev.tagpipe;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.runners.dataflow.DataflowPipelineRegistrar;
import org.apache.beam.sdk.extensions.gcp.options.GcpPipelineOptionsRegistrar;
import org.apache.beam.sdk.io.gcp.common.GcpIoPipelineOptionsRegistrar;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Parses the command line into {@link TagPipelineOptions}, registering the Google Cloud option
 * interfaces only when the command line needs them.
 *
 * <p>Why: Beam checks every registered options interface against the others on the first parse,
 * and the Dataflow, GCP and GCP-IO interfaces are most of them (about 1.5 s of every start). The
 * bundled jar therefore leaves their {@code PipelineOptionsRegistrar}s out of its service files
 * (see pom.xml), and they are registered here for a Dataflow run, a {@code --help=} lookup, or any
 * option that only they know (such as {@code --project} for a gs:// path on another runner). On a
 * plain classpath (tests, IDEs) they are registered already and this changes nothing.
 */
final class OptionsParser {
  private OptionsParser() {}

  static TagPipelineOptions parse(String[] args) {
    PipelineOptionsFactory.register(TagPipelineOptions.class);
    if (mentionsCloud(args)) {
      registerCloudOptions();
    }
    try {
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(TagPipelineOptions.class);
    } catch (IllegalArgumentException unknownOption) {
      if (!registerCloudOptions()) {
        throw unknownOption; // they were there already: the option is unknown to all
      }
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(TagPipelineOptions.class);
    }
  }

  /**
   * Whether the command line sets {@code name} (e.g. "--project") to a value. Asked of the raw
   * arguments because asking Beam would run the option's default factory, which for some
   * Google Cloud options goes to the network.
   */
  static boolean given(String[] args, String name) {
    return Arrays.stream(args)
        .anyMatch(a -> a.startsWith(name + "=") && a.length() > name.length() + 1);
  }

  private static boolean mentionsCloud(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.startsWith("--help=")
        || (a.startsWith("--runner=") && a.toLowerCase().contains("dataflow")));
  }

  /** Registers the Google Cloud option interfaces; false if all were registered already. */
  static synchronized boolean registerCloudOptions() {
    Set<Class<? extends PipelineOptions>> cloud = new HashSet<>();
    for (PipelineOptionsRegistrar registrar : List.of(new DataflowPipelineRegistrar.Options(),
        new GcpPipelineOptionsRegistrar(), new GcpIoPipelineOptionsRegistrar())) {
      registrar.getPipelineOptions().forEach(cloud::add);
    }
    boolean added = !PipelineOptionsFactory.getRegisteredOptions().containsAll(cloud);
    cloud.forEach(PipelineOptionsFactory::register);
    return added;
  }
}
