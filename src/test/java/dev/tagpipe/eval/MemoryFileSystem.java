package dev.tagpipe.eval;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A Beam filesystem for tests: {@code memfs://...} paths, the files kept in this JVM's memory with
 * the MIME type they were created with. Registered by {@link Registrar} through {@code
 * META-INF/services} in the test resources, as a real filesystem module registers itself, so {@code
 * FileSystems} and everything built on it (TextIO, the report) write here like anywhere else.
 * Enough of a filesystem for TextIO's temporary files: create, open, match (with {@code *}),
 * rename, copy and delete.
 */
public final class MemoryFileSystem extends FileSystem<MemoryFileSystem.MemoryPath> {
  static final String SCHEME = "memfs";

  /** A file's bytes and the MIME type it was created with. */
  static final class File {
    private final byte[] content;
    private final String mimeType;

    File(byte[] content, String mimeType) {
      this.content = content.clone();
      this.mimeType = mimeType;
    }

    byte[] content() {
      return content.clone();
    }

    String mimeType() {
      return mimeType;
    }
  }

  private static final Map<String, File> FILES = new ConcurrentHashMap<>();

  /** The file at {@code path} ({@code memfs://...}), or null. */
  static File file(String path) {
    return FILES.get(path);
  }

  /** The paths of the files under {@code prefix}, sorted. */
  static List<String> list(String prefix) {
    return new ArrayList<>(
        new TreeSet<>(FILES.keySet().stream().filter(p -> p.startsWith(prefix)).toList()));
  }

  /** A {@code memfs://} file or directory (ending in '/'). */
  record MemoryPath(String path) implements ResourceId {
    MemoryPath {
      if (!path.startsWith(SCHEME + "://")) {
        throw new IllegalArgumentException("not a " + SCHEME + ":// path: " + path);
      }
    }

    @Override
    public ResourceId resolve(String other, ResolveOptions options) {
      if (!isDirectory()) {
        throw new IllegalStateException("resolve " + other + " against a file: " + path);
      }
      boolean dir = options == ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY;
      return new MemoryPath(path + other + (dir && !other.endsWith("/") ? "/" : ""));
    }

    @Override
    public ResourceId getCurrentDirectory() {
      return isDirectory() ? this : new MemoryPath(path.substring(0, path.lastIndexOf('/') + 1));
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public String getFilename() {
      String p = isDirectory() ? path.substring(0, path.length() - 1) : path;
      String name = p.substring(p.lastIndexOf('/') + 1);
      return name.isEmpty() ? null : name;
    }

    @Override
    public boolean isDirectory() {
      return path.endsWith("/");
    }

    @Override
    public String toString() {
      return path;
    }
  }

  @Override
  protected String getScheme() {
    return SCHEME;
  }

  @Override
  protected MemoryPath matchNewResource(String spec, boolean isDirectory) {
    return new MemoryPath(isDirectory && !spec.endsWith("/") ? spec + "/" : spec);
  }

  @Override
  protected List<MatchResult> match(List<String> specs) {
    List<MatchResult> results = new ArrayList<>();
    for (String spec : specs) {
      if (spec.contains("*")) {
        Pattern glob =
            Pattern.compile(
                Arrays.stream(spec.split("\\*", -1))
                    .map(Pattern::quote)
                    .reduce((a, b) -> a + "[^/]*" + b)
                    .orElseThrow());
        List<MatchResult.Metadata> found = new ArrayList<>();
        for (String p : list("")) {
          if (glob.matcher(p).matches()) {
            found.add(metadata(p));
          }
        }
        results.add(MatchResult.create(MatchResult.Status.OK, found));
      } else if (FILES.containsKey(spec)) {
        results.add(MatchResult.create(MatchResult.Status.OK, List.of(metadata(spec))));
      } else {
        results.add(
            MatchResult.create(MatchResult.Status.NOT_FOUND, new FileNotFoundException(spec)));
      }
    }
    return results;
  }

  private static MatchResult.Metadata metadata(String path) {
    return MatchResult.Metadata.builder()
        .setResourceId(new MemoryPath(path))
        .setSizeBytes(FILES.get(path).content().length)
        .setIsReadSeekEfficient(false)
        .setLastModifiedMillis(0)
        .build();
  }

  @Override
  protected WritableByteChannel create(MemoryPath file, CreateOptions options) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WritableByteChannel channel = Channels.newChannel(bytes);
    return new WritableByteChannel() {
      @Override
      public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
      }

      @Override
      public boolean isOpen() {
        return channel.isOpen();
      }

      @Override
      public void close() throws IOException {
        if (channel.isOpen()) {
          channel.close();
          FILES.put(file.path(), new File(bytes.toByteArray(), options.mimeType()));
        }
      }
    };
  }

  @Override
  protected ReadableByteChannel open(MemoryPath file) throws IOException {
    return Channels.newChannel(new java.io.ByteArrayInputStream(existing(file).content()));
  }

  @Override
  protected void copy(List<MemoryPath> sources, List<MemoryPath> destinations) throws IOException {
    for (int i = 0; i < sources.size(); i++) {
      FILES.put(destinations.get(i).path(), existing(sources.get(i)));
    }
  }

  @Override
  protected void rename(
      List<MemoryPath> sources, List<MemoryPath> destinations, MoveOptions... options)
      throws IOException {
    boolean ignoreMissing =
        Arrays.asList(options).contains(MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    for (int i = 0; i < sources.size(); i++) {
      File f = FILES.remove(sources.get(i).path());
      if (f != null) {
        FILES.put(destinations.get(i).path(), f);
      } else if (!ignoreMissing) {
        throw new FileNotFoundException(sources.get(i).path());
      }
    }
  }

  @Override
  protected void delete(Collection<MemoryPath> resources) {
    resources.forEach(r -> FILES.remove(r.path())); // a directory holds nothing of its own
  }

  private static File existing(MemoryPath file) throws FileNotFoundException {
    File f = FILES.get(file.path());
    if (f == null) {
      throw new FileNotFoundException(file.path());
    }
    return f;
  }

  /** Registers {@code memfs://} with Beam (listed in META-INF/services). */
  public static final class Registrar implements FileSystemRegistrar {
    @Override
    public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
      return List.of(new MemoryFileSystem());
    }
  }
}
