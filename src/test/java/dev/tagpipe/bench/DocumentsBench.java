package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tagpipe.EwtDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pipelines/benchmark --documents}: the same texts tagged as a plain-text file (documents
 * apart by a blank line) and as JSON Lines documents (one record per document), written as
 * sentences and as whole documents, on each runner, runs interleaved, medians. The cost of
 * documents is the wall time's excess over the text file's: tokenizing is the same, so it is what
 * JSON parsing, offsets and (for document output) grouping by document add.
 */
final class DocumentsBench {
  private DocumentsBench() {}

  private record Mode(String name, String file, List<String> args) {}

  static void run(
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
    Map<String, String> texts = EwtDocuments.texts();
    Path text = out.resolve("documents-" + copies + "x.txt");
    Path jsonl = out.resolve("documents-" + copies + "x.jsonl");
    ObjectMapper json = new ObjectMapper();
    StringBuilder t = new StringBuilder();
    List<String> records = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (Map.Entry<String, String> doc : texts.entrySet()) {
        t.append(doc.getValue()).append("\n\n");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", c + "-" + doc.getKey());
        r.put("meta", Map.of("copy", c));
        r.put("text", doc.getValue());
        records.add(json.writeValueAsString(r));
      }
    }
    Files.writeString(text, t, StandardCharsets.UTF_8);
    Files.write(jsonl, records, StandardCharsets.UTF_8);

    List<Mode> modes =
        List.of(
            new Mode("text>jsonl", text.toString(), List.of("--inputFormat=text")),
            new Mode("jsonl>jsonl", jsonl.toString(), List.of("--inputFormat=jsonl")),
            new Mode(
                "jsonl>documents",
                jsonl.toString(),
                List.of("--inputFormat=jsonl", "--outputFormat=documents")));
    List<String> runnerNames = List.of(runners.split(","));
    Map<String, List<Double>> walls = new LinkedHashMap<>();
    Map<String, Long> tokens = new LinkedHashMap<>();
    Map<String, Long> rss = new LinkedHashMap<>();
    for (int r = 1; r <= repeats; r++) {
      for (String runner : runnerNames) {
        for (Mode m : modes) { // interleaved, so drift in the machine hits all alike
          String name = runner + " " + m.name();
          Path runOut = out.resolve("runs/documents/" + runner + "-" + m.name() + "/tagged");
          Benchmark.deleteRecursively(runOut.getParent());
          List<String> cmd = Benchmark.javaCommand(heap, jvmFlags);
          cmd.addAll(
              List.of("-jar", jar, "--input=" + m.file(), "--output=" + runOut.toAbsolutePath()));
          cmd.addAll(m.args());
          cmd.addAll(
              runner.equals("flink")
                  ? Benchmark.flinkArgs(threads)
                  : Benchmark.directArgs(threads));
          Path log = out.resolve("runs/documents/" + runner + "-" + m.name() + ".log");
          TimedProcess.Result run = TimedProcess.run(cmd, log, name);
          JsonNode s = json.readTree(Path.of(runOut + "-summary.json").toFile());
          walls.computeIfAbsent(name, k -> new ArrayList<>()).add(run.wallSeconds());
          tokens.put(name, s.get("tokens").asLong());
          rss.merge(name, run.peakRssKb(), Math::max);
          System.err.printf(
              "repeat %d/%d  %-24s %8d tokens  %7.2f s  %6.0f tokens/s%n",
              r,
              repeats,
              name,
              s.get("tokens").asLong(),
              run.wallSeconds(),
              s.get("tokens").asLong() / run.wallSeconds());
        }
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("copies", copies);
    result.put("documents", texts.size() * copies);
    result.put("repeats", repeats);
    result.put("threads", threads);
    result.put("jvmFlags", String.join(" ", heap, String.join(" ", jvmFlags)).trim());
    System.out.printf(
        "%n%d documents (%d copies of EWT dev's), %d thread(s), medians of %d%n",
        texts.size() * copies, copies, threads, repeats);
    System.out.printf(
        "%-26s %10s %9s %12s %14s %10s%n",
        "runner, input>output", "tokens", "wall s", "tokens/s", "vs text file", "peak RSS");
    for (String runner : runnerNames) {
      double base = Benchmark.median(walls.get(runner + " " + modes.get(0).name()));
      for (Mode m : modes) {
        String name = runner + " " + m.name();
        double wall = Benchmark.median(walls.get(name));
        double cost = wall / base - 1;
        System.out.printf(
            "%-26s %10d %9.2f %12.0f %13.1f%% %8d MB%n",
            name,
            tokens.get(name),
            wall,
            tokens.get(name) / wall,
            100 * cost,
            rss.get(name) / 1024);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tokens", tokens.get(name));
        row.put("medianWallSeconds", Math.round(wall * 1000) / 1000.0);
        row.put("tokensPerSecond", Math.round(tokens.get(name) / wall));
        row.put("costOverTextFile", Math.round(cost * 10000) / 10000.0);
        row.put("peakRssMb", rss.get(name) / 1024);
        row.put("wallSeconds", walls.get(name));
        result.put(name, row);
      }
    }
    Path report = out.resolve("documents.json");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(report.toFile(), result);
    System.out.println("written: " + report);
  }
}
