package dev.tagpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tagpipe.TestData;
import dev.tagpipe.tagger.ModelBytes;
import edu.stanford.nlp.ling.TaggedWord;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A watching job as a user runs it: an empty folder, CoNLL-U files moved into it one by one, the
 * model file replaced while the job runs, first by a hostile file (refused: later files are still
 * tagged by the old model) and then by the French tagger (files moved in after it carry its SHA-256
 * and its tags). The job ends by itself after the idle time, every sentence of every file exactly
 * once, and read = tagged + rejected.
 */
class StreamingIT {
  @TempDir Path dir;

  private static final Path TEST_MODELS =
      Path.of(
          System.getProperty("tagpipe.testModels", "target/test-models/edu/stanford/nlp/models"));

  /** Moves {@code bytes} into {@code target} at once, as the README asks writers to. */
  private static void moveIn(Path target, byte[] bytes) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".part");
    Files.write(temp, bytes);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static byte[] ewtBlocks(int from, int to) throws IOException {
    return TestData.ewtBlocks(from, to).getBytes(StandardCharsets.UTF_8);
  }

  private record Record(String id, List<String> tokens, List<String> tags, String model) {}

  /** Every tagged record the job wrote so far, in all windows' files. */
  private List<Record> written(Path out) throws IOException {
    List<Record> records = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.startsWith("tagged-")
            || name.startsWith("tagged-rejected")
            || !name.endsWith(".jsonl")) {
          continue;
        }
        for (String line : Files.readAllLines(f)) {
          JsonNode o = json.readTree(line);
          List<String> tokens = new ArrayList<>();
          o.get("tokens").forEach(t -> tokens.add(t.asText()));
          List<String> tags = new ArrayList<>();
          o.get("tags").forEach(t -> tags.add(t.asText()));
          records.add(new Record(o.get("id").asText(), tokens, tags, o.get("model").asText()));
        }
      }
    }
    return records;
  }

  private void awaitTagged(Path out, int records, Future<CliRun.RunResult> job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (written(out).size() < records) {
      if (job.isDone()) {
        CliRun.RunResult r = job.get();
        throw new AssertionError("the job ended early, exit " + r.code + ":\n" + r.out + r.err);
      }
      assertTrue(
          System.nanoTime() < deadline,
          "waited for " + records + " tagged records, have " + written(out).size());
      Thread.sleep(500);
    }
  }

  private static List<String> tag(MaxentTagger tagger, List<String> tokens) {
    synchronized (tagger) {
      return tagger
          .tagSentence(tokens.stream().map(Word::new).collect(Collectors.toList()))
          .stream()
          .map(TaggedWord::tag)
          .collect(Collectors.toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void filesDroppedInAreTaggedOnceByTheModelOfTheirTime(String runner) throws Exception {
    Path watched = Files.createDirectories(dir.resolve("in"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path model = dir.resolve("model.tagger");
    byte[] english = TestData.modelBytes();
    byte[] french = Files.readAllBytes(TEST_MODELS.resolve("pos-tagger/french-ud.tagger"));
    moveIn(model, english);

    ExecutorService launcher = Executors.newSingleThreadExecutor();
    Future<CliRun.RunResult> job =
        launcher.submit(
            () ->
                CliRun.runJob(
                    "--runner=" + runner,
                    "--input=" + watched + "/*.conllu",
                    "--inputFormat=conllu",
                    "--model=" + model,
                    "--output=" + out.resolve("tagged"),
                    "--watchInput=PT1S",
                    "--watchModel=PT1S",
                    "--window=PT3S",
                    "--stopAfterIdle=PT25S"));
    try {
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("a.conllu", ewtBlocks(0, 20));
      files.put("b.conllu", ewtBlocks(20, 50));
      files.put("c.conllu", ewtBlocks(50, 60));

      moveIn(watched.resolve("a.conllu"), files.get("a.conllu"));
      awaitTagged(out, 20, job);

      moveIn(model, ModelSafetyTest.serialDos()); // hostile: refused, English stays
      Thread.sleep(4000);
      moveIn(watched.resolve("b.conllu"), files.get("b.conllu"));
      awaitTagged(out, 50, job);

      moveIn(model, french);
      Thread.sleep(4000);
      moveIn(watched.resolve("c.conllu"), files.get("c.conllu"));

      CliRun.RunResult r = job.get(3, TimeUnit.MINUTES);
      assertEquals(0, r.code, r.out + r.err);

      List<Record> records = written(out);
      Map<String, Record> byId = new HashMap<>();
      for (Record rec : records) {
        assertTrue(byId.put(rec.id(), rec) == null, "written twice: " + rec.id());
      }
      String englishSha = ModelBytes.sha256(english);
      String frenchSha = ModelBytes.sha256(french);
      MaxentTagger frenchTagger =
          new MaxentTagger(TEST_MODELS.resolve("pos-tagger/french-ud.tagger").toString());
      int sentences = 0;
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path input = dir.resolve("expected-" + f.getKey());
        Files.write(input, f.getValue());
        boolean afterSwap = f.getKey().equals("c.conllu");
        for (Map.Entry<String, List<String>> s : TestData.conlluSentences(input).entrySet()) {
          sentences++;
          Record rec = byId.get(s.getKey());
          assertTrue(rec != null, "never written: " + s.getKey() + " of " + f.getKey());
          assertEquals(s.getValue(), rec.tokens(), s.getKey());
          assertEquals(
              (afterSwap ? frenchSha : englishSha).substring(0, 12),
              rec.model(),
              s.getKey() + " of " + f.getKey());
          assertEquals(
              afterSwap ? tag(frenchTagger, s.getValue()) : TestData.referenceTags(s.getValue()),
              rec.tags(),
              s.getKey());
        }
      }
      assertEquals(sentences, records.size(), "every sentence of every file, once");

      JsonNode summary = CliRun.summary(out.resolve("tagged"));
      assertEquals(sentences, summary.get("read").asLong(), summary.toString());
      assertTrue(summary.get("reconciled").asBoolean(), summary.toString());
      assertEquals(3, summary.get("files").asLong(), summary.toString());
      assertEquals(50, summary.get("models").get(englishSha).asLong(), summary.toString());
      assertEquals(
          sentences - 50, summary.get("models").get(frenchSha).asLong(), summary.toString());
      assertTrue(summary.get("modelsRefused").asLong() >= 1, summary.toString());
    } finally {
      job.cancel(true);
      launcher.shutdownNow();
    }
  }

  /**
   * The watch ends (no new file for the idle time) while files it gave are still being tagged: the
   * rest is tagged to the end by the model it had. Flink once dropped the model then: the side
   * input's final, empty pane at the end of the watch replaced it. One file is longer than a reader
   * hands on before it may be checkpointed (10,000 sentences): on the DirectRunner its rest is
   * resumed as new work, and must still land in the file's window.
   */
  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner"})
  void aBacklogLeftWhenTheWatchEndsIsTaggedToTheEnd(String runner) throws Exception {
    Path watched = Files.createDirectories(dir.resolve("in"));
    Path out = Files.createDirectories(dir.resolve("out"));
    List<List<String>> sentences =
        new ArrayList<>(TestData.conlluSentences(TestData.EWT_DEV).values()).subList(0, 1000);
    List<String> lines = sentences.stream().map(t -> String.join(" ", t)).toList();
    String file = String.join("\n", lines) + "\n";
    int files = 8;
    int longFileCopies = 12; // f0: 12,000 sentences

    ExecutorService launcher = Executors.newSingleThreadExecutor();
    Future<CliRun.RunResult> job =
        launcher.submit(
            () ->
                CliRun.runJob(
                    "--runner=" + runner,
                    "--input=" + watched + "/*.tok",
                    "--inputFormat=tokens",
                    "--output=" + out.resolve("tagged"),
                    "--watchInput=PT1S",
                    "--window=PT2S",
                    "--stopAfterIdle=PT1S",
                    "--enforceEncodability=false",
                    "--enforceImmutability=false"));
    try {
      moveIn(
          watched.resolve("f0.tok"), file.repeat(longFileCopies).getBytes(StandardCharsets.UTF_8));
      for (int f = 1; f < files; f++) {
        moveIn(watched.resolve("f" + f + ".tok"), file.getBytes(StandardCharsets.UTF_8));
      }
      CliRun.RunResult r = job.get(3, TimeUnit.MINUTES);
      assertEquals(0, r.code, r.out + r.err);

      Map<String, Record> byId = new HashMap<>();
      for (Record rec : written(out)) {
        assertTrue(byId.put(rec.id(), rec) == null, "written twice: " + rec.id());
      }
      int total = (files - 1 + longFileCopies) * lines.size();
      assertEquals(total, byId.size(), "every sentence of every file, once");
      for (int line = 0; line < lines.size(); line += 97) {
        List<String> expected = TestData.referenceTags(sentences.get(line));
        for (int f = 0; f < files; f++) {
          String id = watched.resolve("f" + f + ".tok") + ":" + (line + 1);
          assertEquals(expected, byId.get(id).tags(), id);
        }
        for (int copy = 1; copy < longFileCopies; copy++) {
          String id = watched.resolve("f0.tok") + ":" + (copy * lines.size() + line + 1);
          assertEquals(expected, byId.get(id).tags(), id);
        }
      }
      JsonNode summary = CliRun.summary(out.resolve("tagged"));
      assertEquals(total, summary.get("read").asLong(), summary.toString());
      assertTrue(summary.get("reconciled").asBoolean(), summary.toString());
    } finally {
      job.cancel(true);
      launcher.shutdownNow();
    }
  }
}
