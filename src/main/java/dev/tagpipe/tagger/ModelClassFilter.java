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
 * The deserialization filter for tagger models: only the classes that real CoreNLP tagger models
 * contain (see {@code tagger-model-classes.txt}, derived by {@code ModelClassInventory} from the
 * English and French models), within limits on graph depth, references and array sizes. Anything
 * else is refused before it is instantiated, so a crafted "model" can neither run a gadget chain
 * nor stall the loader with a SerialDOS graph.
 */
final class ModelClassFilter implements ObjectInputFilter {
  // Measured on the English and French models: depth 6, 1.07 M references, largest array
  // 1,048,576 (a HashMap table). Limits leave headroom; a SerialDOS graph nests dozens deep.
  static final long MAX_DEPTH = 16;
  static final long MAX_REFERENCES = 10_000_000;
  static final long MAX_ARRAY_LENGTH = 16_000_000;

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
