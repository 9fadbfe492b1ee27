package dev.tagpipe.models;

import java.util.List;

/**
 * One of CoreNLP 4.5.10's POS taggers, by name: where it ships ({@code
 * edu.stanford.nlp:stanford-corenlp:4.5.10:<classifier>}, {@link #entry} inside that jar), what it
 * tags with and what it needs to read raw text.
 *
 * @param name the name users give, e.g. {@code french}
 * @param codes other names for it: the ISO 639-1 code when this is its language's default model
 * @param language ISO 639-1 code of the language it tags
 * @param classifier the Maven classifier of the CoreNLP model jar that holds it
 * @param entry the tagger's path inside that jar
 * @param tagSet the tags it gives
 * @param tokenizer what splits raw text for it
 * @param jarBytes the model jar's size (what a fetch downloads)
 * @param taggerBytes the tagger file's size (what is installed)
 */
public record NamedModel(
    String name,
    List<String> codes,
    String language,
    String classifier,
    String entry,
    TagSet tagSet,
    Tokenizer tokenizer,
    long jarBytes,
    long taggerBytes) {

  /** The folder of CoreNLP's POS taggers inside its model jars. */
  public static final String POS_TAGGER_DIR = "edu/stanford/nlp/models/pos-tagger/";

  public NamedModel {
    codes = List.copyOf(codes);
  }

  /** The tagger's file name, e.g. {@code french-ud.tagger}. */
  public String fileName() {
    return entry.substring(entry.lastIndexOf('/') + 1);
  }

  /** True for the model bundled in tagpipe's jar: nothing to fetch. */
  public boolean isBundled() {
    return classifier.equals("models") && fileName().equals(ModelCatalog.BUNDLED_FILE);
  }

  /** The Maven coordinates of the jar that holds it. */
  public String coordinates() {
    return ModelCatalog.GROUP_ID
        + ":"
        + ModelCatalog.ARTIFACT_ID
        + ":"
        + ModelCatalog.CORENLP_VERSION
        + ":"
        + classifier;
  }

  /** The jar's file name in a Maven repository. */
  public String jarFileName() {
    return ModelCatalog.ARTIFACT_ID
        + "-"
        + ModelCatalog.CORENLP_VERSION
        + "-"
        + classifier
        + ".jar";
  }

  /** The tags a model gives. */
  public enum TagSet {
    PENN_TREEBANK("Penn Treebank"),
    UD_UPOS("UD UPOS"),
    ANCORA("AnCora"),
    ARABIC_TREEBANK("ATB"),
    CHINESE_TREEBANK("CTB");

    private final String label;

    TagSet(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What splits raw text into the tokens a model was trained on. */
  public enum Tokenizer {
    ENGLISH_PTB("PTB (English)", true),
    FRENCH("French", true),
    SPANISH("Spanish", true),
    GERMAN_PTB("PTB, German options", true),
    /** CoreNLP has no tokenizer of its own for the language (Italian, Hungarian). */
    PTB("PTB", true),
    /** Arabic and Chinese need CoreNLP's segmenters: raw text is not supported. */
    ARABIC_SEGMENTER("Arabic segmenter: pre-tokenized input only", false),
    CHINESE_SEGMENTER("Chinese segmenter: pre-tokenized input only", false);

    private final String label;
    private final boolean rawText;

    Tokenizer(String label, boolean rawText) {
      this.label = label;
      this.rawText = rawText;
    }

    public String label() {
      return label;
    }

    /** False when tagpipe cannot split raw text for it (only tokens, CoNLL-U, given tokens). */
    public boolean supportsRawText() {
      return rawText;
    }
  }
}
