package dev.tagpipe.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * How the messages a transform writes (rejection reasons) name the settings they are about. A
 * library user set them with the transform's {@code with...} methods and reads them by those names:
 * {@code maxSentenceTokens=1000} is what {@code withMaxSentenceTokens(1000)} set ({@link #LIBRARY},
 * every transform's default). A program that sets them from options of its own gives the transforms
 * its form with their {@code withSettingNames}, so that its users read the names they typed:
 * tagpipe's command line passes {@code withPrefix("--")}, and its messages say {@code
 * --maxSentenceTokens=1000}.
 *
 * <p>The transforms that take it: {@code ReadSentences} (its {@code maxLineBytes} and {@code
 * maxSentenceTokens}) and {@code TagSentences} ({@code maxSentenceTokens}).
 */
public final class SettingNames implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The settings' own names, as the {@code with...} methods call them: {@code maxLineBytes}. */
  public static final SettingNames LIBRARY = new SettingNames("");

  private final String prefix;

  private SettingNames(String prefix) {
    this.prefix = prefix;
  }

  /** Each setting's name after {@code prefix}: {@code withPrefix("--")} names flags. */
  public static SettingNames withPrefix(String prefix) {
    return new SettingNames(Objects.requireNonNull(prefix, "prefix"));
  }

  /** How messages name {@code setting} (its library name, such as {@code maxSentenceTokens}). */
  public String of(String setting) {
    return prefix + setting;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SettingNames other && prefix.equals(other.prefix);
  }

  @Override
  public int hashCode() {
    return prefix.hashCode();
  }

  @Override
  public String toString() {
    return prefix.isEmpty() ? "library names" : "names prefixed " + prefix;
  }
}
