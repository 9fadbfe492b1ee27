package dev.tagpipe.cli;

import dev.tagpipe.io.InputFormat;
import dev.tagpipe.io.OutputFormat;
import dev.tagpipe.io.ReadSentences;
import dev.tagpipe.tagger.ModelLocation;
import dev.tagpipe.tagger.TagSentences;
import dev.tagpipe.tagger.TaggerCache;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/** The tagging pipeline's options. Runner options (Flink, Dataflow) come on top of these. */
public interface TagPipelineOptions extends PipelineOptions {
  @Description(
      "Input files: a path, glob or any Beam filesystem URI (gs://, s3://, ...)."
          + " .gz, .bz2, .zst, .deflate, .zip are decompressed by extension. - reads standard input;"
          + " a pipe or FIFO (<(zcat f.gz)) is read too, once, to its end. Required unless"
          + " --inputTopic reads Kafka.")
  String getInput();

  void setInput(String value);

  @Description(
      "Set by the launcher, not by users: the local copy of an --input that is a stream"
          + " (standard input, a pipe), which the pipeline reads; ids still name --input.")
  @Hidden
  String getInputCopy();

  void setInputCopy(String value);

  @Description(
      "Input format: tokens (one sentence per line, whitespace-separated tokens),"
          + " text (raw text, PTB-tokenized and sentence-split), conllu (FORM column),"
          + " jsonl (one JSON object per line, a document: its --textField read as text is).")
  @Default.Enum("tokens")
  InputFormat getInputFormat();

  void setInputFormat(InputFormat value);

  @Description("jsonl input: the field holding a document's text, a dotted path (body.text).")
  @Default.String("text")
  String getTextField();

  void setTextField(String value);

  @Description(
      "jsonl input: the field holding a document's id (a string or an integer), a dotted path;"
          + " without one a document is called <file>:<line>. Sentence ids are <id>:<n>.")
  @Default.String("id")
  String getIdField();

  void setIdField(String value);

  @Description(
      "jsonl input: the field holding a document already tokenized, an array of sentences, each"
          + " an array of token strings; then the text is not read nor tokenized again.")
  String getTokensField();

  void setTokensField(String value);

  @Description(
      "Output prefix. Tagged sentences go to <output>-SSSSS-of-NNNNN.<ext>, rejected"
          + " ones to <output>-rejected-*.jsonl, the run summary to <output>-summary.json.")
  @Default.String("output/tagged")
  String getOutput();

  void setOutput(String value);

  @Description(
      "Output format: jsonl ({\"id\",\"tokens\",\"tags\",\"model\"}, and \"doc\", \"offsets\" from"
          + " jsonl input), text (id<TAB>word/TAG ...<TAB>model), conllu (XPOS = predicted tag, a"
          + " # model_sha256 comment), documents (jsonl input only: each input record as it was,"
          + " plus a \"tagpipe\" object with its sentences)."
          + " The model is the first 12 hex digits of its SHA-256.")
  @Default.Enum("jsonl")
  OutputFormat getOutputFormat();

  void setOutputFormat(OutputFormat value);

