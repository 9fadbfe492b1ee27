package dev.tagpipe.cli;

import dev.tagpipe.io.InputFormat;
import dev.tagpipe.io.InputRecord;
import dev.tagpipe.io.JsonFields;
import dev.tagpipe.io.KeyedLines;
import dev.tagpipe.io.ReadRecords;
import dev.tagpipe.io.ReadSentences;
import dev.tagpipe.io.RenderDocuments;
import dev.tagpipe.io.TextLanguage;
import dev.tagpipe.io.WriteLines;
import dev.tagpipe.io.WriteRejections;
import dev.tagpipe.io.WriteTagged;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.SettingNames;
import dev.tagpipe.model.TaggedDocument;
import dev.tagpipe.model.TaggerModel;
import dev.tagpipe.stream.WatchInput;
import dev.tagpipe.tagger.ReadTaggerModel;
import dev.tagpipe.tagger.TagDocuments;
import dev.tagpipe.tagger.TagSentences;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Assembles the tagging pipeline from its transforms, the same transforms on every runner; where
 * one differs inside by runner (the parse, the watch's checkpoint gate), {@link
 * dev.tagpipe.cli.RunnerPolicy} decides:
 *
 * <pre>
 *   ReadTaggerModel ──(side input)──┐
 *   ReadSentences ── TagSentences ── WriteTagged
 *        └── rejected ──────┴──────── WriteRejections
 * </pre>
 *
 * <p>JSON Lines documents ({@code --inputFormat=jsonl}) go through it whole instead: {@code
 * ReadSentences.withWholeDocuments()} ── {@code TagDocuments} ── {@code RenderDocuments} ── {@code
 * WriteLines}, their rejections to WriteRejections (docs/architecture.md says why).
 *
 * <p>With {@code --watchInput} the job is a stream: {@link WatchInput} gives the files that appear
 * (in fixed windows) and the model's versions (the side input), and the writers write one set of
 * files per window. Everything between is the same.
 */
final class TagPipelineBuilder {
  /** Rejection reasons name the settings as the flags that set them: --maxSentenceTokens. */
  private static final SettingNames FLAGS = SettingNames.withPrefix("--");

  private TagPipelineBuilder() {}

  /** Adds the whole job to {@code pipeline}. Options must already be validated. */
  public static void build(Pipeline pipeline, TagPipelineOptions options) {
    if (KafkaJob.readsTopic(options)) {
      kafka(pipeline, options);
      return;
    }
    String copy = options.getInputCopy(); // of a stream: read the copy, name the stream
    ReadSentences reading =
        ReadSentences.from(copy != null ? copy : options.getInput(), options.getInputFormat())
            .withMaxLineBytes(options.getMaxLineBytes())
            .withMaxSentenceTokens(options.getMaxSentenceTokens())
            .withMinShards(options.getReadShards())
            .withWorkerThreadsFrom(RunnerPolicy::workerThreads)
            .withResumableReaders(RunnerPolicy.resumableReaders(options))
            .withSettingNames(FLAGS);
    boolean documents = options.getInputFormat() == InputFormat.jsonl;
    JsonFields fields = documents ? Preflight.jsonFields(options) : JsonFields.DEFAULT;
    if (documents) {
      // A document is one element from reading to writing: tagged whole, written whole.
      reading = reading.withJsonFields(fields).withWholeDocuments();
    }
    TextLanguage language = Languages.textLanguage(options);
    if (language.isRouted() || options.getInputFormat() == InputFormat.text || documents) {
      reading = reading.withTextLanguage(language);
    }
    if (copy != null) {
      reading = reading.withInputNamed(StreamedInput.nameInIds(options.getInput()));
    }
    boolean watching = options.getWatchInput() != null;

    PCollectionView<Iterable<TaggerModel>> model;
    PCollectionTuple read;
    if (watching) {
      WatchInput watch =
          WatchInput.of(
              options.getInput(),
              millis("watchInput", options.getWatchInput()),
              Languages.resolve(options.getModel()));
      if (options.getStopAfterIdle() != null) {
        watch = watch.stopAfterIdle(millis("stopAfterIdle", options.getStopAfterIdle()));
      }
      if (options.getWatchModel() != null) {
        watch = watch.watchModelEvery(millis("watchModel", options.getWatchModel()));
      }
      if (RunnerPolicy.watchEmitsAfterCheckpoints(options)) {
        watch = watch.emittingAfterCheckpoints();
      }
      PCollectionTuple watched = pipeline.apply("WatchInput", watch);
      model = watched.get(WatchInput.MODELS).apply(WatchInput.modelSideInput());
      ReadSentences.ReadFiles<String> readFiles =
          ReadSentences.fileNames(options.getInputFormat())
              .withMaxLineBytes(options.getMaxLineBytes())
              .withMaxSentenceTokens(options.getMaxSentenceTokens())
              .withResumableReaders(RunnerPolicy.resumableReaders(options))
              .withSettingNames(FLAGS);
      if (documents) {
        readFiles = readFiles.withJsonFields(fields).withWholeDocuments();
      }
      if (language.isRouted() || options.getInputFormat() == InputFormat.text || documents) {
        readFiles = readFiles.withTextLanguage(language);
      }
      read =
          watched
              .get(WatchInput.FILES)
              .apply(
                  "Windows",
                  Window.into(FixedWindows.of(Durations.parse("window", options.getWindow()))))
              .apply("ReadSentences", readFiles);
    } else {
      model =
          pipeline.apply(
              "ReadTaggerModel",
              language.isRouted()
                  ? ReadTaggerModel.forLanguages(Languages.modelsByLanguage(options))
                  : ReadTaggerModel.from(Languages.resolve(options.getModel()))
                      .withExpectedSha256(options.getModelSha256()));
      read = pipeline.apply("ReadSentences", reading);
    }

    WriteRejections writeRejections = WriteRejections.to(options.getOutput() + "-rejected");
    if (watching) {
      writeRejections = writeRejections.withWindowedWrites();
    }
    if (documents) {
      documents(read, model, options, fields, watching, writeRejections);
      return;
    }
    // No shuffle: each reader's sentences are tagged where they are read, fused with it.
    PCollectionTuple tagged =
        read.get(ReadSentences.SENTENCES).apply("TagSentences", sentenceTagging(model, options));
    tagged.get(TagSentences.TAGGED).apply("WriteTagged", writeTagged(options, watching));
    PCollectionList.of(read.get(ReadSentences.REJECTED))
        .and(tagged.get(TagSentences.REJECTED))
        .apply("AllRejections", Flatten.<Rejection>pCollections())
        .apply("WriteRejections", writeRejections);
  }

