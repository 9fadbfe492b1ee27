package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tagpipe.TestData;
import dev.tagpipe.tagger.ModelException;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TagSentences;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Untrusted models: every model is deserialized through an allow-list filter, so crafted files are
 * refused at once, by name, and none of their code runs.
 */
class ModelSafetyTest {
  @TempDir Path dir;

  private static final Path TEST_MODELS =
      Path.of(
          System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"));

  private static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }

  /** The SerialDOS pattern: 100 levels of pairs of sets that all contain each other's children. */
  static byte[] serialDos() throws IOException {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo");
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return serialize(root);
  }

  /** Deserializing a URL key computes its hash code: a DNS lookup of the attacker's host. */
  static byte[] urlKeyedMap() throws IOException {
    Map<Object, Object> map = new HashMap<>();
    map.put(new URL("http://tagpipe-test.invalid/"), "x");
    return serialize(map);
  }

  private ModelException refuse(String name, byte[] bytes) {
    long start = System.nanoTime();
    ModelException e = assertThrows(ModelException.class, () -> SafeModelLoader.load(name, bytes));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 2, "refused at once, not after " + seconds + " s");
    assertTrue(e.getMessage().contains(name), e.getMessage());
    return e;
  }

  @Test
  void serialDosIsRefusedAtOnce() throws IOException {
    ModelException e = refuse("serialdos.tagger", serialDos());
    assertTrue(e.getMessage().contains("nested"), e.getMessage());
  }

  @Test
  void urlKeyedMapIsRefusedBeforeTheUrlExists() throws IOException {
    ModelException e = refuse("gadget.tagger", urlKeyedMap());
    assertTrue(e.getMessage().contains("java.net.URL"), e.getMessage());
  }

  @Test
  void payloadCodeNeverRuns() throws IOException {
    Map<String, Object> wrapped = new HashMap<>(); // hidden inside an allowed class
    wrapped.put("config", new RecordingPayload());
    RecordingPayload.RAN.set(false);
    ModelException e = refuse("payload.tagger", serialize(wrapped));
    assertTrue(e.getMessage().contains(RecordingPayload.class.getName()), e.getMessage());
    assertFalse(RecordingPayload.RAN.get(), "the payload's readObject must not run");
  }

  @Test
  void aModelOfAnotherCoreNLPComponentIsRefused() throws IOException {
    byte[] other = Files.readAllBytes(TEST_MODELS.resolve("dcoref/singleton.predictor.ser"));
    ModelException e = refuse("singleton.predictor.ser", other);
    assertTrue(e.getMessage().contains("another CoreNLP component"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "outside tagpipe's allow-list of the classes CoreNLP"
                    + " 4.5.10's tagger can serialize"),
        e.getMessage());
    assertTrue(e.getMessage().contains("newer CoreNLP, report it"), e.getMessage());
    assertFalse(e.getMessage().contains("never contain"), e.getMessage());
  }

  @Test
  void aTruncatedRealModelIsRefused() throws IOException {
    byte[] whole = Files.readAllBytes(TEST_MODELS.resolve("pos-tagger/french-ud.tagger"));
    for (int length : new int[] {100, whole.length / 2, whole.length - 1}) {
      byte[] cut = java.util.Arrays.copyOf(whole, length);
      ModelException e = refuse("cut.tagger", cut);
      assertTrue(e.getMessage().contains("truncated or corrupt"), length + ": " + e.getMessage());
    }
  }

  @Test
  void garbageBytesAreRefused() throws IOException {
    byte[] random = new byte[64 * 1024];
    new java.util.Random(19).nextBytes(random);
    random[0] = 0x42; // not by chance a gzip or serialization header
    assertTrue(refuse("random.tagger", random).getMessage().contains("look random"));
    byte[] text =
        "The cat sleeps .\n".repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(refuse("text.tagger", text).getMessage().contains("text file"));
    // A serialization header followed by noise, and a gzip header followed by noise.
    byte[] serial = random.clone();
    serial[0] = (byte) 0xac;
    serial[1] = (byte) 0xed;
    serial[2] = 0x00;
    serial[3] = 0x05;
    refuse("noise.tagger", serial);
    byte[] gzip = random.clone();
    gzip[0] = 0x1f;
    gzip[1] = (byte) 0x8b;
    refuse("noise.tagger.gz", gzip);
  }

  @Test
  void realModelsOfTwoLanguagesLoadThroughTheFilter() throws IOException {
    MaxentTagger english = SafeModelLoader.load("english", TestData.modelBytes());
    assertEquals(
        List.of("DT", "NN", "VBZ", "."),
        TagSentences.tag(english, List.of("The", "cat", "sleeps", ".")));
    byte[] french = Files.readAllBytes(TEST_MODELS.resolve("pos-tagger/french-ud.tagger"));
    MaxentTagger tagger = SafeModelLoader.load("french-ud.tagger", french);
    List<String> tags = TagSentences.tag(tagger, List.of("Le", "chat", "dort", "."));
    assertEquals(4, tags.size());
    assertEquals("PUNCT", tags.get(3));
  }

  @Test
  void hostileModelFilesAreRefusedByThePipelineWithNoStackTrace() throws IOException {
    Path input = dir.resolve("in.tok");
    Files.writeString(input, "Hello world .\n");
    Map<String, byte[]> models =
        Map.of(
            "serialdos.tagger", serialDos(),
            "gadget.tagger", urlKeyedMap());
    for (Map.Entry<String, byte[]> m : models.entrySet()) {
      Path model = dir.resolve(m.getKey());
      Files.write(model, m.getValue());
      CliRun.RunResult r =
          CliRun.runJob(
              "--input=" + input, "--model=" + model, "--output=" + dir.resolve("out/tagged"));
      assertEquals(2, r.code, r.err);
      assertTrue(r.err.contains("refused model " + model), r.err);
      assertFalse(r.err.contains("\tat "), r.err);
      assertFalse(Files.exists(dir.resolve("out/tagged-summary.json")));
    }
  }

  /**
   * CoreNLP prints a stack trace of its own to the JVM's standard error for a model cut in its tag
   * dictionary (3,000 bytes in); the launcher still answers in one line and nothing else.
   */
  @Test
  void aTruncatedModelIsOneLineEvenWhereCoreNlpPrintsAStackTrace() throws IOException {
    Path input = dir.resolve("in.tok");
    Files.writeString(input, "Hello world .\n");
    Path model = dir.resolve("cut.tagger");
    Files.write(model, java.util.Arrays.copyOf(TestData.modelBytes(), 3_000));
    ByteArrayOutputStream jvmErr = new ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(jvmErr, true, java.nio.charset.StandardCharsets.UTF_8));
    CliRun.RunResult r;
    try {
      r =
          CliRun.runJob(
              "--input=" + input, "--model=" + model, "--output=" + dir.resolve("cut/tagged"));
    } finally {
      System.setErr(saved);
    }
    assertEquals(2, r.code, r.err);
    assertTrue(r.err.contains("model " + model + " is truncated or corrupt"), r.err);
    String printed = jvmErr.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(printed.contains("\tat ") || printed.contains("EOFException"), printed);
  }
}
