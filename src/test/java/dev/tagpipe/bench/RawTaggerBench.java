package dev.tagpipe.bench;

import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TagSentences;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The yardstick: raw MaxentTagger over a token-lines file in one JVM, no Beam. N threads share one
 * tagger instance and take sentences from a shared counter. Prints one JSON line: {"threads",
 * "tokens", "loadMillis", "tagSeconds"}.
 *
 * <p>{@code java -cp tagpipe-bundled.jar dev.tagpipe.bench.RawTaggerBench FILE THREADS}
 */
public final class RawTaggerBench {
  private RawTaggerBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    List<List<String>> sentences = new ArrayList<>();
    long tokens = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      List<String> s = Arrays.asList(line.trim().split("\\s+"));
      if (!line.isBlank()) {
        sentences.add(s);
        tokens += s.size();
      }
    }
    long t0 = System.nanoTime();
    MaxentTagger tagger =
        SafeModelLoader.load(
            "bundled", ModelBytes.read("english-left3words-distsim.tagger").bytes());
    long loadMillis = (System.nanoTime() - t0) / 1_000_000;
    AtomicInteger next = new AtomicInteger();
    long t1 = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                for (int k = next.getAndIncrement();
                    k < sentences.size();
                    k = next.getAndIncrement()) {
                  TagSentences.tag(tagger, sentences.get(k));
                }
              });
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join();
    }
    double tagSeconds = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        "{\"threads\": %d, \"tokens\": %d, \"loadMillis\": %d, \"tagSeconds\": %.3f}%n",
        threads, tokens, loadMillis, tagSeconds);
  }
}
