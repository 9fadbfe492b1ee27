package dev.tagpipe;

import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives the model class allow-list: loads real models with a filter that records every class
 * and the largest depth, reference count and array length it sees. Not a test; run by hand:
 * {@code java -cp ... dev.tagpipe.ModelClassInventory model.tagger ...}.
 */
public final class ModelClassInventory {
  public static void main(String[] args) throws Exception {
    Set<String> classes = new TreeSet<>();
    long[] max = new long[4];
    ObjectInputFilter.Config.setSerialFilter(
        info -> {
          Class<?> c = info.serialClass();
          if (c != null) {
            while (c.isArray()) {
              c = c.getComponentType();
            }
            if (!c.isPrimitive()) {
              classes.add(c.getName());
            }
          }
          max[0] = Math.max(max[0], info.depth());
          max[1] = Math.max(max[1], info.references());
          max[2] = Math.max(max[2], info.arrayLength());
          max[3] = Math.max(max[3], info.streamBytes());
          return ObjectInputFilter.Status.UNDECIDED;
        });
    for (String file : args) {
      byte[] bytes = Files.readAllBytes(Path.of(file));
      new MaxentTagger(new ByteArrayInputStream(bytes), new Properties(), false);
      System.err.println("loaded " + file);
    }
    classes.forEach(System.out::println);
    System.err.printf(
        "max depth %d, references %d, array length %d, stream bytes %d%n",
        max[0], max[1], max[2], max[3]);
  }
}
