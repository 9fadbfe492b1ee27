package dev.tagpipe.tagger;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.model.Coders;
import dev.tagpipe.model.TaggerModel;
import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Reads a model's bytes inside the pipeline and makes them a side input. Only the model's location
 * enters the job graph (Dataflow caps a graph at 10 MB); the runner reads the bytes once and
 * broadcasts them to the workers, which deserialize them through {@link TaggerCache}.
 *
 * <p>The view is an iterable holding the one model ({@link #theModel} checks that), not {@code
 * View.asSingleton()}: a singleton view is built by a global combine, which Flink runs as a sort of
 * the 13.5 MB record (spilled to disk, and refused outright when the sort buffers are smaller than
 * the record); an iterable view is broadcast as it is.
 */
public final class ReadTaggerModel
    extends PTransform<PBegin, PCollectionView<Iterable<TaggerModel>>> {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private final String spec;
  private final String expectedSha256; // null: not pinned

  private ReadTaggerModel(String spec, String expectedSha256) {
    this.spec = spec;
    this.expectedSha256 = expectedSha256;
  }

  /** The model at {@code spec}: the bundled model's name, or a file on any Beam filesystem. */
  public static ReadTaggerModel from(String spec) {
    checkArgument(spec != null && !spec.isBlank(), "ReadTaggerModel.from: the model is empty");
    return new ReadTaggerModel(spec, null);
  }

  /** Refuse the model at run time too if its bytes differ from the pinned digest. */
  public ReadTaggerModel withExpectedSha256(String sha256) {
    if (sha256 == null || sha256.isEmpty()) {
      return new ReadTaggerModel(spec, null);
    }
    checkArgument(
        SHA256.matcher(sha256).matches(),
        "the expected SHA-256 must be 64 hexadecimal digits, not '%s'",
        sha256);
    return new ReadTaggerModel(spec, sha256);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("model", spec).withLabel("Tagger model"))
        .addIfNotNull(
            DisplayData.item("expectedSha256", expectedSha256).withLabel("Pinned model SHA-256"));
  }

  @Override
  public PCollectionView<Iterable<TaggerModel>> expand(PBegin begin) {
    return begin
        .apply("ModelLocation", Create.of(spec))
        .apply("ReadModelBytes", ParDo.of(new ReadBytesFn(expectedSha256)))
        .setCoder(Coders.TaggerModelCoder.of())
        .apply("AsSideInput", View.asIterable());
  }

  /**
   * The model in a model side input: the one this transform read, or, for a watched model whose
   * side input may briefly hold more than one version, the newest.
   */
  public static TaggerModel theModel(Iterable<TaggerModel> sideInput) {
    TaggerModel newest = null;
    for (TaggerModel model : sideInput) {
      if (newest == null || model.version() > newest.version()) {
        newest = model;
      }
    }
    if (newest == null) {
      throw new IllegalStateException("no tagger model in this window of the side input");
    }
    return newest;
  }

  private static final class ReadBytesFn extends DoFn<String, TaggerModel> {
    private final String expectedSha256;

    ReadBytesFn(String expectedSha256) {
      this.expectedSha256 = expectedSha256;
    }

    @ProcessElement
    public void process(@Element String spec, OutputReceiver<TaggerModel> out) throws IOException {
      TaggerModel model = ModelBytes.read(spec);
      if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(model.sha256())) {
        // The model changed between launch and run: tagging with it would break the pin.
        throw new ModelException(
            "model "
                + spec
                + " has SHA-256 "
                + model.sha256()
                + " but --modelSha256 pins "
                + expectedSha256);
      }
      out.output(model);
    }
  }
}
