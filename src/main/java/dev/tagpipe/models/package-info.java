/**
 * CoreNLP's taggers by name: the catalog of CoreNLP 4.5.10's POS taggers ({@link
 * dev.tagpipe.models.ModelCatalog}, entries {@link dev.tagpipe.models.NamedModel}), the local
 * folder they are installed in ({@link dev.tagpipe.models.ModelsFolder}), their fetching from Maven
 * Central ({@link dev.tagpipe.models.ModelFetcher}) and {@code pipelines/models} ({@link
 * dev.tagpipe.models.ModelsCommand}). {@code --model=french} is turned into the installed file's
 * path by {@link dev.tagpipe.models.ModelCatalog#resolve(String)} before anything else sees it.
 * Nothing here imports the command line of {@code dev.tagpipe.cli} or a runner.
 */
package dev.tagpipe.models;
