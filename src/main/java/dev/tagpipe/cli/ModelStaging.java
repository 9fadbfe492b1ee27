package dev.tagpipe.cli;

import dev.tagpipe.tagger.ModelLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Dataflow's workers cannot read the launcher's disk: a model on it (a named model installed by
 * {@code pipelines/models}, or any local .tagger) is staged where they can read it, beside the jar:
 * {@code <stagingLocation>/models/<sha256>/<file>}. The SHA-256 in the path makes a staged model
 * immutable (a second run with the same bytes uploads nothing) and the job's {@code --model} then
 * points at it. The dry run prints that location and uploads nothing.
 */
final class ModelStaging {
  private ModelStaging() {}

  /** True when the job's model must be staged: Dataflow and a model only this machine can read. */
  static boolean needed(TagPipelineOptions o) {
    if (o.getRunner() != DataflowRunner.class) {
      return false;
    }
    if (ModelChoice.parse(o.getModel()).routed()) {
      return Languages.modelsByLanguage(o).values().stream().anyMatch(ModelStaging::isLocalFile);
    }
    return isLocalFile(o.getModel());
  }

  private static boolean isLocalFile(String spec) {
    return !ModelLocation.isBundled(spec) && !ModelLocation.isRemotePath(spec);
  }

  /**
   * Routing by language: each language's local model staged (or, in a dry run, only planned), and
   * the job's {@code --model} the list of where the workers read them.
   */
  private static void stageEachLanguage(TagPipelineOptions o, PrintStream out, boolean upload) {
    StringBuilder spec = new StringBuilder();
    for (java.util.Map.Entry<String, String> e : Languages.modelsByLanguage(o).entrySet()) {
      String location = e.getValue();
      if (isLocalFile(location)) {
        location = upload ? upload(o, location, out) : plan(o, location, out);
      }
      spec.append(spec.length() == 0 ? "" : ",").append(e.getKey()).append(':').append(location);
    }
    o.setModel(spec.toString());
  }

  /**
   * Uploads the local model, once its check passed, and points the job at the staged copy; does
   * nothing unless {@link #needed}.
   */
  static void stageForWorkers(TagPipelineOptions o, ModelCheck check, PrintStream out) {
    if (!needed(o)) {
      return;
    }
    refuseWatch(o);
    check.await(); // a bad model is said before anything is uploaded
    if (ModelChoice.parse(o.getModel()).routed()) {
      stageEachLanguage(o, out, true);
      return;
    }
    o.setModel(upload(o, o.getModel(), out));
  }

  /** Uploads {@code local} under the staging location, unless there already; its location. */
  private static String upload(TagPipelineOptions o, String local, PrintStream out) {
    String staged = stagedLocation(o, local, sha256(local));
    FileSystems.setDefaultPipelineOptions(o);
    try {
      ResourceId target = FileSystems.matchNewResource(staged, false);
      if (!exists(staged)) {
        try (InputStream in = ModelLocation.open(local);
            OutputStream copy =
                Channels.newOutputStream(FileSystems.create(target, MimeTypes.BINARY))) {
          in.transferTo(copy);
        }
        out.println("tagpipe: staged the model " + local + " to " + staged);
      } else {
        out.println("tagpipe: the model " + local + " is staged already at " + staged);
      }
    } catch (IOException | RuntimeException e) {
      throw new UserError(
          "cannot stage the model " + local + " to " + staged + ": " + Launcher.rootMessage(e));
    }
    return staged;
  }

  /** The dry run: points the job at where the model would be staged, and says so. */
  static void planForDryRun(TagPipelineOptions o, PrintStream out) {
    if (!needed(o)) {
      return;
    }
    refuseWatch(o);
    if (ModelChoice.parse(o.getModel()).routed()) {
      stageEachLanguage(o, out, false);
      return;
    }
    o.setModel(plan(o, o.getModel(), out));
  }

  private static String plan(TagPipelineOptions o, String local, PrintStream out) {
    String staged = stagedLocation(o, local, sha256(local));
    out.println(
        "tagpipe: dry run: the model "
            + local
            + " would be staged to "
            + staged
            + " (not uploaded)");
    return staged;
  }

  private static void refuseWatch(TagPipelineOptions o) {
    if (o.getWatchModel() != null) {
      throw new UserError(
          "--watchModel re-reads --model="
              + o.getModel()
              + ", which is on this machine, where Dataflow's workers cannot read it; put the"
              + " model in a bucket (gs://...) and give that as --model");
    }
  }

  /** {@code <stagingLocation>/models/<sha256>/<file name>}. */
  static String stagedLocation(TagPipelineOptions o, String local, String sha256) {
    String staging = o.as(DataflowPipelineOptions.class).getStagingLocation();
    if (staging == null || staging.isBlank()) {
      throw new UserError(
          "the model "
              + local
              + " is on this machine and must be staged for Dataflow's workers; give"
              + " --stagingLocation=gs://bucket/staging (or --tempLocation)");
    }
    String file = local.substring(local.lastIndexOf('/') + 1);
    return staging + (staging.endsWith("/") ? "" : "/") + "models/" + sha256 + "/" + file;
  }

  private static boolean exists(String spec) throws IOException {
    try {
      FileSystems.matchSingleFileSpec(spec);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  private static String sha256(String local) {
    try (InputStream in = ModelLocation.open(local)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream d = new DigestInputStream(in, digest)) {
        d.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UserError("cannot read --model=" + local + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
