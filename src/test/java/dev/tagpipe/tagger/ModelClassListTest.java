package dev.tagpipe.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The allow-list is what {@link ModelClassInventory} derives: a CoreNLP upgrade that adds or drops
 * a serializable class of the tagger fails here until the list is regenerated.
 */
class ModelClassListTest {
  private static final Set<String> LIST = ModelClassFilter.allowList();

  @Test
  void theTaggerPackagePartIsExactlyTheJarsSerializableClasses() throws Exception {
    SortedSet<String> scanned = ModelClassInventory.taggerPackageClasses();
    SortedSet<String> listed = new TreeSet<>();
    for (String c : LIST) {
      if (c.startsWith(ModelClassInventory.TAGGER_PACKAGE + ".")) {
        listed.add(c);
      }
    }
    assertTrue(scanned.size() > 40, "the scan found only " + scanned);
    assertEquals(
        scanned, listed, "regenerate tagger-model-classes.txt: " + ModelClassInventory.COMMAND);
  }

  @Test
  void theClassesTheirFieldsDeclareAreListed() throws Exception {
    SortedSet<String> fields =
        ModelClassInventory.fieldClasses(ModelClassInventory.taggerPackageClasses());
    assertTrue(LIST.containsAll(fields), fields.toString());
  }

  @Test
  void noGadgetClassIsListed() {
    for (String c : LIST) {
      assertNull(ModelClassInventory.acceptable(c), c);
    }
    for (String c :
        List.of(
            "java.lang.Object",
            "java.net.URL",
            "java.net.InetAddress",
            "java.lang.reflect.Proxy",
            "java.lang.reflect.InvocationHandler",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
            "edu.stanford.nlp.tagger.maxent.MaxentTagger",
            "java.util.PriorityQueue",
            "java.util.concurrent.ConcurrentHashMap")) {
      assertFalse(LIST.contains(c), c + " is on the list");
    }
    assertTrue(ModelClassInventory.acceptable("java.net.URL") != null);
    assertTrue(ModelClassInventory.acceptable("java.lang.reflect.Proxy") != null);
  }

  @Test
  void theListSaysHowItWasMade() throws Exception {
    try (InputStream in = ModelClassFilter.class.getResourceAsStream("tagger-model-classes.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.startsWith("#"), text);
      assertTrue(text.contains(ModelClassInventory.COMMAND), text);
    }
  }
}
