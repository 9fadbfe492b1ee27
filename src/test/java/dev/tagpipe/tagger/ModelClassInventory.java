package dev.tagpipe.tagger;

import dev.tagpipe.eval.Train;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.GZIPInputStream;

/**
 * Generates {@code tagger-model-classes.txt}, the allow-list of {@link ModelClassFilter}, from what
 * CoreNLP's tagger can serialize rather than from sample models:
 *
 * <ol>
 *   <li>every Serializable class of {@code edu.stanford.nlp.tagger.maxent} in the CoreNLP jar on
 *       the class path (every extractor of every {@code arch} option, CompanyNameDetector, Distsim,
 *       Extractors, TaggerConfig...), less {@link #NOT_IN_MODELS};
 *   <li>the CoreNLP classes their fields declare, transitively;
 *   <li>every class seen while loading the official taggers ({@link OfficialModelsTest#MODELS}) and
 *       models trained with each arch of {@link TrainedArchModelsTest#CASES}: the JDK collections
 *       behind fields declared as Map or Set, which no declaration names.
 * </ol>
 *
 * <p>It refuses to write a list with a class outside {@link #acceptable} (no java.net, no
 * reflection, no arbitrary holders), and prints the largest graph depth, reference count and array
 * length of each load, which {@link ModelClassFilter}'s limits are sized from. Not a test; run by
 * hand after a CoreNLP upgrade ({@code ModelClassListTest} fails until you do):
 *
 * <pre>{@code
 * mvn -B -q -o -DskipClassArchive=true -DskipClusterTests=true test-compile \
 *     dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx3g -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
 *     dev.tagpipe.tagger.ModelClassInventory \
 *     src/main/resources/dev/tagpipe/tagger/tagger-model-classes.txt
 * }</pre>
 */
public final class ModelClassInventory {
  static final String TAGGER_PACKAGE = "edu.stanford.nlp.tagger.maxent";

  /** Serializable classes of the package that a model file never holds, and why. */
  static final Map<String, String> NOT_IN_MODELS =
      Map.of(
          TAGGER_PACKAGE + ".MaxentTagger",
          "a model file holds the tagger's parts, each written on its own, never the tagger object");

  static final String COMMAND =
      "java -Xmx3g -cp \"target/classes:target/test-classes:$(cat"
          + " target/test-classpath.txt)\" dev.tagpipe.tagger.ModelClassInventory"
          + " src/main/resources/dev/tagpipe/tagger/tagger-model-classes.txt";

  private ModelClassInventory() {}

