package dev.tagpipe.cli;

import com.google.api.services.dataflow.model.DataflowPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.runners.dataflow.util.PackageUtil;
import org.apache.beam.runners.dataflow.util.Stager;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A Dataflow {@link Stager} for dry runs: uploads nothing and returns where each package would have
 * been staged, so that the job specification is exactly a real submission's. Bytes staged as a file
 * (the portable pipeline proto) are written next to the job file, as {@code <job file>.<name>}, for
 * inspection.
 */
public final class OfflineStager implements Stager {
  private final String stagingLocation;
  private final String jobFile;

  private OfflineStager(String stagingLocation, String jobFile) {
    this.stagingLocation = stagingLocation.endsWith("/") ? stagingLocation : stagingLocation + "/";
    this.jobFile = jobFile;
  }

  /** Called by the DataflowRunner through {@code --stagerClass}. */
  public static OfflineStager fromOptions(PipelineOptions options) {
    DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
    return new OfflineStager(dataflow.getStagingLocation(), dataflow.getTemplateLocation());
  }

  @Override
  public List<DataflowPackage> stageFiles(List<PackageUtil.StagedFile> files) {
    List<DataflowPackage> packages = new ArrayList<>();
    for (PackageUtil.StagedFile file : files) {
      packages.add(
          new DataflowPackage()
              .setName(file.getDestination())
              .setLocation(stagingLocation + file.getDestination()));
    }
    return packages;
  }

  @Override
  public DataflowPackage stageToFile(byte[] bytes, String baseName) {
    if (jobFile != null) {
      try {
        Files.write(Path.of(jobFile + "." + baseName), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new DataflowPackage().setName(baseName).setLocation(stagingLocation + baseName);
  }
}
