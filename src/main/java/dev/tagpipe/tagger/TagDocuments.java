package dev.tagpipe.tagger;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import dev.tagpipe.metrics.Counters;
import dev.tagpipe.model.Coders;
import dev.tagpipe.model.Document;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import dev.tagpipe.model.TaggedDocument;
import dev.tagpipe.model.TaggedSentence;
import dev.tagpipe.model.TaggerModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Tags documents whole ({@link dev.tagpipe.io.ReadSentences#withWholeDocuments}): each document's
 * sentences in order, with the tagger given as a side input, as {@link TagSentences} tags sentences
 * (the same limits, rejections and counters). A document is one element from reading to writing, so
 * putting it back together needs no shuffle: its sentences are never apart. Counts the documents
 * with a sentence tagged ({@code tagpipe/documentsTagged}) and those without ({@code
 * documentsRejected}).
 */
public final class TagDocuments
    extends PTransform<PCollection<Document>, PCollection<TaggedDocument>> {
  private final PCollectionView<Iterable<TaggerModel>> model;
  private final int maxSentenceTokens;
  private final int maxCachedTaggers;
  private final SettingNames names;
  private final boolean lemmas;
  private final TaggerImplementation implementation;

  private TagDocuments(
      PCollectionView<Iterable<TaggerModel>> model,
      int maxSentenceTokens,
      int maxCachedTaggers,
      SettingNames names,
      boolean lemmas,
      TaggerImplementation implementation) {
    this.model = model;
    this.maxSentenceTokens = maxSentenceTokens;
    this.maxCachedTaggers = maxCachedTaggers;
    this.names = names;
    this.lemmas = lemmas;
    this.implementation = implementation;
  }

  /** Tags with the model in {@code model}, a side input made by {@link ReadTaggerModel}. */
  public static TagDocuments with(PCollectionView<Iterable<TaggerModel>> model) {
    checkArgument(model != null, "TagDocuments.with: the model side input is null");
    return new TagDocuments(
        model,
        TagSentences.DEFAULT_MAX_SENTENCE_TOKENS,
        TaggerCache.DEFAULT_CAPACITY,
        SettingNames.LIBRARY,
        false,
        TaggerImplementation.kernel);
  }

  /** As {@link TagSentences#withMaxSentenceTokens}. */
  public TagDocuments withMaxSentenceTokens(int max) {
    checkArgument(max >= 1, "maxSentenceTokens must be at least 1, not %s", max);
    return new TagDocuments(model, max, maxCachedTaggers, names, lemmas, implementation);
  }

  /** As {@link TagSentences#withMaxCachedTaggers}. */
  public TagDocuments withMaxCachedTaggers(int max) {
    checkArgument(max >= 1, "maxCachedTaggers must be at least 1, not %s", max);
    return new TagDocuments(model, maxSentenceTokens, max, names, lemmas, implementation);
  }

  /** As {@link TagSentences#withSettingNames}. */
  public TagDocuments withSettingNames(SettingNames names) {
    checkArgument(names != null, "withSettingNames: the names are null");
    return new TagDocuments(
        model, maxSentenceTokens, maxCachedTaggers, names, lemmas, implementation);
  }

  /**
   * As {@link TagSentences#withLemmas}; when documents are routed by language, English documents
   * get lemmas and the others none (CoreNLP lemmatizes English only).
   */
  public TagDocuments withLemmas() {
    return new TagDocuments(
        model, maxSentenceTokens, maxCachedTaggers, names, true, implementation);
  }

  /**
   * What tags: the kernel (the default) or {@link TaggerImplementation#corenlp CoreNLP's
   * MaxentTagger}; both give the same tags.
   */
  public TagDocuments withTagger(TaggerImplementation implementation) {
    checkArgument(implementation != null, "withTagger: the implementation is null");
    return new TagDocuments(
        model, maxSentenceTokens, maxCachedTaggers, names, lemmas, implementation);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(
            DisplayData.item("maxSentenceTokens", maxSentenceTokens)
                .withLabel("Longest sentence tagged (tokens)"))
        .add(
            DisplayData.item("maxCachedTaggers", maxCachedTaggers)
                .withLabel("Models kept loaded per worker JVM"))
        .add(DisplayData.item("lemmas", lemmas).withLabel("English lemmas"))
        .add(
            DisplayData.item("tagger", implementation.name())
                .withLabel("What tags (the kernel or CoreNLP's MaxentTagger)"));
  }

  @Override
  public PCollection<TaggedDocument> expand(PCollection<Document> documents) {
    return documents
        .apply(
            ParDo.of(
                    new TagDocumentsFn(
                        new TagSentences.Tagging(
                            model,
                            maxSentenceTokens,
                            maxCachedTaggers,
                            names,
                            lemmas,
                            implementation)))
                .withSideInputs(model))
        .setCoder(Coders.TaggedDocumentCoder.of());
  }

  private static final class TagDocumentsFn extends DoFn<Document, TaggedDocument> {
    private final TagSentences.Tagging tagging;

    TagDocumentsFn(TagSentences.Tagging tagging) {
      this.tagging = tagging;
    }

    @Setup
    public void setup() {
      tagging.setup();
    }

    @StartBundle
    public void startBundle() {
      tagging.startBundle();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      Document document = c.element();
      List<TaggedSentence> tagged = new ArrayList<>(document.sentences().size());
      List<Rejection> rejected = new ArrayList<>(document.rejections());
      for (Sentence sentence : document.sentences()) {
        Object outcome =
            tagging.tag(
                sentence, window, () -> c.sideInput(tagging.modelView), document.language());
        if (outcome instanceof TaggedSentence t) {
          tagged.add(t);
        } else {
          rejected.add((Rejection) outcome);
        }
      }
      (tagged.isEmpty() ? Counters.DOCUMENTS_REJECTED : Counters.DOCUMENTS_TAGGED).inc();
      if (!tagged.isEmpty() && document.language() != null) {
        Counters.documentsIn(document.language()).inc();
      }
      c.output(new TaggedDocument(document, tagged, rejected));
    }
  }
}
