/**
 * The elements that travel through a tagging pipeline ({@link dev.tagpipe.model.Sentence}, {@link
 * dev.tagpipe.model.TaggedSentence}, {@link dev.tagpipe.model.Rejection}, {@link
 * dev.tagpipe.model.TaggerModel}; for JSON Lines input {@link dev.tagpipe.model.Document}, {@link
 * dev.tagpipe.model.TaggedDocument} and a sentence's {@link dev.tagpipe.model.DocumentSpan}), their
 * compact coders ({@link dev.tagpipe.model.Coders}, the default for these types in any pipeline)
 * and their Beam schemas ({@link dev.tagpipe.model.Schemas}).
 */
package dev.tagpipe.model;
