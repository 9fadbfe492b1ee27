package dev.tagpipe.tagger;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.TaggerModel;
import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private final transient PCollection<String> updates; // null: the model is read once
  private final java.util.TreeMap<String, String> byLanguage; // null: one model for all text

  private ReadTaggerModel(String spec, String expectedSha256, PCollection<String> updates) {
    this(spec, expectedSha256, updates, null);
  }

  private ReadTaggerModel(
      String spec,
      String expectedSha256,
      PCollection<String> updates,
      java.util.TreeMap<String, String> byLanguage) {
    this.spec = spec;
    this.expectedSha256 = expectedSha256;
    this.updates = updates;
    this.byLanguage = byLanguage;
  }

  /** The model at {@code spec}: the bundled model's name, or a file on any Beam filesystem. */
  public static ReadTaggerModel from(String spec) {
    checkArgument(spec != null && !spec.isBlank(), "ReadTaggerModel.from: the model is empty");
    return new ReadTaggerModel(spec, null, null);
  }

  /**
   * One model per language (ISO 639-1 code to model location), for texts routed by language: the
   * side input holds them all, each {@link TaggerModel#language} set; {@link #modelFor} picks one.
   */
  public static ReadTaggerModel forLanguages(java.util.Map<String, String> modelsByLanguage) {
    checkArgument(
        modelsByLanguage != null && !modelsByLanguage.isEmpty(),
        "ReadTaggerModel.forLanguages: no model");
    modelsByLanguage.forEach(
        (language, spec) ->
            checkArgument(
                spec != null && !spec.isBlank(),
                "ReadTaggerModel.forLanguages: the model for %s is empty",
                language));
    return new ReadTaggerModel(
        String.join(",", modelsByLanguage.values()),
        null,
        null,
        new java.util.TreeMap<>(modelsByLanguage));
  }

  /** Refuse the model at run time too if its bytes differ from the pinned digest. */
  public ReadTaggerModel withExpectedSha256(String sha256) {
    if (sha256 == null || sha256.isEmpty()) {
      return new ReadTaggerModel(spec, null, updates);
    }
    checkArgument(
        SHA256.matcher(sha256).matches(),
        "the expected SHA-256 must be 64 hexadecimal digits, not '%s'",
        sha256);
    checkArgument(updates == null, "a model pinned by its SHA-256 cannot also be updated");
    return new ReadTaggerModel(spec, sha256, updates);
  }

  /**
   * New versions while the job runs: each element of {@code modelLocations} is read when it arrives
   * and checked through the safe loader; a good one becomes the current model (the newest by
   * element timestamp), a bad or unreadable one is refused with a log line and counted as {@code
   * tagpipe/modelsRefused}, the last good one staying in use.
   */
  public ReadTaggerModel withUpdates(PCollection<String> modelLocations) {
    checkArgument(modelLocations != null, "ReadTaggerModel.withUpdates: null");
    checkArgument(expectedSha256 == null, "a model pinned by its SHA-256 cannot also be updated");
    return new ReadTaggerModel(spec, expectedSha256, modelLocations);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(
            DisplayData.item("model", byLanguage == null ? spec : byLanguage.toString())
                .withLabel(byLanguage == null ? "Tagger model" : "Tagger models by language"))
        .addIfNotNull(
            DisplayData.item("expectedSha256", expectedSha256).withLabel("Pinned model SHA-256"));
  }

  @Override
  public PCollectionView<Iterable<TaggerModel>> expand(PBegin begin) {
    if (byLanguage != null) {
      java.util.List<String> pairs = new java.util.ArrayList<>();
      byLanguage.forEach((language, location) -> pairs.add(language + "=" + location));
      return begin
          .apply("ModelLocations", Create.of(pairs))
          .apply("ReadModelBytes", ParDo.of(new ReadLanguageModelFn()))
          .setCoder(Coders.TaggerModelCoder.of())
          .apply("AsSideInput", View.asIterable());
    }
    PCollection<TaggerModel> first =
        begin
            .apply("ModelLocation", Create.of(spec))
            .apply("ReadModelBytes", ParDo.of(new ReadBytesFn(expectedSha256)))
            .setCoder(Coders.TaggerModelCoder.of());
    if (updates == null) {
      return first.apply("AsSideInput", View.asIterable());
    }
    PCollection<TaggerModel> later =
        updates
            .apply("ReadModelUpdates", ParDo.of(new ReadUpdateFn()))
            .setCoder(Coders.TaggerModelCoder.of());
    if (updates.isBounded() == PCollection.IsBounded.BOUNDED) {
      // Every version is known once the updates are read: the newest of them all is the model.
      return PCollectionList.of(first)
          .and(later.apply("GlobalWindow", Window.into(new GlobalWindows())))
          .apply("AllVersions", Flatten.pCollections())
          .apply("AsSideInput", View.asIterable());
    }
    return PCollectionList.of(first.apply("FirstVersion", everyVersion()))
        .and(later.apply("LaterVersions", everyVersion()))
        .apply("AllVersions", Flatten.pCollections())
        .apply("AsSideInput", View.asIterable());
  }

  /**
   * The model's versions in the global window, each firing as it arrives, so that every window of
   * the main input sees the versions delivered so far ({@link #theModel} takes the newest).
   */
  public static Window<TaggerModel> everyVersion() {
    return Window.<TaggerModel>into(new GlobalWindows())
        .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
        .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
        .discardingFiredPanes();
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

  /**
   * The model for {@code language} in a side input of several languages' models ({@link
   * #forLanguages}).
   */
  public static TaggerModel modelFor(Iterable<TaggerModel> sideInput, String language) {
    for (TaggerModel model : sideInput) {
      if (language.equals(model.language())) {
        return model;
      }
    }
    throw new IllegalStateException(
        "no tagger model for language " + language + " in the side input");
  }

  /** Reads and checks one new version; refuses it, logged and counted, if it does not load. */
  private static final class ReadUpdateFn extends DoFn<String, TaggerModel> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadUpdateFn.class);

    @ProcessElement
    public void process(
        @Element String location, @Timestamp Instant timestamp, OutputReceiver<TaggerModel> out) {
      TaggerModel model;
      try {
        model = ModelBytes.read(location);
        TaggerCache.shared().get(model); // the safe loader's check, and the workers' cache warm
      } catch (IOException | ModelException e) {
        Counters.MODELS_REFUSED.inc();
        LOG.warn(
            "refused model update {}: {}; tagging goes on with the last good model",
            location,
            e.getMessage());
        return;
      }
      // The newest by timestamp is the current one; version 0 is the model read at the start.
      out.output(model.withVersion(Math.max(1, timestamp.getMillis())));
    }
  }

  /** Reads {@code <language>=<location>}: the model that tags that language's texts. */
  private static final class ReadLanguageModelFn extends DoFn<String, TaggerModel> {
    @ProcessElement
    public void process(@Element String pair, OutputReceiver<TaggerModel> out) throws IOException {
      int eq = pair.indexOf('=');
      out.output(ModelBytes.read(pair.substring(eq + 1)).forLanguage(pair.substring(0, eq)));
    }
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
                + " but it is pinned to SHA-256 "
                + expectedSha256);
      }
      out.output(model);
    }
  }
}
