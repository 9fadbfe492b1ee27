package dev.tagpipe.model;

import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviderRegistrar;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Makes {@link Coders}' coders the default for tagpipe's element types in every pipeline (found by
 * Beam through {@code META-INF/services}), so that a user's {@code Create.of(sentence)} or {@code
 * MapElements} into a {@link Sentence} needs no {@code setCoder}.
 */
public final class ElementCoders implements CoderProviderRegistrar {
  @Override
  public List<CoderProvider> getCoderProviders() {
    return List.of(
        CoderProviders.forCoder(TypeDescriptor.of(Sentence.class), Coders.SentenceCoder.of()),
        CoderProviders.forCoder(
            TypeDescriptor.of(TaggedSentence.class), Coders.TaggedSentenceCoder.of()),
        CoderProviders.forCoder(TypeDescriptor.of(Rejection.class), Coders.RejectionCoder.of()),
        CoderProviders.forCoder(TypeDescriptor.of(TaggerModel.class), Coders.TaggerModelCoder.of()),
        CoderProviders.forCoder(TypeDescriptor.of(Document.class), Coders.DocumentCoder.of()),
        CoderProviders.forCoder(
            TypeDescriptor.of(TaggedDocument.class), Coders.TaggedDocumentCoder.of()));
  }
}
