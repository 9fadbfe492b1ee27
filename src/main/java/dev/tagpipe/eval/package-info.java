/**
 * Evaluation and training: {@code pipelines/evaluate} ({@link dev.tagpipe.eval.Evaluate}: a model's
 * accuracy on gold CoNLL-U, equal to CoreNLP's own evaluator's, and two models compared by
 * McNemar's test, as JSON, console text and an HTML report) and {@code pipelines/train} ({@link
 * dev.tagpipe.eval.Train}). Command-line tools, not an API.
 */
package dev.tagpipe.eval;