  /** JSON Lines documents: each read, tagged and written whole, fused with no shuffle. */
  private static void documents(
      PCollectionTuple read,
      PCollectionView<Iterable<TaggerModel>> model,
      TagPipelineOptions options,
      JsonFields fields,
      boolean watching,
      WriteRejections writeRejections) {
    PCollection<TaggedDocument> tagged =
        read.get(ReadSentences.DOCUMENTS).apply("TagDocuments", documentTagging(model, options));
    WriteLines write =
        WriteLines.to(options.getOutput())
            .withSuffix(options.getOutputFormat().suffix())
            .withNumShards(options.getNumShards());
    tagged
        .apply(
            "RenderDocuments", RenderDocuments.as(options.getOutputFormat()).withJsonFields(fields))
        .apply("WriteTagged", watching ? write.withWindowedWrites() : write);
    PCollectionList.of(read.get(ReadSentences.REJECTED)) // a binary or unreadable file
        .and(tagged.apply("DocumentRejections", RenderDocuments.rejections()))
        .apply("AllRejections", Flatten.<Rejection>pCollections())
        .apply("WriteRejections", writeRejections);
  }

  /**
   * A job that reads a topic: each record parsed as a file of the input format would be, tagged as
   * files are, then written to the output topic (keyed as its record was) and, with {@code
   * --output}, to windowed files. The model is watched as for a folder ({@code --watchModel}); its
   * watch ends with the topic's reader, on one {@link dev.tagpipe.stream.ActivityClock}.
   */
  private static void kafka(Pipeline pipeline, TagPipelineOptions options) {
    String launch = Long.toString(System.currentTimeMillis(), 36); // names this job's clock, sink
    String group = options.getConsumerGroup();
    String clock = "tagpipe:" + options.getJobName() + ":" + launch;
    PCollection<InputRecord> records =
        pipeline.apply("ReadTopic", KafkaJob.read(options, group, clock));
    boolean files = options.getOutput() != null;
    if (files) { // files are written per window; topics need none
      records =
          records.apply(
              "Windows",
              Window.into(FixedWindows.of(Durations.parse("window", options.getWindow()))));
    }
    boolean documents = options.getInputFormat() == InputFormat.jsonl;
    JsonFields fields = documents ? Preflight.jsonFields(options) : JsonFields.DEFAULT;
    ReadRecords parsing =
        ReadSentences.records(options.getInputFormat())
            .withMaxLineBytes(options.getMaxLineBytes())
            .withMaxSentenceTokens(options.getMaxSentenceTokens())
            .withSettingNames(FLAGS);
    if (documents) {
      parsing = parsing.withJsonFields(fields).withWholeDocuments();
    }
    TextLanguage language = Languages.textLanguage(options);
    if (language.isRouted() || options.getInputFormat() == InputFormat.text || documents) {
      parsing = parsing.withTextLanguage(language);
    }
    PCollectionTuple read = records.apply("ReadSentences", parsing);

    PCollectionView<Iterable<TaggerModel>> model;
    if (language.isRouted()) {
      model =
          pipeline.apply(
              "ReadTaggerModel", ReadTaggerModel.forLanguages(Languages.modelsByLanguage(options)));
    } else {
      WatchInput watch = WatchInput.modelOnly(Languages.resolve(options.getModel()), clock);
      if (options.getStopAfterIdle() != null) {
        watch = watch.stopAfterIdle(millis("stopAfterIdle", options.getStopAfterIdle()));
      }
      if (options.getWatchModel() != null) {
        watch = watch.watchModelEvery(millis("watchModel", options.getWatchModel()));
      }
      if (RunnerPolicy.watchEmitsAfterCheckpoints(options)) {
        watch = watch.emittingAfterCheckpoints(); // a restored watch gives the model again
      }
      model =
          pipeline
              .apply("WatchModel", watch)
              .get(WatchInput.MODELS)
              .apply(WatchInput.modelSideInput());
    }

    PCollection<KV<byte[], String>> lines;
    PCollection<Rejection> rejected;
    if (documents) {
      PCollection<TaggedDocument> tagged =
          read.get(ReadSentences.DOCUMENTS).apply("TagDocuments", documentTagging(model, options));
      RenderDocuments render = RenderDocuments.as(options.getOutputFormat()).withJsonFields(fields);
      rejected =
          PCollectionList.of(read.get(ReadSentences.REJECTED))
              .and(tagged.apply("DocumentRejections", RenderDocuments.rejections()))
              .apply("AllRejections", Flatten.<Rejection>pCollections());
      lines = options.getOutputTopic() == null ? null : tagged.apply("Keyed", render.keyed());
      if (files) {
        tagged
            .apply("RenderDocuments", render)
            .apply(
                "WriteTagged",
                WriteLines.to(options.getOutput())
                    .withSuffix(options.getOutputFormat().suffix())
                    .withNumShards(options.getNumShards())
                    .withWindowedWrites());
      }
    } else {
      PCollectionTuple tagged =
          read.get(ReadSentences.SENTENCES).apply("TagSentences", sentenceTagging(model, options));
      rejected =
          PCollectionList.of(read.get(ReadSentences.REJECTED))
              .and(tagged.get(TagSentences.REJECTED))
              .apply("AllRejections", Flatten.<Rejection>pCollections());
      lines =
          options.getOutputTopic() == null
              ? null
              : tagged
                  .get(TagSentences.TAGGED)
                  .apply("Keyed", KeyedLines.sentences(options.getOutputFormat()));
      if (files) {
        tagged.get(TagSentences.TAGGED).apply("WriteTagged", writeTagged(options, true));
      }
    }
    if (files) {
      rejected.apply(
          "WriteRejections",
          WriteRejections.to(options.getOutput() + "-rejected").withWindowedWrites());
    }
    if (lines != null) {
      lines.apply(
          "WriteTopic",
          KafkaJob.write(
              options,
              options.getOutputTopic(),
              options.getOutputTopicPartitions(),
              group,
              launch));
      rejected
          .apply("KeyedRejections", KeyedLines.rejections())
          .apply(
              "WriteRejectedTopic",
              KafkaJob.write(options, options.getRejectedTopic(), 1, group, launch));
    }
  }

