package dev.tagpipe.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The build's training run for the AppCDS archive {@code target/tagpipe.jsa} (Java's class data
 * sharing): tags a small corpus once on the DirectRunner and once on embedded Flink, in one JVM
 * started with {@code -XX:ArchiveClassesAtExit}, so that the archive holds the classes both runners
 * load. Launchers that pass {@code -XX:SharedArchiveFile=target/tagpipe.jsa} then map those classes
 * instead of loading and verifying them from the 250 MB jar (seconds per start).
 *
 * <p>It runs the launcher exactly as pipelines/tag does, so the runners get the same defaults
 * ({@link dev.tagpipe.cli.RunnerPolicy}) and load the same classes. It is part of the product's
 * start-up, not of the benchmark. Usage: {@code ClassArchiveTraining <input.conllu> <output-dir>}.
 */
public final class ClassArchiveTraining {
  private ClassArchiveTraining() {}

  public static void main(String[] args) {
    String input = args[0];
    String out = args[1];
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    String[][] runs = {
      {"--runner=DirectRunner", "--targetParallelism=2", "--output=" + out + "/direct/tagged"},
      {"--runner=FlinkRunner", "--parallelism=2", "--output=" + out + "/flink/tagged"},
    };
    for (String[] run : runs) {
      String[] full = new String[run.length + 2];
      full[0] = "--input=" + input;
      full[1] = "--inputFormat=conllu";
      System.arraycopy(run, 0, full, 2, run.length);
      int code = TagPipeline.run(full, quiet, System.err);
      if (code != 0) {
        throw new IllegalStateException(
            "training run " + String.join(" ", full) + " failed with exit code " + code);
      }
    }
    System.exit(0); // the archive is written at exit; runner threads may linger otherwise
  }
}
