package dev.tagpipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tagpipe.io.InputFormat;
import dev.tagpipe.io.JsonFields;
import dev.tagpipe.io.OutputFormat;
import dev.tagpipe.tagger.ModelLocation;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks the options, input and output before anything is built, so that a mistake costs seconds,
 * not a job. Paths on remote filesystems are checked too unless this is a dry run (which must work
 * offline). The model is checked by {@link ModelCheck}. Every problem is a {@link UserError} with
 * one line that says what to do.
 */
final class Preflight {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private Preflight() {}

  static void check(OptionsParser.Parsed parsed) {
    TagPipelineOptions o = parsed.options();
    checkNumbers(o);
    KafkaJob.check(o, parsed);
    checkWatching(o, parsed);
    checkDataflow(o, parsed);
    checkFlinkCheckpoints(o, parsed);
    checkDocuments(o, parsed);
    Languages.check(o, parsed);
    if (KafkaJob.readsTopic(o)) {
      if (o.getOutput() != null) {
        checkOutput(o);
      }
      if (!o.getDryRun()) {
        KafkaJob.checkBrokers(o); // last: the other mistakes are said without waiting for it
      }
      return;
    }
    checkInput(o);
    checkOutput(o);
    checkOutputNotUnderInput(o);
  }

  /** The JSON Lines options: only with --inputFormat=jsonl, and paths of field names. */
  private static void checkDocuments(TagPipelineOptions o, OptionsParser.Parsed given) {
    if (o.getInputFormat() != InputFormat.jsonl) {
      for (String option : new String[] {"textField", "idField", "tokensField"}) {
        if (given.isGiven(option)) {
          throw new UserError(
              "--" + option + " needs --inputFormat=jsonl (it names a field of a JSON record)");
        }
      }
      if (o.getOutputFormat() == OutputFormat.documents) {
        throw new UserError(
            "--outputFormat=documents needs --inputFormat=jsonl: it gives each input record back"
                + " with its sentences; for "
                + o.getInputFormat()
                + " input choose jsonl, text or conllu");
      }
      return;
    }
    try {
      jsonFields(o);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage().replace("JsonFields: ", "--"));
    }
  }

  /** The fields --textField, --idField and --tokensField name. */
  static JsonFields jsonFields(TagPipelineOptions o) {
    return new JsonFields(o.getTextField(), o.getIdField(), emptyToNull(o.getTokensField()));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The streaming options: durations that parse, and only together with --watchInput. */
  private static void checkWatching(TagPipelineOptions o, OptionsParser.Parsed given) {
    if (!KafkaJob.streams(o)) {
      for (String option : new String[] {"stopAfterIdle", "window", "watchModel"}) {
        if (given.isGiven(option)) {
          throw new UserError(
              "--"
                  + option
                  + " needs --watchInput=DURATION or --inputTopic=TOPIC (it applies to a"
                  + " streaming job)");
        }
      }
      return;
    }
    if (o.getWatchInput() != null) {
      Durations.parse("watchInput", o.getWatchInput());
    }
    Durations.parse("window", o.getWindow());
    if (o.getStopAfterIdle() != null) {
      Durations.parse("stopAfterIdle", o.getStopAfterIdle());
    }
    if (o.getWatchModel() != null) {
      Durations.parse("watchModel", o.getWatchModel());
      String pin = o.getModelSha256();
      if (pin != null && !pin.isEmpty()) {
        throw new UserError(
            "--modelSha256 and --watchModel contradict each other: a pin refuses"
                + " every other model, a watch takes the new one; give one of them");
      }
    }
  }

  private static void checkNumbers(TagPipelineOptions o) {
    if (o.getNumShards() < 0) {
      throw new UserError(
          "--numShards must be 0 (runner decides) or more, not " + o.getNumShards());
    }
    if (o.getMaxSentenceTokens() < 1) {
      throw new UserError("--maxSentenceTokens must be at least 1");
    }
    if (o.getMaxLineBytes() < 1) {
      throw new UserError("--maxLineBytes must be at least 1");
    }
    if (o.getMaxCachedTaggers() < 1) {
      throw new UserError("--maxCachedTaggers must be at least 1");
    }
    if (o.getReadShards() < 0) {
      throw new UserError("--readShards must be 0 (automatic) or more");
    }
    String pin = o.getModelSha256();
    if (pin != null && !pin.isEmpty() && !SHA256.matcher(pin).matches()) {
      throw new UserError("--modelSha256 must be 64 hexadecimal digits, got '" + pin + "'");
    }
  }

  /**
   * Dataflow needs a project, a region and a temp location; left out, the runner looks them up
   * (gcloud, the metadata server), which is slow or hangs offline. Require them explicitly.
   */
  private static void checkDataflow(TagPipelineOptions o, OptionsParser.Parsed given) {
    if (o.getRunner() != org.apache.beam.runners.dataflow.DataflowRunner.class) {
      if (o.getDryRun() && given.isGiven("dataflowJobFile")) {
        throw new UserError("--dataflowJobFile needs --runner=DataflowRunner");
      }
      return;
    }
    StringBuilder missing = new StringBuilder();
    for (String name : new String[] {"project", "region"}) {
      if (!given.isGiven(name)) {
        missing.append(" --").append(name);
      }
    }
    if (!given.isGiven("tempLocation") && !given.isGiven("gcpTempLocation")) {
      missing.append(" --tempLocation");
    }
    if (missing.length() > 0) {
      throw new UserError(
          "DataflowRunner needs"
              + missing
              + " (for example --project=my-project"
              + " --region=europe-west1 --tempLocation=gs://my-bucket/tmp)");
    }
    if (o.getDryRun() && !given.isGiven("dataflowJobFile")) {
      throw new UserError("a Dataflow dry run writes the job to --dataflowJobFile=PATH; give it");
    }
  }

  /**
   * A watching job with checkpointing on a Flink cluster that keeps checkpoints in the JobManager's
   * memory would fail every checkpoint (the model side input is over its 5 MB limit) and restart
   * for ever; its configuration says so through the REST API. A cluster that cannot be asked is
   * left to the submission to report.
   */
  private static void checkFlinkCheckpoints(TagPipelineOptions o, OptionsParser.Parsed given) {
    if (o.getRunner() != FlinkRunner.class
        || !KafkaJob.streams(o)
        || given.isGiven("stateBackend")) {
      return;
    }
    FlinkPipelineOptions flink = o.as(FlinkPipelineOptions.class);
    String master = flink.getFlinkMaster();
    String cluster = FlinkRest.clusterAddress(o);
    if (flink.getCheckpointingInterval() <= 0 || cluster == null) {
      return; // no checkpoints, or embedded Flink (the launcher gives it a checkpoint folder)
    }
    JsonNode config = FlinkRest.get(cluster, "/jobmanager/config");
    if (config == null) {
      return; // the cluster cannot be asked: Flink's own error will say what is wrong
    }
    for (JsonNode entry : config) {
      String key = entry.path("key").asText();
      if ((key.equals("state.checkpoints.dir") || key.equals("execution.checkpointing.dir"))
          && !entry.path("value").asText().isBlank()) {
        return;
      }
    }
    throw new UserError(
        "the Flink cluster at "
            + master
            + " keeps checkpoints in the"
            + " JobManager's memory (no state.checkpoints.dir in its configuration), and a watching"
            + " job's state holds the model (over Flink's 5 MB limit for that): every checkpoint would"
            + " fail and restart the job; set state.checkpoints.dir on the cluster (deploy/flink"
            + " does), or give --stateBackend=filesystem --stateBackendStoragePath=DIR");
  }

  private static void checkInput(TagPipelineOptions o) {
    String input = o.getInput();
    if (input == null || input.isBlank()) {
      throw new UserError(
          "--input is required: a file, glob or URI of the sentences to tag (or --inputTopic"
              + " to read a Kafka topic)");
    }
    if (StreamedInput.isStream(input)) {
      checkStreamedInput(o);
      return; // read to its end by the launcher, after the other checks
    }
    if (ModelLocation.isRemotePath(input) && o.getDryRun()) {
      return;
    }
    if (o.getWatchInput() != null) {
      checkWatchedFolder(input);
      return; // the folder may well be empty when the watch starts
    }
    List<MatchResult.Metadata> files;
    try {
      files = FileSystems.match(input, EmptyMatchTreatment.ALLOW).metadata();
    } catch (FileNotFoundException e) {
      files = List.of();
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot list --input=" + input + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new UserError(
          "--input="
              + input
              + " matches no file; check the path or glob"
              + (input.contains("*") ? "" : " (a directory needs a glob such as dir/*)"));
    }
    if (files.size() == 1 && isDirectory(files.get(0))) {
      String dir = input.endsWith("/") ? input : input + "/";
      throw new UserError(
          "--input="
              + input
              + " is a directory, not a file; give a glob of the"
              + " files in it, such as --input="
              + dir
              + "*");
    }
  }

  /** Standard input or a pipe: read once by the launcher, so only where its copy can be read. */
  private static void checkStreamedInput(TagPipelineOptions o) {
    String what =
        o.getInput().equals(StreamedInput.STDIN)
            ? "standard input (--input=-)"
            : o.getInput() + " (a pipe, FIFO or device, not a file)";
    if (o.getWatchInput() != null) {
      throw new UserError(
          "--watchInput watches the files a glob matches; "
              + what
              + " is read"
              + " once, to its end, so leave --watchInput out, or watch a folder the data is moved"
              + " into");
    }
    if (o.getRunner() == org.apache.beam.runners.dataflow.DataflowRunner.class) {
      throw new UserError(
          what
              + " is on this machine, where Dataflow's workers cannot read it;"
              + " copy it to a bucket (gsutil cp - gs://bucket/in.txt) and give that as --input");
    }
    // The copy lives in this machine's temporary folder for as long as the launcher runs.
    if (!o.getWaitUntilFinish()) {
      throw new UserError(
          what
              + " is copied to a temporary file that is deleted when the launcher ends, and"
              + " --waitUntilFinish=false ends it before the job has read it; leave"
              + " --waitUntilFinish out, or save the input to a file and give that");
    }
    if (o.getRunner() == FlinkRunner.class && !flinkOnThisMachine(o)) {
      throw new UserError(
          what
              + " is copied to this machine's temporary folder, which the Flink cluster at "
              + o.as(FlinkPipelineOptions.class).getFlinkMaster()
              + " cannot read; save the input to a file its TaskManagers can read and give that");
    }
    StreamedInput.checkIsPipe(o.getInput());
  }

  /** Embedded Flink, or a cluster on this machine (loopback), whose TaskManagers share /tmp. */
  private static boolean flinkOnThisMachine(TagPipelineOptions o) {
    String master = o.as(FlinkPipelineOptions.class).getFlinkMaster();
    if (master == null || master.startsWith("[")) {
      return true; // [local], [auto], [collection]: in this JVM
    }
    String host = master.replaceFirst("^[a-z]+://", "").replaceFirst("[:/].*$", "");
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /**
   * The output files must not be among the input's: a watching job would tag its own output again
   * and again (never idle), and a batch run would tag the previous run's. Judged by matching the
   * names the writers give (shards, windows, rejections, summary, Beam's temporary files) against
   * the input's glob, as Beam's local filesystem matches it.
   */
  static void checkOutputNotUnderInput(TagPipelineOptions o) {
    String input = o.getInput();
    String output = o.getOutput();
    if (input == null
        || output == null
        || StreamedInput.isStream(input)
        || ModelLocation.isRemotePath(input) != ModelLocation.isRemotePath(output)) {
      return;
    }
    java.nio.file.PathMatcher matcher;
    try {
      matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + asPath(input));
    } catch (IllegalArgumentException e) {
      return; // not a glob Java reads; Beam's listing will say what is wrong with it
    }
    String prefix = asPath(output);
    String suffix = o.getOutputFormat().suffix();
    String dir = prefix.substring(0, Math.max(0, prefix.lastIndexOf('/')));
    String[] outputs = {
      prefix + "-00000-of-00001" + suffix,
      prefix + "-2026-01-01T00:00:00.000Z-2026-01-01T00:01:00.000Z-0-00000-of-00001" + suffix,
      prefix + "-rejected-00000-of-00001.jsonl",
      prefix + "-summary.json",
      dir + "/.temp-beam-0/0"
    };
    for (String name : outputs) {
      if (matcher.matches(java.nio.file.Path.of(name))) {
        throw new UserError(
            "--output="
                + output
                + " writes files that --input="
                + input
                + " matches (such as "
                + name.substring(name.lastIndexOf('/') + 1)
                + "): the run"
                + (o.getWatchInput() != null
                    ? " would tag its own output again and again"
                    : " would read output as input")
                + "; write the output outside the input's folder, or narrow the input glob (e.g."
                + " *.txt)");
      }
    }
  }

  /** A path or URI as an absolute, normalized path string ("gs://b/x" as "/gs:/b/x"). */
  private static String asPath(String spec) {
    if (spec.startsWith("file://")) {
      spec = spec.substring("file://".length());
    }
    int scheme = spec.indexOf("://");
    if (scheme > 0) {
      return "/" + spec.substring(0, scheme) + ":/" + spec.substring(scheme + 3);
    }
    return new File(spec).getAbsoluteFile().toPath().normalize().toString();
  }

  /** A watched local pattern's folder must exist: a typo would otherwise watch nothing for ever. */
  private static void checkWatchedFolder(String input) {
    if (ModelLocation.isRemotePath(input)) {
      return;
    }
    String path = input.startsWith("file://") ? input.substring(7) : input;
    File pattern = new File(path).getAbsoluteFile();
    if (pattern.isDirectory()) {
      throw new UserError(
          "--input="
              + input
              + " is a directory; to watch it give a glob of the"
              + " files in it, such as --input="
              + (input.endsWith("/") ? input : input + "/")
              + "*");
    }
    File folder = pattern.getParentFile();
    while (folder != null && folder.getName().matches(".*[*?\\[{].*")) {
      folder = folder.getParentFile();
    }
    if (folder == null || !folder.isDirectory()) {
      throw new UserError(
          "--input="
              + input
              + ": the folder "
              + folder
              + " does not exist;"
              + " create it, or fix the path, before watching it");
    }
  }

  private static boolean isDirectory(MatchResult.Metadata file) {
    if (file.resourceId().isDirectory()) {
      return true;
    }
    String path = file.resourceId().toString();
    return !ModelLocation.isRemotePath(path)
        && new File(path.startsWith("file://") ? path.substring(7) : path).isDirectory();
  }

  private static void checkOutput(TagPipelineOptions o) {
    String output = o.getOutput();
    if (output == null || output.isBlank()) {
      throw new UserError("--output must be a path prefix such as out/tagged");
    }
    if (ModelLocation.isRemotePath(output)) {
      return;
    }
    File prefix = new File(output.startsWith("file://") ? output.substring(7) : output);
    if (output.endsWith("/") || prefix.isDirectory()) {
      throw new UserError(
          "--output="
              + output
              + " is a directory; give a file prefix inside it,"
              + " such as "
              + new File(prefix, "tagged"));
    }
    File dir = prefix.getAbsoluteFile().getParentFile();
    if (!dir.isDirectory() && !dir.mkdirs()) {
      throw new UserError("cannot create the output directory " + dir + " for --output=" + output);
    }
    if (!dir.canWrite()) {
      throw new UserError(
          "cannot write to the output directory "
              + dir
              + " (--output="
              + output
              + "); choose a writable location");
    }
  }
}
