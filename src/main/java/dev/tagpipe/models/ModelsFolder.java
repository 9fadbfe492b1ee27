package dev.tagpipe.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local folder named models are installed in: {@code $TAGPIPE_MODELS}, else {@code
 * ~/.tagpipe/models} (the system property {@value #PROPERTY} wins over both, for tests). Each model
 * is a folder {@code <root>/<name>/} with its tagger file, the {@code .props} CoreNLP ships beside
 * it when there is one, and {@value #MANIFEST}: the name, the jar it came from (coordinates, where
 * it was read, its SHA-1 as verified), the tagger's SHA-256 and size, and when it was fetched.
 *
 * <p>A model is written into a temporary folder beside the others and moved into place in one
 * rename, so a fetch that is killed leaves no half model: a model folder with a manifest is whole.
 */
public final class ModelsFolder {
  /** The environment variable that moves the folder. */
  public static final String ENV = "TAGPIPE_MODELS";

  /** The system property that moves the folder (tests), over {@value #ENV}. */
  public static final String PROPERTY = "tagpipe.models";

  /** The manifest's name in a model's folder. */
  public static final String MANIFEST = "tagpipe-model.properties";

  private final Path root;
  private final boolean fromEnvironment;

  private ModelsFolder(Path root, boolean fromEnvironment) {
    this.root = root.toAbsolutePath().normalize();
    this.fromEnvironment = fromEnvironment;
  }

  /** The folder the environment says: {@value #PROPERTY}, {@value #ENV}, or ~/.tagpipe/models. */
  public static ModelsFolder fromEnvironment() {
    String property = System.getProperty(PROPERTY);
    String env = System.getenv(ENV);
    Path root;
    if (property != null && !property.isBlank()) {
      root = Path.of(property);
    } else if (env != null && !env.isBlank()) {
      root = Path.of(env);
    } else {
      root = Path.of(System.getProperty("user.home"), ".tagpipe", "models");
    }
    return new ModelsFolder(root, true);
  }

  /** A folder given explicitly ({@code --modelsDir}). */
  public static ModelsFolder at(Path root) {
    return new ModelsFolder(root, false);
  }

  public Path root() {
    return root;
  }

  /** True when this is the folder a run finds without being told ({@link #fromEnvironment}). */
  boolean isDefault() {
    return fromEnvironment || root.equals(fromEnvironment().root);
  }

  /** An installed model: its tagger file and what its manifest recorded. */
  public record Installed(
      NamedModel model,
      Path tagger,
      String sha256,
      long bytes,
      String jar,
      String jarSha1,
      String source,
      String fetched) {}

  /**
   * The model, if it is installed whole: its manifest reads and its tagger file has the size the
   * manifest recorded.
   */
  public Optional<Installed> installed(NamedModel model) {
    Path dir = root.resolve(model.name());
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(manifest)) {
      p.load(in);
      Path tagger = dir.resolve(model.fileName());
      long bytes = Long.parseLong(p.getProperty("bytes", "-1"));
      if (!Files.isRegularFile(tagger) || Files.size(tagger) != bytes) {
        return Optional.empty();
      }
      return Optional.of(
          new Installed(
              model,
              tagger,
              p.getProperty("sha256", ""),
              bytes,
              p.getProperty("jar", ""),
              p.getProperty("jarSha1", ""),
              p.getProperty("source", ""),
              p.getProperty("fetched", "")));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // unreadable: as if not installed, a fetch writes it again
    }
  }

  /** A new empty folder beside the models, for one model being written. */
  Path newPartial(NamedModel model) throws IOException {
    Files.createDirectories(root);
    return Files.createDirectory(
        root.resolve(".partial-" + model.name() + "-" + UUID.randomUUID()));
  }

  /** Writes the manifest into {@code partial}. */
  static void writeManifest(Path partial, Properties manifest) throws IOException {
    Path file = partial.resolve(MANIFEST);
    try (OutputStream out = Files.newOutputStream(file)) {
      manifest.store(out, "installed by tagpipe's pipelines/models fetch");
    }
  }

  /**
   * Moves a whole model folder written by a fetch into place, in one rename; an older install of
   * the model ({@code --force}) is moved aside first and deleted after.
   */
  Installed install(NamedModel model, Path partial) throws IOException {
    Path target = root.resolve(model.name());
    Path old = null;
    if (Files.exists(target)) {
      old = root.resolve(".old-" + model.name() + "-" + UUID.randomUUID());
      move(target, old);
    }
    move(partial, target);
    if (old != null) {
      deleteTree(old);
    }
    return installed(model)
        .orElseThrow(() -> new IOException("the model written to " + target + " does not read"));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to); // the same folder: a rename wherever the filesystem has one
    }
  }

  /** Deletes a folder and what is in it (a partial or an old install); quietly. */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left for the next fetch's clean-up of stale partials
    }
  }
}
