/**
 * The names of tagpipe's Beam metrics (namespace {@code tagpipe}): read, tagged, rejected, tokens,
 * tagger loads, refused models, files. One place, so that the transforms that count and the command
 * line that reports agree.
 */
package dev.tagpipe.metrics;
