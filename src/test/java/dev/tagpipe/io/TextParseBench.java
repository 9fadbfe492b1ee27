package dev.tagpipe.io;

import dev.tagpipe.TestData;
import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code pipelines/benchmark --textParse}: what splitting text as CoreNLP's pipeline does costs.
 * The text parser with its tokenizer options (the tokenize annotator's: invertible, newline tokens)
 * against the same parser with the options it had before ({@code
 * invertible=false,untokenizable=noneKeep}), on EWT dev's original text in paragraphs, repeated;
 * one thread, medians of the repeats, alternating so that both see the same machine.
 */
public final class TextParseBench {
  static final String OLD_OPTIONS = "invertible=false,untokenizable=noneKeep";

  private TextParseBench() {}

  public static void run(int repeats, int copies) throws IOException {
    String one = TestData.ewtParagraphs();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < copies; i++) {
      text.append(one).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    System.out.printf(
        "text parse: %,d bytes of EWT dev's paragraphs (%d copies), %d repeats," + " one thread%n",
        bytes.length, copies, repeats);
    parse(bytes, OLD_OPTIONS); // warm up both
    parse(bytes, PlainTextParser.TOKENIZER_OPTIONS);
    List<Double> before = new ArrayList<>();
    List<Double> after = new ArrayList<>();
    long tokensBefore = 0;
    long tokensAfter = 0;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      tokensBefore = parse(bytes, OLD_OPTIONS);
      long t1 = System.nanoTime();
      tokensAfter = parse(bytes, PlainTextParser.TOKENIZER_OPTIONS);
      long t2 = System.nanoTime();
      before.add(tokensBefore / ((t1 - t0) / 1e9));
      after.add(tokensAfter / ((t2 - t1) / 1e9));
    }
    double b = median(before);
    double a = median(after);
    System.out.printf("%-48s %12s %12s%n", "options", "tokens", "tokens/s");
    System.out.printf("%-48s %,12d %,12.0f%n", OLD_OPTIONS + " (before)", tokensBefore, b);
    System.out.printf("%-48s %,12d %,12.0f%n", PlainTextParser.TOKENIZER_OPTIONS, tokensAfter, a);
    System.out.printf(
        "ratio %.2f; next to tagging at ~34,000 tokens/s per thread, the parse"
            + " takes %.1f%% of a thread's time before, %.1f%% after%n",
        a / b, 100 * 34_000 / b, 100 * 34_000 / a);
  }

  private static long parse(byte[] bytes, String options) throws IOException {
    long[] tokens = {0};
    new PlainTextParser(1000, options)
        .parse(
            "bench",
            new LineReader(new ByteArrayInputStream(bytes), 1 << 20),
            new Shard(0, 1, 16),
            new SentenceSink() {
              @Override
              public void sentence(Sentence sentence) {
                tokens[0] += sentence.tokens().size();
              }

              @Override
              public void rejected(Rejection rejection) {}
            });
    return tokens[0];
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
