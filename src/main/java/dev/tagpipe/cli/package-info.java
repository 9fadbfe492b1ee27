/**
 * The command line ({@code pipelines/tag}, the bundled jar's main class {@link
 * dev.tagpipe.cli.TagPipeline}): options, checks before any data is read, the runner's defaults,
 * the graph built from the library's transforms, the run summary and exit codes. Internal: its
 * classes may change in any release; use the root package's transforms in a pipeline of your own.
 */
package dev.tagpipe.cli;
