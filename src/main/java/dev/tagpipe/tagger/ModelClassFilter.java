package dev.tagpipe.tagger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputFilter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deserialization filter for tagger models: only the classes a CoreNLP tagger model can contain
 * ({@code tagger-model-classes.txt}), within limits on graph depth, references and array sizes;
 * anything else is refused before it is instantiated. How the list is made and regenerated:
 * docs/architecture.md, "Loading untrusted models".
 */
final class ModelClassFilter implements ObjectInputFilter {
  // Measured by ModelClassInventory on CoreNLP 4.5.10's official taggers: depth 5-6 (trained
  // models up to 6), references up to 6,053,276 and arrays up to 4,194,304 (a HashMap table of
  // german-ud's distsim lexicon, the largest model: 68.6 MB). The limits leave 2-8x headroom for
  // bigger lexicons; a SerialDOS graph nests dozens deep and is refused by depth at once.
  static final long MAX_DEPTH = 16;
  static final long MAX_REFERENCES = 30_000_000;
  static final long MAX_ARRAY_LENGTH = 1 << 25; // 33,554,432: 8x german-ud's largest

  private static final Set<String> ALLOWED = loadAllowList();

  private String refusedClass;
  private String refusedLimit;

  @Override
  public Status checkInput(FilterInfo info) {
    if (info.depth() > MAX_DEPTH) {
      return refuseLimit("object graph nested " + info.depth() + " deep (limit " + MAX_DEPTH + ")");
    }
    if (info.references() > MAX_REFERENCES) {
      return refuseLimit("more than " + MAX_REFERENCES + " object references");
    }
    if (info.arrayLength() > MAX_ARRAY_LENGTH) {
      return refuseLimit("an array of " + info.arrayLength() + " elements");
    }
    Class<?> c = info.serialClass();
    if (c == null) {
      return Status.UNDECIDED;
    }
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (c.isPrimitive() || ALLOWED.contains(c.getName())) {
      return Status.ALLOWED;
    }
    if (refusedClass == null) {
      refusedClass = c.getName();
    }
    return Status.REJECTED;
  }

  private Status refuseLimit(String what) {
    if (refusedLimit == null) {
      refusedLimit = what;
    }
    return Status.REJECTED;
  }

  /** The first class refused, or null. */
  String refusedClass() {
    return refusedClass;
  }

  /** The first limit exceeded, or null. */
  String refusedLimit() {
    return refusedLimit;
  }

  static Set<String> allowList() {
    return ALLOWED;
  }

  /**
   * "CoreNLP 4.5.10": the CoreNLP the list was generated from, as its header names the jar
   * ("stanford-corenlp-4.5.10.jar"); "CoreNLP" if it does not. Only read to explain a refusal.
   */
  static String madeFrom() {
    try (InputStream in = ModelClassFilter.class.getResourceAsStream("tagger-model-classes.txt")) {
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("stanford-corenlp-([0-9][^\\s:]*)\\.jar").matcher(text);
      return m.find() ? "CoreNLP " + m.group(1) : "CoreNLP";
    } catch (IOException e) {
      return "CoreNLP";
    }
  }

  private static Set<String> loadAllowList() {
    Set<String> names = new TreeSet<>();
    try (InputStream in = ModelClassFilter.class.getResourceAsStream("tagger-model-classes.txt")) {
      if (in == null) {
        throw new IllegalStateException("tagger-model-classes.txt missing from the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          names.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(names);
  }
}
