package dev.tagpipe.model;

import java.util.Objects;

/**
 * A tagger model as it travels through the pipeline: its serialized bytes, never a live
 * MaxentTagger (which is not Serializable). The SHA-256 is computed once at the source so that
 * workers can key their tagger cache without hashing 13 MB again.
 */
public final class TaggerModel {
  private final String name;
  private final String sha256;
  private final byte[] bytes;
  private final long version;
  private final String language; // null: the one model of a run that does not route

  public TaggerModel(String name, String sha256, byte[] bytes) {
    this(name, sha256, bytes, 0, null);
  }

  private TaggerModel(String name, String sha256, byte[] bytes, long version, String language) {
    this.name = Objects.requireNonNull(name, "name");
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.version = version;
    this.language = language;
  }

  /** The same model, as the one that tags texts in {@code language} (ISO 639-1) when routing. */
  public TaggerModel forLanguage(String language) {
    return new TaggerModel(name, sha256, bytes, version, language);
  }

  /** The language this model tags when a run routes texts by language, else null. */
  public String language() {
    return language;
  }

  /**
   * The same model as version {@code version}: when a side input holds several versions of a
   * watched model, the highest is the current one. 0 for a model read once.
   */
  public TaggerModel withVersion(long version) {
    return new TaggerModel(name, sha256, bytes, version, language);
  }

  public long version() {
    return version;
  }

  public String name() {
    return name;
  }

  public String sha256() {
    return sha256;
  }

  /** The serialized model. Callers must not modify the array. */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaggerModel
        && sha256.equals(((TaggerModel) o).sha256)
        && name.equals(((TaggerModel) o).name)
        && version == ((TaggerModel) o).version
        && Objects.equals(language, ((TaggerModel) o).language);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return "TaggerModel{"
        + name
        + ", sha256="
        + sha256
        + ", "
        + bytes.length
        + " bytes"
        + (version == 0 ? "" : ", version " + version)
        + (language == null ? "" : ", for " + language)
        + "}";
  }
}
