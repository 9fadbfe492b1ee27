/**
 * tagpipe's API for Beam pipelines: part-of-speech tagging with Stanford CoreNLP's {@code
 * MaxentTagger}, one {@code apply} each.
 *
 * <ul>
 *   <li>{@link dev.tagpipe.TagText}: a {@code PCollection<String>} of raw texts, split into
 *       sentences as CoreNLP's pipeline splits them;
 *   <li>{@link dev.tagpipe.TagTokenLines}: a {@code PCollection<String>}, each a sentence of
 *       whitespace-separated tokens;
 *   <li>{@link dev.tagpipe.TagTokens}: a {@code PCollection<}{@link
 *       dev.tagpipe.model.Sentence}{@code >} of tokenized sentences with ids of your own.
 * </ul>
 *
 * <p>Each gives a {@link dev.tagpipe.TaggingResult}: {@code tagged()} and {@code rejected()}, every
 * input sentence in exactly one of the two, both with Beam schemas ({@link
 * dev.tagpipe.model.Schemas}). The model is given by its location; the transform reads it and makes
 * it a side input ({@link dev.tagpipe.TagTransform}).
 *
 * <p>For files, {@link dev.tagpipe.io.ReadSentences} and {@link dev.tagpipe.io.WriteTagged} are the
 * readers and writers the command line uses. The command line itself ({@code dev.tagpipe.cli}) is
 * not an API.
 */
package dev.tagpipe;
