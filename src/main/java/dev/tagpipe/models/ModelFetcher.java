package dev.tagpipe.models;

import dev.tagpipe.tagger.ModelLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Installs a named model into a {@link ModelsFolder}: finds its CoreNLP model jar (the local Maven
 * repository when it is there, else a download from the repository, Maven Central by default),
 * verifies the jar's SHA-1 against the {@code .sha1} the repository publishes beside it, extracts
 * only the tagger (and its {@code .props}) and records the tagger's SHA-256. A jar read for one
 * model serves the others in it in the same fetch (English bidirectional and caseless), and a
 * downloaded jar is deleted when the fetcher is closed: the models folder keeps only taggers.
 *
 * <p>Never hangs: connecting and every read time out. Every failure is a {@link FetchException}
 * with one line, and leaves nothing installed.
 */
public final class ModelFetcher implements AutoCloseable {
  public static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2";

  private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");

  /** A fetch that failed, said in one line. */
  public static final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
      super(message);
    }
  }

  /** What a fetch did: installed the model now, or found it installed already. */
  public record Result(ModelsFolder.Installed installed, boolean alreadyInstalled, String from) {}

  private final ModelsFolder folder;
  private final String repository;
  private final Path localRepository;
  private final PrintStream progress;
  private final boolean terminal;
  private int connectTimeoutMillis = 20_000;
  private int readTimeoutMillis = 60_000;
  private long plainProgressMillis = 5_000;

  /** Jars read in this fetch, by classifier, and what their SHA-1 was checked against. */
  private final Map<String, VerifiedJar> jars = new LinkedHashMap<>();

  private record VerifiedJar(Path path, String sha1, String source, boolean downloaded) {}

  /**
   * @param repository the Maven repository to download from (no trailing slash needed)
   * @param localRepository the local Maven repository searched first, or null for none
   * @param progress where progress goes (standard error)
   * @param terminal true when {@code progress} is a terminal: one bar redrawn in place; else a
   *     plain line every few seconds
   */
  public ModelFetcher(
      ModelsFolder folder,
      String repository,
      Path localRepository,
      PrintStream progress,
      boolean terminal) {
    this.folder = folder;
    this.repository = repository.endsWith("/") ? repository : repository + "/";
    this.localRepository = localRepository;
    this.progress = progress;
    this.terminal = terminal;
  }

  /** Shorter timeouts and progress lines, for tests. */
  ModelFetcher withTimeouts(int connectMillis, int readMillis, long plainProgressEveryMillis) {
    this.connectTimeoutMillis = connectMillis;
    this.readTimeoutMillis = readMillis;
    this.plainProgressMillis = plainProgressEveryMillis;
    return this;
  }

  /**
   * The local Maven repository: {@code -Dmaven.repo.local}, then {@code -Dmaven.repo.local=} in
   * {@code MAVEN_OPTS}, then {@code ~/.m2/repository}.
   */
  public static Path defaultLocalRepository() {
    String property = System.getProperty("maven.repo.local");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String opts = System.getenv("MAVEN_OPTS");
    if (opts != null) {
      Matcher m = Pattern.compile("-Dmaven\\.repo\\.local=(\\S+)").matcher(opts);
      if (m.find()) {
        return Path.of(m.group(1));
      }
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** Installs {@code model} unless it is installed already (or {@code force}). */
  public Result fetch(NamedModel model, boolean force) throws FetchException {
    if (!force) {
      var installed = folder.installed(model);
      if (installed.isPresent()) {
        return new Result(installed.get(), true, installed.get().source());
      }
    }
    cleanStale();
    VerifiedJar jar = jar(model);
    Path partial = null;
    try {
      partial = folder.newPartial(model);
      String sha256 = extract(jar.path(), model, partial);
      Properties manifest = new Properties();
      manifest.setProperty("name", model.name());
      manifest.setProperty("file", model.fileName());
      manifest.setProperty("jar", model.coordinates());
      manifest.setProperty("entry", model.entry());
      manifest.setProperty("source", jar.source());
      manifest.setProperty("jarSha1", jar.sha1());
      manifest.setProperty("sha256", sha256);
      manifest.setProperty("bytes", Long.toString(Files.size(partial.resolve(model.fileName()))));
      manifest.setProperty("fetched", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      ModelsFolder.writeManifest(partial, manifest);
      ModelsFolder.Installed installed = folder.install(model, partial);
      partial = null;
      return new Result(installed, false, jar.source());
    } catch (IOException e) {
      throw new FetchException("cannot write the model into " + folder.root() + ": " + message(e));
    } finally {
      ModelsFolder.deleteTree(partial);
    }
  }

  /** Deletes the jars this fetcher downloaded (the local Maven repository's stay). */
  @Override
  public void close() {
    for (VerifiedJar jar : jars.values()) {
      if (jar.downloaded()) {
        try {
          Files.deleteIfExists(jar.path());
        } catch (IOException e) {
          // a stale download: the next fetch's clean-up deletes it
        }
      }
    }
    jars.clear();
  }

  private VerifiedJar jar(NamedModel model) throws FetchException {
    VerifiedJar known = jars.get(model.classifier());
    if (known != null) {
      return known;
    }
    Path local =
        localRepository == null
            ? null
            : localRepository.resolve(
                String.join(
                    "/",
                    ModelCatalog.GROUP_ID.replace('.', '/'),
                    ModelCatalog.ARTIFACT_ID,
                    ModelCatalog.CORENLP_VERSION,
                    model.jarFileName()));
    VerifiedJar jar =
        local != null && Files.isRegularFile(local) ? localJar(model, local) : download(model);
    jars.put(model.classifier(), jar);
    return jar;
  }

  /** The jar in the local Maven repository, checked against the .sha1 Maven saved beside it. */
  private VerifiedJar localJar(NamedModel model, Path jar) throws FetchException {
    progress.println("tagpipe: using " + jar + " (the local Maven repository)");
    String actual;
    try (InputStream in = Files.newInputStream(jar)) {
      actual = digest(in, "SHA-1", null);
    } catch (IOException e) {
      throw new FetchException("cannot read " + jar + ": " + message(e));
    }
    Path sha1File = jar.resolveSibling(jar.getFileName() + ".sha1");
    if (Files.isRegularFile(sha1File)) {
      String expected;
      try {
        expected =
            parseSha1(Files.readString(sha1File, StandardCharsets.US_ASCII), sha1File.toString());
      } catch (IOException e) {
        throw new FetchException("cannot read " + sha1File + ": " + message(e));
      }
      if (!expected.equals(actual)) {
        throw new FetchException(
            jar
                + " does not match its .sha1 (SHA-1 "
                + actual
                + ", expected "
                + expected
                + "); delete it from the Maven repository and fetch again");
      }
    }
    return new VerifiedJar(jar, actual, jar.toString(), false);
  }

  /** Downloads the jar to a temporary file beside the models and checks its SHA-1. */
  private VerifiedJar download(NamedModel model) throws FetchException {
    String url =
        repository
            + String.join(
                "/",
                ModelCatalog.GROUP_ID.replace('.', '/'),
                ModelCatalog.ARTIFACT_ID,
                ModelCatalog.CORENLP_VERSION,
                model.jarFileName());
    String expected;
    try (InputStream in = get(url + ".sha1").getInputStream()) {
      expected =
          parseSha1(new String(in.readNBytes(1024), StandardCharsets.US_ASCII), url + ".sha1");
    } catch (IOException e) {
      throw new FetchException(networkMessage(url + ".sha1", e));
    }
    Path temp;
    try {
      Files.createDirectories(folder.root());
      temp = Files.createTempFile(folder.root(), ".download-" + model.classifier() + "-", ".jar");
    } catch (IOException e) {
      throw new FetchException("cannot write into " + folder.root() + ": " + message(e));
    }
    boolean ok = false;
    try {
      HttpURLConnection connection = get(url);
      long total =
          connection.getContentLengthLong() > 0
              ? connection.getContentLengthLong()
              : model.jarBytes();
      progress.printf(Locale.ROOT, "tagpipe: downloading %s (%.0f MB)%n", url, total / 1e6);
      String actual;
      try (InputStream in = connection.getInputStream();
          OutputStream out = Files.newOutputStream(temp)) {
        Progress bar = new Progress(model.jarFileName(), total);
        actual =
            digest(
                in,
                "SHA-1",
                (buffer, n) -> {
                  try {
                    out.write(buffer, 0, n);
                  } catch (IOException e) {
                    throw new WriteFailed(e);
                  }
                  bar.add(n);
                });
        bar.done();
      } catch (WriteFailed e) {
        throw new FetchException(
            "cannot write into " + folder.root() + ": " + message(e.getCause()));
      }
      if (!actual.equals(expected)) {
        throw new FetchException(
            "refused the download of "
                + url
                + ": its SHA-1 is "
                + actual
                + " but the repository's .sha1 says "
                + expected
                + "; it was deleted, nothing was installed (try again; if it persists, the"
                + " repository or a proxy serves a different file)");
      }
      progress.println("tagpipe: SHA-1 verified: " + actual);
      ok = true;
      return new VerifiedJar(temp, actual, url, true);
    } catch (IOException e) {
      throw new FetchException(networkMessage(url, e));
    } finally {
      if (!ok) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // the next fetch's clean-up deletes it
        }
      }
    }
  }

  private HttpURLConnection get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(connectTimeoutMillis);
    c.setReadTimeout(readTimeoutMillis);
    c.setInstanceFollowRedirects(true);
    c.setRequestProperty("User-Agent", "tagpipe-models");
    int status = c.getResponseCode();
    if (status == HttpURLConnection.HTTP_NOT_FOUND) {
      throw new FileNotFoundException("HTTP 404, no such file");
    }
    if (status != HttpURLConnection.HTTP_OK) {
      throw new IOException("HTTP " + status + " " + c.getResponseMessage());
    }
    return c;
  }

  /** Extracts the tagger (and its .props) into {@code dir}; returns the tagger's SHA-256. */
  private static String extract(Path jar, NamedModel model, Path dir)
      throws IOException, FetchException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(model.entry());
      if (entry == null) {
        throw new FetchException(
            jar + " has no " + model.entry() + "; is it " + model.coordinates() + "?");
      }
      if (entry.getSize() > ModelLocation.MAX_MODEL_BYTES) {
        throw new FetchException(
            model.entry()
                + " in "
                + jar
                + " is "
                + entry.getSize()
                + " bytes, larger than any tagger");
      }
      String sha256;
      try (InputStream in = zip.getInputStream(entry);
          OutputStream out = Files.newOutputStream(dir.resolve(model.fileName()))) {
        sha256 =
            digest(
                in,
                "SHA-256",
                (buffer, n) -> {
                  try {
                    out.write(buffer, 0, n);
                  } catch (IOException e) {
                    throw new WriteFailed(e);
                  }
                });
      } catch (WriteFailed e) {
        throw (IOException) e.getCause();
      }
      ZipEntry props = zip.getEntry(model.entry() + ".props");
      if (props != null) {
        try (InputStream in = zip.getInputStream(props)) {
          Files.copy(in, dir.resolve(model.fileName() + ".props"));
        }
      }
      return sha256;
    } catch (java.util.zip.ZipException e) {
      throw new FetchException(jar + " is not a readable jar: " + message(e));
    }
  }

  /** A write that failed inside a digest's loop. */
  private static final class WriteFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteFailed(IOException cause) {
      super(cause);
    }
  }

  private interface Chunk {
    void accept(byte[] buffer, int n);
  }

  private static String digest(InputStream in, String algorithm, Chunk each) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
      int n;
      while ((n = digesting.read(buffer)) > 0) {
        if (each != null) {
          each.accept(buffer, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Maven's .sha1 files hold the hex digest, sometimes followed by the file's name. */
  private static String parseSha1(String text, String where) throws FetchException {
    String first = text.trim().split("\\s+", 2)[0];
    if (!SHA1.matcher(first).matches()) {
      throw new FetchException(where + " does not hold a SHA-1 (40 hex digits)");
    }
    return first.toLowerCase(Locale.ROOT);
  }

  private String networkMessage(String url, IOException e) {
    if (e instanceof FileNotFoundException) {
      return "cannot download " + url + ": HTTP 404, no such file (is --repository right?)";
    }
    if (e instanceof SocketTimeoutException) {
      return "cannot download " + url + ": no answer in time (" + message(e) + "); try again later";
    }
    if (e instanceof UnknownHostException) {
      return "cannot download " + url + ": unknown host " + e.getMessage() + " (offline?)";
    }
    return "cannot download " + url + ": " + message(e);
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
  }

  /** Downloads and partials a killed fetch left behind, once they are an hour old. */
  private void cleanStale() {
    if (!Files.isDirectory(folder.root())) {
      return;
    }
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> entries = Files.list(folder.root())) {
      entries
          .filter(p -> p.getFileName().toString().matches("\\.(download|partial|old)-.*"))
          .filter(
              p -> {
                try {
                  return Files.getLastModifiedTime(p).compareTo(hourAgo) < 0;
                } catch (IOException e) {
                  return false;
                }
              })
          .forEach(ModelsFolder::deleteTree);
    } catch (IOException e) {
      // nothing to clean
    }
  }

  /** The download's progress: a bar redrawn on a terminal, else a line every few seconds. */
  private final class Progress {
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long bytes;
    private long lastPrint = System.nanoTime();

    Progress(String what, long total) {
      this.what = what;
      this.total = total;
    }

    void add(int n) {
      bytes += n;
      long now = System.nanoTime();
      long every = terminal ? 200_000_000L : plainProgressMillis * 1_000_000L;
      if (now - lastPrint >= every) {
        lastPrint = now;
        print(false);
      }
    }

    void done() {
      print(true);
    }

    private void print(boolean last) {
      double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
      int percent = total > 0 ? (int) Math.min(100, bytes * 100 / total) : 0;
      String line =
          String.format(
              Locale.ROOT,
              "%s %3d%% %7.1f / %.1f MB  %5.1f MB/s",
              what,
              percent,
              bytes / 1e6,
              total / 1e6,
              bytes / 1e6 / seconds);
      if (terminal) {
        int width = 24;
        int filled = percent * width / 100;
        progress.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + line);
        if (last) {
          progress.println();
        }
      } else {
        progress.println("tagpipe: " + line);
      }
      progress.flush();
    }
  }
}