  private static TagSentences sentenceTagging(
      PCollectionView<Iterable<TaggerModel>> model, TagPipelineOptions options) {
    TagSentences tagging =
        TagSentences.with(model)
            .withMaxSentenceTokens(options.getMaxSentenceTokens())
            .withMaxCachedTaggers(Languages.cacheCapacity(options))
            .withSettingNames(FLAGS)
            .withTagger(options.getTagger());
    return options.getLemmas() ? tagging.withLemmas() : tagging;
  }

  private static TagDocuments documentTagging(
      PCollectionView<Iterable<TaggerModel>> model, TagPipelineOptions options) {
    TagDocuments tagging =
        TagDocuments.with(model)
            .withMaxSentenceTokens(options.getMaxSentenceTokens())
            .withMaxCachedTaggers(Languages.cacheCapacity(options))
            .withSettingNames(FLAGS)
            .withTagger(options.getTagger());
    return options.getLemmas() ? tagging.withLemmas() : tagging;
  }

  private static WriteTagged writeTagged(TagPipelineOptions options, boolean watching) {
    WriteTagged write =
        WriteTagged.to(options.getOutput())
            .withFormat(options.getOutputFormat())
            .withNumShards(options.getNumShards());
    return watching ? write.withWindowedWrites() : write;
  }

  private static long millis(String option, String value) {
    return Durations.parse(option, value).getMillis();
  }
}
