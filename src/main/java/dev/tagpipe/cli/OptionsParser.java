package dev.tagpipe.cli;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.runners.dataflow.DataflowPipelineRegistrar;
import org.apache.beam.sdk.extensions.gcp.options.GcpPipelineOptionsRegistrar;
import org.apache.beam.sdk.io.gcp.common.GcpIoPipelineOptionsRegistrar;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Turns the command line into {@link TagPipelineOptions}, once: the raw arguments go no further
 * than here. Mistakes Beam would report in its own terms (an unknown enum value, an option given
 * twice) become one line naming the option, what was given and what is allowed.
 *
 * <p>The launcher's default input: when the system property {@value #SAMPLE_PROPERTY} names a file
 * (pipelines/tag sets it to the bundled sample) and no {@code --input} is given, that CoNLL-U file
 * is tagged.
 *
 * <p>The Google Cloud option interfaces are registered only when the command line needs them: Beam
 * checks every registered options interface against the others on the first parse, and the
 * Dataflow, GCP and GCP-IO interfaces are most of them (about 1.5 s of every start). The bundled
 * jar therefore leaves their {@code PipelineOptionsRegistrar}s out of its service files (see
 * pom.xml), and they are registered here for a Dataflow run, a {@code --help=} lookup, or any
 * option that only they know (such as {@code --project} for a gs:// path on another runner). On a
 * plain classpath (tests, IDEs) they are registered already and this changes nothing.
 */
final class OptionsParser {
  static final String SAMPLE_PROPERTY = "tagpipe.sampleInput";

  private OptionsParser() {}

  /** The parsed options and the names of the options the command line set (without "--"). */
  record Parsed(TagPipelineOptions options, Set<String> given) {
    boolean isGiven(String name) {
      return given.contains(name);
    }
  }

  static Parsed parse(String[] args) {
    List<String> all = withSampleInput(args);
    Map<String, String> values = singleValues(all);
    checkEnumValues(values);
    PipelineOptionsFactory.register(TagPipelineOptions.class);
    if (mentionsCloud(all)) {
      registerCloudOptions();
    }
    String[] argv = all.toArray(String[]::new);
    TagPipelineOptions options;
    try {
      options = parseWithBeam(argv);
    } catch (IllegalArgumentException first) {
      if (!registerCloudOptions()) {
        throw explain(first, all); // they were there already: the mistake is not a cloud option
      }
      try {
        options = parseWithBeam(argv);
      } catch (IllegalArgumentException second) {
        throw explain(second, all);
      }
    }
    // Beam splits a list option's value on commas; a Kafka property's value may hold commas
    // (ssl.enabled.protocols=TLSv1.2,TLSv1.3): take each --kafkaProperty as given.
    List<String> kafkaProperties = new ArrayList<>();
    for (String a : all) {
      if (a.startsWith("--kafkaProperty=")) {
        kafkaProperties.add(a.substring("--kafkaProperty=".length()));
      }
    }
    if (!kafkaProperties.isEmpty()) {
      options.setKafkaProperty(kafkaProperties);
    }
    return new Parsed(options, values.keySet());
  }

  private static TagPipelineOptions parseWithBeam(String[] argv) {
    return PipelineOptionsFactory.fromArgs(argv).withValidation().as(TagPipelineOptions.class);
  }

  private static List<String> withSampleInput(String[] args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    String sample = System.getProperty(SAMPLE_PROPERTY);
    Map<String, String> values = singleValues(all);
    if (sample == null || values.containsKey("input") || values.containsKey("inputTopic")) {
      return all; // the sample stands in for a missing --input only, not for a topic
    }
    String format = values.get("inputFormat");
    if (format != null && !format.equals("conllu")) {
      throw new UserError(
          "--inputFormat="
              + format
              + " was given without --input: with no"
              + " --input the bundled sample is tagged, and it is CoNLL-U (--inputFormat=conllu);"
              + " give --input=FILE for your "
              + format
              + " input");
    }
    all.add(0, "--input=" + sample);
    if (format == null) {
      all.add(1, "--inputFormat=conllu");
    }
    return all;
  }

  /** Option name (without "--") to value, for every {@code --name=value} given. */
  private static Map<String, String> singleValues(List<String> args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2 && eq < a.length() - 1) {
        values.put(a.substring(2, eq), a.substring(eq + 1));
      }
    }
    return values;
  }

  /** An enum option given a value it does not have: say which values it has. */
  private static void checkEnumValues(Map<String, String> values) {
    for (Method getter : TagPipelineOptions.class.getMethods()) {
      if (!getter.getName().startsWith("get")
          || !getter.getReturnType().isEnum()
          || getter.getParameterCount() != 0) {
        continue;
      }
      String name =
          Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      String value = values.get(name);
      if (value == null) {
        continue;
      }
      List<String> allowed =
          Arrays.stream(getter.getReturnType().getEnumConstants())
              .map(c -> ((Enum<?>) c).name())
              .collect(Collectors.toList());
      if (!allowed.contains(value)) {
        throw new UserError(
            "--"
                + name
                + "="
                + value
                + " is not allowed; use one of: "
                + String.join(", ", allowed));
      }
    }
  }

  /** Beam's message for an option given twice names neither the option nor the fix. */
  private static RuntimeException explain(IllegalArgumentException e, List<String> args) {
    if (e.getMessage() == null || !e.getMessage().contains("expected one element")) {
      return e;
    }
    UserError twice = UserError.optionGivenTwice(args);
    if (twice != null) {
      return twice;
    }
    return e;
  }

  private static boolean mentionsCloud(List<String> args) {
    return args.stream()
        .anyMatch(
            a ->
                a.startsWith("--help=")
                    || (a.startsWith("--runner=") && a.toLowerCase().contains("dataflow")));
  }

  /** Registers the Google Cloud option interfaces; false if all were registered already. */
  static synchronized boolean registerCloudOptions() {
    Set<Class<? extends PipelineOptions>> cloud = new HashSet<>();
    for (PipelineOptionsRegistrar registrar :
        List.of(
            new DataflowPipelineRegistrar.Options(),
            new GcpPipelineOptionsRegistrar(),
            new GcpIoPipelineOptionsRegistrar())) {
      registrar.getPipelineOptions().forEach(cloud::add);
    }
    boolean added = !PipelineOptionsFactory.getRegisteredOptions().containsAll(cloud);
    cloud.forEach(PipelineOptionsFactory::register);
    return added;
  }
}