  @Description("Number of output shards; 0 lets the runner decide (as TextIO.withNumShards).")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int value);

  @Description(
      "CoreNLP POS tagger model: a name (english, english-bidirectional, english-caseless,"
          + " french, german, spanish, italian, hungarian, arabic, chinese, or a code en, fr, de,"
          + " es, it, hu, ar, zh; pipelines/models lists them and fetches one once), a .tagger file"
          + " (optionally gzipped) on any Beam filesystem, or, to route each jsonl document to its"
          + " language's model, a list LANG:MODEL,... (en:english,fr:french) or auto (every"
          + " installed model). The default, "
          + ModelLocation.BUNDLED_MODEL
          + " (english), is bundled in the jar.")
  @Default.String(ModelLocation.BUNDLED_MODEL)
  String getModel();

  void setModel(String value);

  @Description(
      "Expected SHA-256 of the model file (64 hex digits). A model with other bytes is"
          + " refused before any data is read.")
  String getModelSha256();

  void setModelSha256(String value);

  @Description(
      "The language of the text (ISO 639-1: en, fr, de, es, ...): picks CoreNLP's tokenizer for"
          + " it. Default: the named model's language, else en. Routing (--model=LANG:MODEL,...)"
          + " finds each document's language instead.")
  String getLanguage();

  void setLanguage(String value);

  @Description(
      "Routing by language: documents whose language guess is less sure than this (0 to 1)"
          + " are tagged with --fallbackLanguage's model, or rejected without it.")
  @Default.Double(dev.tagpipe.lang.LanguageRouting.DEFAULT_MIN_CONFIDENCE)
  double getMinLanguageConfidence();

  void setMinLanguageConfidence(double value);

  @Description(
      "Routing by language: the language (one of --model's) whose model tags documents whose"
          + " language is uncertain (below --minLanguageConfidence).")
  String getFallbackLanguage();

  void setFallbackLanguage(String value);

  @Description(
      "Add each token's English lemma (CoreNLP's Morphology): \"lemmas\" in jsonl and documents"
          + " output, the LEMMA column in conllu. Needs Penn Treebank tags (an English model);"
          + " routing by language, English documents get lemmas and others none.")
  @Default.Boolean(false)
  boolean getLemmas();

  void setLemmas(boolean value);

  @Description("Sentences with more tokens than this are rejected instead of tagged.")
  @Default.Integer(TagSentences.DEFAULT_MAX_SENTENCE_TOKENS)
  int getMaxSentenceTokens();

  void setMaxSentenceTokens(int value);

  @Description(
      "Input lines longer than this many bytes are rejected without being held in" + " memory.")
  @Default.Integer(ReadSentences.DEFAULT_MAX_LINE_BYTES)
  int getMaxLineBytes();

  void setMaxLineBytes(int value);

  @Description("How many tagger models one worker JVM keeps loaded (about 86 MB of heap each).")
  @Default.Integer(TaggerCache.DEFAULT_CAPACITY)
  int getMaxCachedTaggers();

  void setMaxCachedTaggers(int value);

  @Description(
      "Shards the input is dealt into, at least, each file getting a part in proportion"
          + " to its size (a file at most 64); 0 chooses: two per worker thread on the DirectRunner"
          + " and Flink (--targetParallelism, --parallelism), else as the runner splits. Each shard's"
          + " reader scans its whole file and keeps every n-th stripe of sentences.")
  @Default.Integer(0)
  int getReadShards();

  void setReadShards(int value);

  @Description(
      "Streaming: watch --input (a glob) every DURATION and tag every file that appears,"
          + " once. DURATION is ISO-8601 (PT30S) or short (30s, 5m). Writers should move finished"
          + " files in, not write them in place.")
  String getWatchInput();

  void setWatchInput(String value);

  @Description(
      "With --watchInput or --inputTopic: end the job when no new file (record) has arrived"
          + " for DURATION. Without it a streaming job runs until stopped (Ctrl-C).")
  String getStopAfterIdle();

  void setStopAfterIdle(String value);

  @Description(
      "With --watchInput (or --inputTopic and --output): write the output in windows of DURATION; each window's files"
          + " appear complete, named so that they sort by window.")
  @Default.String("1m")
  String getWindow();

  void setWindow(String value);

  @Description(
      "With --watchInput or --inputTopic: read --model again every DURATION; when its bytes change and it"
          + " loads safely, sentences read from then on are tagged with it (a bad file is refused and"
          + " the last good model stays).")
  String getWatchModel();

  void setWatchModel(String value);

  @Description(
      "Wait for the job to finish and write the summary. false returns as soon as the"
          + " job is submitted (for Flink's REST /jars/run, where main() must not block).")
  @Default.Boolean(true)
  boolean getWaitUntilFinish();

  void setWaitUntilFinish(boolean value);

  @Description(
      "Build and check the job without running it. With DataflowRunner and"
          + " --dataflowJobFile, writes the Dataflow job specification offline.")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);

  @Description(
      "Read this Kafka topic instead of --input (with --bootstrapServers): each record's value"
          + " (UTF-8) is a line of --inputFormat (tokens, text or jsonl); a sentence's id is"
          + " <topic>-<partition>@<offset>. The job streams until stopped (Ctrl-C) or"
          + " --stopAfterIdle.")
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "Write one record per tagged sentence (per document with --outputFormat=documents) to"
          + " this Kafka topic, its value the JSON Lines record, its key the input record's key;"
          + " exactly once on Flink with --checkpointingInterval, at least once otherwise.")
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description(
      "With --outputTopic: the topic rejected sentences and records go to, with their reasons"
          + " and <topic>-<partition>@<offset>; default <outputTopic>-rejected.")
  String getRejectedTopic();

  void setRejectedTopic(String value);

  @Description(
      "What tags: kernel (tagpipe's tagging kernel: MaxentTagger's own tags, about twice as"
          + " fast) or corenlp (CoreNLP's MaxentTagger). A model the kernel cannot tag exactly as"
          + " MaxentTagger does is tagged by MaxentTagger, and the log says so.")
  @Default.Enum("kernel")
  dev.tagpipe.tagger.TaggerImplementation getTagger();

  void setTagger(dev.tagpipe.tagger.TaggerImplementation value);

  @Description("Kafka brokers: HOST:PORT[,HOST:PORT...].")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description(
      "With --inputTopic, where a new job starts: committed (the consumer group's offsets, else"
          + " the first record), earliest (every record the topic holds) or latest (only new ones).")
  @Default.Enum("committed")
  dev.tagpipe.kafka.StartFrom getStartFrom();

  void setStartFrom(dev.tagpipe.kafka.StartFrom value);

  @Description(
      "With --inputTopic: the Kafka consumer group, whose offsets are committed with the job's"
          + " checkpoints; default tagpipe-<jobName> with --jobName, else"
          + " tagpipe-<inputTopic>-<outputTopic>.")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description(
      "A Kafka client property key=value for every client of the job (repeatable): security"
          + " (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*) and tuning.")
  java.util.List<String> getKafkaProperty();

  void setKafkaProperty(java.util.List<String> value);

  @Description(
      "Write the run summary (JSON) here; default <output>-summary.json when there is an"
          + " --output.")
  String getSummary();

  void setSummary(String value);

  @Hidden
  @Description("The output topic's partitions, as the launcher found them: the sink's shards.")
  @Default.Integer(0)
  int getOutputTopicPartitions();

  void setOutputTopicPartitions(int value);
}
