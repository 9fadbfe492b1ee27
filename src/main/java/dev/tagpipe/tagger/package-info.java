/**
 * The tagger: reading a model into the pipeline ({@link dev.tagpipe.tagger.ReadTaggerModel}),
 * loading it safely ({@link dev.tagpipe.tagger.SafeModelLoader}: an allow-list of the classes a
 * CoreNLP tagger can hold, and size limits) into one cache per JVM keyed by SHA-256 ({@link
 * dev.tagpipe.tagger.TaggerCache}), and tagging sentences with it ({@link
 * dev.tagpipe.tagger.TagSentences}, given a side input; whole documents with {@link
 * dev.tagpipe.tagger.TagDocuments}). Most users want the root package's transforms, which put these
 * together.
 */
package dev.tagpipe.tagger;
