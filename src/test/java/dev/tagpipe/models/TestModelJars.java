package dev.tagpipe.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A small real models-french jar for the fetch tests: CoreNLP's own french-ud.tagger (1.6 MB,
 * unpacked from the models-french jar by the pom into target/test-models) and a .props, at the
 * paths the real jar has them, laid out as a Maven repository (jar and .sha1).
 */
public final class TestModelJars {
  static final Path TEST_MODELS =
      Path.of(
          System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"));

  private TestModelJars() {}

  public static Path frenchTagger() {
    return TEST_MODELS.resolve("pos-tagger/french-ud.tagger");
  }

  /** Writes the French jar and its .sha1 into the Maven repository layout under {@code repo}. */
  public static Path frenchRepository(Path repo) throws IOException {
    NamedModel french = ModelCatalog.lookup("french").orElseThrow();
    Path dir = repo.resolve("edu/stanford/nlp/stanford-corenlp/4.5.10");
    Files.createDirectories(dir);
    Path jar = dir.resolve(french.jarFileName());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
      zip.putNextEntry(new ZipEntry(french.entry()));
      try (InputStream in = Files.newInputStream(frenchTagger())) {
        in.transferTo(zip);
      }
      zip.putNextEntry(new ZipEntry(french.entry() + ".props"));
      zip.write("model = french-ud.tagger\n".getBytes(StandardCharsets.US_ASCII));
      zip.putNextEntry(new ZipEntry("edu/stanford/nlp/models/other/unrelated.ser"));
      zip.write(new byte[1000]);
    }
    Files.writeString(
        jar.resolveSibling(jar.getFileName() + ".sha1"),
        hex("SHA-1", jar),
        StandardCharsets.US_ASCII);
    return jar;
  }

  public static String hex(String algorithm, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance(algorithm);
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        d.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Installs french into {@code folder} from a local repository made in {@code repo}. */
  public static ModelsFolder.Installed installFrench(Path folder, Path repo) throws Exception {
    frenchRepository(repo);
    try (ModelFetcher fetcher =
        new ModelFetcher(
            ModelsFolder.at(folder),
            "http://127.0.0.1:9/unused",
            repo,
            new java.io.PrintStream(OutputStream.nullOutputStream()),
            false)) {
      return fetcher.fetch(ModelCatalog.lookup("french").orElseThrow(), false).installed();
    }
  }
}
