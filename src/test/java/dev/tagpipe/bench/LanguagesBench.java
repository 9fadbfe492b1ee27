package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tagpipe.lang.LanguageIdentifier;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TagSentences;
import edu.stanford.nlp.ling.HasWord;
import edu.stanford.nlp.process.DocumentPreprocessor;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pipelines/benchmark --languages}: a corpus of English, French and German documents (two
 * held-out PUD sentences each, repeated), tagged routed by language ({@code
 * --model=en:english,fr:FILE,de:FILE}) against each language's part tagged alone with its own
 * model, on each runner, runs interleaved, medians. The target: the routed rate at least 0.9 of the
 * time-weighted rate of the parts alone (their tokens over the sum of their times). Beside it, in
 * one JVM on one thread: language identification's time against tokenizing and tagging the same
 * documents, and the heap the three taggers take loaded together.
 */
final class LanguagesBench {
  private static final String[] LANGUAGES = {"en", "fr", "de"};

  private LanguagesBench() {}

  private record Mode(String name, Path file, List<String> args) {}

  static void run(
      Path root,
      Path out,
      String jar,
      String heap,
      List<String> jvmFlags,
      int threads,
      int copies,
      int repeats,
      String runners)
      throws Exception {
    Files.createDirectories(out);
    Path models = root.resolve("target/test-models/edu/stanford/nlp/models/pos-tagger");
    Map<String, String> modelOf =
        Map.of(
            "en", "english",
            "fr", models.resolve("french-ud.tagger").toString(),
            "de", models.resolve("german-ud.tagger").toString());
    ObjectMapper json = new ObjectMapper();
    Map<String, List<String>> texts = new LinkedHashMap<>();
    Map<String, List<String>> records = new LinkedHashMap<>();
    List<String> mixed = new ArrayList<>();
    for (String language : LANGUAGES) {
      List<String> sentences =
          Files.readAllLines(root.resolve("src/test/resources/lid-pud/" + language + ".txt"));
      List<String> docs = new ArrayList<>();
      for (int i = 0; i + 2 <= sentences.size(); i += 2) {
        docs.add(sentences.get(i) + " " + sentences.get(i + 1));
      }
      texts.put(language, docs);
      List<String> lines = new ArrayList<>();
      for (int c = 0; c < copies; c++) {
        for (int d = 0; d < docs.size(); d++) {
          lines.add(
              json.writeValueAsString(Map.of("id", language + c + "-" + d, "text", docs.get(d))));
        }
      }
      records.put(language, lines);
    }
    for (int i = 0; i < records.get("en").size(); i++) { // interleaved, as a mixed corpus comes
      for (String language : LANGUAGES) {
        if (i < records.get(language).size()) {
          mixed.add(records.get(language).get(i));
        }
      }
    }
    List<Mode> modes = new ArrayList<>();
    Path mixedFile = Files.write(out.resolve("languages-mixed.jsonl"), mixed);
    StringBuilder routing = new StringBuilder();
    for (String language : LANGUAGES) {
      routing.append(routing.length() == 0 ? "" : ",").append(language).append(':');
      routing.append(modelOf.get(language));
      Path file =
          Files.write(
              out.resolve("languages-" + language + ".jsonl"),
              records.get(language),
              StandardCharsets.UTF_8);
      modes.add(
          new Mode(
              language + " alone",
              file,
              List.of("--model=" + modelOf.get(language), "--language=" + language)));
    }
    modes.add(0, new Mode("routed", mixedFile, List.of("--model=" + routing)));

    List<String> runnerNames = List.of(runners.split(","));
    Map<String, List<Double>> walls = new LinkedHashMap<>();
    Map<String, Long> tokens = new LinkedHashMap<>();
    for (int r = 1; r <= repeats; r++) {
      for (String runner : runnerNames) {
        for (Mode m : modes) {
          String name = runner + " " + m.name();
          Path runOut =
              out.resolve("runs/languages/" + runner + "-" + m.name().replace(' ', '-') + "/t");
          Benchmark.deleteRecursively(runOut.getParent());
          List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
          cmd.addAll(
              List.of(
                  "-jar",
                  jar,
                  "--input=" + m.file(),
                  "--inputFormat=jsonl",
                  "--output=" + runOut.toAbsolutePath()));
          cmd.addAll(m.args());
          cmd.addAll(
              runner.equals("flink")
                  ? Benchmark.flinkArgs(threads)
                  : Benchmark.directArgs(threads));
          Path log = out.resolve("runs/languages/" + runner + "-" + m.name() + ".log");
          TimedProcess.Result run = TimedProcess.run(cmd, log, name);
          JsonNode s = json.readTree(Path.of(runOut + "-summary.json").toFile());
          walls.computeIfAbsent(name, k -> new ArrayList<>()).add(run.wallSeconds());
          tokens.put(name, s.get("tokens").asLong());
          System.err.printf(
              "repeat %d/%d  %-20s %8d tokens  %7.2f s%n",
              r, repeats, name, s.get("tokens").asLong(), run.wallSeconds());
        }
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    System.out.printf(
        "%n%d documents of two sentences (%d copies of PUD's en, fr, de), %d thread(s), medians"
            + " of %d%n",
        mixed.size(), copies, threads, repeats);
    System.out.printf("%-20s %10s %9s %12s%n", "runner, run", "tokens", "wall s", "tokens/s");
    for (String runner : runnerNames) {
      long aloneTokens = 0;
      double aloneSeconds = 0;
      for (Mode m : modes) {
        String name = runner + " " + m.name();
        double wall = Benchmark.median(walls.get(name));
        System.out.printf(
            "%-20s %10d %9.2f %12.0f%n", name, tokens.get(name), wall, tokens.get(name) / wall);
        if (!m.name().equals("routed")) {
          aloneTokens += tokens.get(name);
          aloneSeconds += wall;
        }
        result.put(name, Map.of("tokens", tokens.get(name), "medianWallSeconds", wall));
      }
      double routed =
          tokens.get(runner + " routed") / Benchmark.median(walls.get(runner + " routed"));
      double alone = aloneTokens / aloneSeconds;
      System.out.printf(
          "%-20s routed %.0f tokens/s vs the parts alone, time-weighted, %.0f: ratio %.2f"
              + " (target >= 0.90; each part alone pays its own JVM start)%n",
          runner, routed, alone, routed / alone);
      result.put(runner + " ratio", routed / alone);
    }

    // One JVM, one thread: what identification costs next to tokenizing and tagging.
    LanguageIdentifier identifier = LanguageIdentifier.create();
    Map<String, MaxentTagger> taggers = new LinkedHashMap<>();
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    for (String language : LANGUAGES) {
      String spec = modelOf.get(language);
      byte[] bytes =
          spec.equals("english")
              ? LanguagesBench.class
                  .getClassLoader()
                  .getResourceAsStream(
                      "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger")
                  .readAllBytes()
              : Files.readAllBytes(Path.of(spec));
      taggers.put(language, SafeModelLoader.load(spec, bytes));
    }
    System.gc();
    long heapMb = (rt.totalMemory() - rt.freeMemory() - before) >> 20;
    for (int sentencesPerDocument : new int[] {2, 6, 10}) {
      long idNanos = 0;
      long tagNanos = 0;
      int documents = 0;
      for (int pass = 0; pass < 2; pass++) { // the first warms up
        idNanos = 0;
        tagNanos = 0;
        documents = 0;
        for (String language : LANGUAGES) {
          List<String> two = texts.get(language);
          int per = sentencesPerDocument / 2;
          for (int d = 0; d + per <= two.size(); d += per) {
            String doc = String.join(" ", two.subList(d, d + per));
            long t0 = System.nanoTime();
            identifier.identify(doc);
            long t1 = System.nanoTime();
            for (List<HasWord> sentence : new DocumentPreprocessor(new StringReader(doc))) {
              List<String> words = new ArrayList<>();
              sentence.forEach(w -> words.add(w.word()));
              TagSentences.tag(taggers.get(language), words);
            }
            tagNanos += System.nanoTime() - t1;
            idNanos += t1 - t0;
            documents++;
          }
        }
      }
      System.out.printf(
          "one thread, %d documents of %d sentences: language identification %.0f ms, tokenizing"
              + " and tagging %.0f ms: %.1f%% of it (target <= 10%%)%n",
          documents,
          sentencesPerDocument,
          idNanos / 1e6,
          tagNanos / 1e6,
          100.0 * idNanos / tagNanos);
      result.put(
          "identificationShareOfTagging, " + sentencesPerDocument + " sentences per document",
          (double) idNanos / tagNanos);
    }
    System.out.printf("heap of the en, fr and de taggers loaded together: %d MB%n", heapMb);
    result.put("heapOfThreeTaggersMb", heapMb);
    Path report = out.resolve("languages.json");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(report.toFile(), result);
    System.out.println("written: " + report);
  }
}
