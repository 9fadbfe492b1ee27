package dev.tagpipe.stream;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.tagger.ReadTaggerModel;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Watches a file pattern and a model for a streaming job ({@link WatchSource}): {@link #FILES} are
 * the files that appear (each once, stamped with the time it was seen), {@link #MODELS} the good
 * versions of the model, the first at the start. {@link #modelSideInput} makes the models the
 * tagging's side input: the newest version, for every window.
 *
 * <p>A file is remembered while the listing shows it and forgotten once missing from 3 listings in
 * a row and for 10 minutes ({@link SeenFiles}): one that comes back after that is a new file.
 */
public final class WatchInput extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<String> FILES = new TupleTag<String>() {};
  public static final TupleTag<TaggerModel> MODELS = new TupleTag<TaggerModel>() {};

  private final WatchSettings settings;

  private WatchInput(WatchSettings settings) {
    this.settings = settings;
  }

  /**
   * Lists {@code filePattern} every {@code pollMillis} and reads {@code model} once, at the start.
   * The watch never ends unless {@link #stopAfterIdle} is given.
   */
  public static WatchInput of(String filePattern, long pollMillis, String model) {
    checkArgument(filePattern != null && !filePattern.isBlank(), "the file pattern is empty");
    checkArgument(pollMillis > 0, "the poll interval must be positive, not %s ms", pollMillis);
    checkArgument(model != null && !model.isBlank(), "the model is empty");
    return new WatchInput(WatchSettings.of(filePattern, pollMillis, model));
  }

  /**
   * Watches {@code model} alone, for a stream whose records come from elsewhere (a Kafka topic):
   * {@link #FILES} stays empty, and {@link #stopAfterIdle} counts from the last record ticked on
   * the {@link ActivityClock} named {@code activityClock}.
   */
  public static WatchInput modelOnly(String model, String activityClock) {
    checkArgument(model != null && !model.isBlank(), "the model is empty");
    checkArgument(activityClock != null && !activityClock.isBlank(), "the clock has no name");
    return new WatchInput(WatchSettings.modelOnly(model, activityClock));
  }

  /** End the watch (and so the job) when no new file has appeared for this long. */
  public WatchInput stopAfterIdle(long millis) {
    checkArgument(millis > 0, "the idle time must be positive, not %s ms", millis);
    return new WatchInput(settings.withStopAfterIdle(millis));
  }

  /** Read the model again every {@code millis}, and emit it when its bytes changed. */
  public WatchInput watchModelEvery(long millis) {
    checkArgument(millis > 0, "the model poll interval must be positive, not %s ms", millis);
    return new WatchInput(settings.withModelPoll(millis));
  }

  /**
   * Emit each file only once a checkpoint that records it has completed, for a runner that restores
   * failed work from its checkpoints (Flink with checkpointing on): a restored job then gives the
   * file the same timestamp, and so the same window, as the first attempt did. Adds up to one
   * checkpoint interval to the latency. Without checkpoints it would never emit.
   */
  public WatchInput emittingAfterCheckpoints() {
    return new WatchInput(settings.emittingAfterCheckpoints());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(
            DisplayData.item("filePattern", String.valueOf(settings.filePattern()))
                .withLabel("Watched file pattern"))
        .add(DisplayData.item("pollMillis", settings.pollMillis()).withLabel("Poll interval (ms)"))
        .addIfNotDefault(
            DisplayData.item("stopAfterIdleMillis", settings.stopAfterIdleMillis())
                .withLabel("Stop after no new file for (ms)"),
            0L)
        .add(DisplayData.item("model", settings.model()).withLabel("Tagger model"))
        .addIfNotDefault(
            DisplayData.item("modelPollMillis", settings.modelPollMillis())
                .withLabel("Model poll interval (ms)"),
            0L)
        .addIfNotDefault(
            DisplayData.item("emitAfterCheckpoint", settings.emitAfterCheckpoint())
                .withLabel("Emit files once checkpointed"),
            false);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple split =
        begin
            .apply("WatchFilesAndModel", Read.from(new WatchSource(settings)))
            .apply(
                "FilesOrModels",
                ParDo.of(new SplitFn()).withOutputTags(FILES, TupleTagList.of(MODELS)));
    split.get(FILES).setCoder(StringUtf8Coder.of());
    split.get(MODELS).setCoder(Coders.TaggerModelCoder.of());
    return split;
  }

  /**
   * The models as a side input for every window of the main input: the global window, fired on
   * every new version, each pane holding only what is new ({@code ReadTaggerModel.theModel} takes
   * the newest if a pane holds more than one). Only panes with a model fire: by default the end of
   * the watch fires a last, empty on-time pane, which on Flink replaced the model while a backlog
   * was still being tagged.
   */
  public static PTransform<PCollection<TaggerModel>, PCollectionView<Iterable<TaggerModel>>>
      modelSideInput() {
    return new PTransform<>("ModelSideInput") {
      @Override
      public PCollectionView<Iterable<TaggerModel>> expand(PCollection<TaggerModel> models) {
        return models
            .apply("EveryVersion", ReadTaggerModel.everyVersion())
            .apply("AsSideInput", View.asIterable());
      }
    };
  }

  private static final class SplitFn extends DoFn<WatchEvent, String> {
    @ProcessElement
    public void process(@Element WatchEvent event, MultiOutputReceiver out) {
      if (event.isFile()) {
        out.get(FILES).output(event.file());
      } else if (event.isModel()) {
        out.get(MODELS).output(event.model());
      } else {
        Counters.MODELS_REFUSED.inc();
      }
    }
  }
}