  /** Step 1: the Serializable classes of the tagger package, from the CoreNLP jar itself. */
  static SortedSet<String> taggerPackageClasses() throws IOException {
    Path jar = coreNlpJar();
    String dir = TAGGER_PACKAGE.replace('.', '/') + "/";
    SortedSet<String> names = new TreeSet<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      for (JarEntry e : Collections.list(j.entries())) {
        String n = e.getName();
        if (n.startsWith(dir) && n.endsWith(".class") && n.indexOf('/', dir.length()) < 0) {
          String name = n.substring(0, n.length() - ".class".length()).replace('/', '.');
          if (isSerializable(name) && !NOT_IN_MODELS.containsKey(name)) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  /** The CoreNLP jar (or classes directory) on the class path. */
  static Path coreNlpJar() throws IOException {
    try {
      return Path.of(
          MaxentTagger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static boolean isSerializable(String name) {
    try {
      // Not initialized: scanning must not run CoreNLP's static initializers.
      Class<?> c = Class.forName(name, false, ModelClassInventory.class.getClassLoader());
      return Serializable.class.isAssignableFrom(c);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Step 2: the CoreNLP classes that the serialized fields of {@code roots} (and of their
   * superclasses) declare, transitively. Fields of JDK types (String, Map, Set) are not followed:
   * strings never reach the filter, and an interface names no class (step 3 finds those).
   */
  static SortedSet<String> fieldClasses(Set<String> roots) throws ClassNotFoundException {
    SortedSet<String> found = new TreeSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    for (String r : roots) {
      todo.add(Class.forName(r, false, ModelClassInventory.class.getClassLoader()));
    }
    Set<Class<?>> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      Class<?> c = todo.poll();
      for (Class<?> k = c; k != null && seen.add(k); k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          int mod = f.getModifiers();
          if (Modifier.isStatic(mod) || Modifier.isTransient(mod)) {
            continue;
          }
          Class<?> t = f.getType();
          while (t.isArray()) {
            t = t.getComponentType();
          }
          if (t.getName().startsWith("edu.stanford.nlp.")
              && Serializable.class.isAssignableFrom(t)
              && found.add(t.getName())) {
            todo.add(t);
          }
        }
      }
    }
    return found;
  }

  /**
   * Null if {@code name} may be on the list: a CoreNLP class, or a plain collection or value class
   * of java.util / java.lang. Anything else (java.net.URL, reflection, proxies, JMX, xalan's
   * TemplatesImpl, java.lang.Object...) is what gadget chains are made of.
   */
  static String acceptable(String name) {
    if (name.startsWith("edu.stanford.nlp.")) {
      return null;
    }
    if (name.matches("java\\.util\\.[A-Za-z0-9$]+")) {
      return null; // collections only: no java.util.concurrent, logging, ...
    }
    if (name.matches(
        "java\\.lang\\.(String|Boolean|Byte|Character|Short|Integer|Long|Float"
            + "|Double|Number|Enum)")) {
      return null;
    }
    return name + " is not a CoreNLP class nor a java.util collection";
  }

  /** A filter that allows everything and records what it saw. */
  static final class Recording implements ObjectInputFilter {
    final SortedSet<String> classes = new TreeSet<>();
    long depth;
    long references;
    long arrayLength;

    @Override
    public Status checkInput(FilterInfo info) {
      Class<?> c = info.serialClass();
      if (c != null) {
        while (c.isArray()) {
          c = c.getComponentType();
        }
        if (!c.isPrimitive()) {
          classes.add(c.getName());
        }
      }
      depth = Math.max(depth, info.depth());
      references = Math.max(references, info.references());
      arrayLength = Math.max(arrayLength, info.arrayLength());
      return Status.ALLOWED;
    }
  }

  /** Loads a model as SafeModelLoader does, with {@link Recording} in place of the allow-list. */
  static Recording record(byte[] bytes) throws IOException {
    Recording r = new Recording();
    ThreadLocal<ObjectInputFilter> slot = ThreadGatedSerialFilter.slot();
    if (slot == null) {
      throw new IllegalStateException("this JVM has its own serial filter; run without one");
    }
    slot.set(r);
    try (InputStream in =
        bytes.length > 1 && (bytes[0] & 0xff) == 0x1f
            ? new GZIPInputStream(new ByteArrayInputStream(bytes))
            : new ByteArrayInputStream(bytes)) {
      new MaxentTagger(in, new Properties(), false);
    } finally {
      slot.remove();
    }
    return r;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: " + COMMAND);
      System.exit(2);
    }
    PrintStream log = System.err;
    SortedSet<String> list = taggerPackageClasses();
    int scanned = list.size();
    list.addAll(fieldClasses(list));
    log.printf(
        "%d Serializable classes of %s, %d more from their fields%n",
        scanned, TAGGER_PACKAGE, list.size() - scanned);

    List<String> limits = new ArrayList<>();
    SortedSet<String> recorded = new TreeSet<>();
    for (OfficialModelsTest.Official m : OfficialModelsTest.MODELS) {
      Recording r = record(Files.readAllBytes(m.path()));
      recorded.addAll(r.classes);
      limits.add(
          String.format(
              "%-45s depth %2d, references %,11d, array length %,11d",
              m.file(), r.depth, r.references, r.arrayLength));
      log.println(limits.get(limits.size() - 1));
    }
    Path dir = Files.createTempDirectory("tagpipe-inventory");
    Path train = TrainedArchModelsTest.trainingSet(dir);
    Path clusters = TrainedArchModelsTest.clusters(dir);
    int i = 0;
    for (TrainedArchModelsTest.Case c : TrainedArchModelsTest.CASES) {
      Path model = dir.resolve("arch" + i++ + ".tagger");
      // Train.run also loads the result through the current allow-list; its verdict does not
      // matter here (the list may be the one being regenerated), only the file it wrote.
      Train.run(
          new String[] {
            "--input=" + train, "--model=" + model, "--iterations=3", "--arch=" + c.arch(clusters)
          },
          new PrintStream(PrintStream.nullOutputStream()),
          log);
      Recording r = record(Files.readAllBytes(model));
      recorded.addAll(r.classes);
      limits.add(
          String.format(
              "%-45s depth %2d, references %,11d, array length %,11d",
              c.arch("CLUSTERS"), r.depth, r.references, r.arrayLength));
      log.println(limits.get(limits.size() - 1));
    }
    for (String name : recorded) {
      String problem = acceptable(name);
      if (problem != null) {
        throw new IllegalStateException(
            "a model held " + name + ": " + problem + "; not writing the list");
      }
      if (name.startsWith(TAGGER_PACKAGE + ".") && !list.contains(name)) {
        throw new IllegalStateException("a model held " + name + ", which the jar scan missed");
      }
    }
    list.addAll(recorded);

    List<String> out = new ArrayList<>();
    out.add("# The classes a CoreNLP tagger model may contain; ModelClassFilter refuses every");
    out.add("# other class before it is instantiated. Generated by");
    out.add(
        "# dev.tagpipe.tagger.ModelClassInventory (src/test) from "
            + coreNlpJar().getFileName()
            + ":");
    out.add("#  - every Serializable class of " + TAGGER_PACKAGE + " in the CoreNLP jar (all");
    out.add("#    extractors of every arch option, CompanyNameDetector, Distsim, TaggerConfig...)");
    out.add("#    except MaxentTagger: a model file holds the tagger's parts, each written on its");
    out.add("#    own, never the tagger object");
    out.add("#  - the CoreNLP classes their fields declare");
    out.add("#  - the classes seen loading the official taggers of CoreNLP's model jars and");
    out.add("#    models trained with each arch of TrainedArchModelsTest (the java.util");
    out.add("#    collections behind their Map and Set fields).");
    out.add("# Arrays are judged by their component type; strings and primitives never reach the");
    out.add("# filter. ModelClassListTest checks the list against the jar. To regenerate (from");
    out.add("# the project directory, after a CoreNLP upgrade):");
    out.add("#   mvn -B -q -o -DskipClassArchive=true -DskipClusterTests=true test-compile \\");
    out.add("#       dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt");
    out.add("#   " + COMMAND);
    out.addAll(list);
    Files.write(Path.of(args[0]), out, StandardCharsets.UTF_8);
    log.printf("wrote %d classes to %s%n", list.size(), args[0]);
  }
}
