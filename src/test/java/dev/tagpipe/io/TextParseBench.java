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
 * {@code pipelines/benchmark --textParse}: what splitting text as CoreNLP's pipeline does costs,
 * per tokenizer. The text parser with the English (PTB) tokenizer, the baseline, against the same
 * parser with the French, Spanish and German ones ({@link TextTokenizer}), on EWT dev's original
 * text in paragraphs, repeated; one thread, medians of the repeats, taking turns so that all see
 * the same machine. The text is English for all: the figures compare the tokenizers' speed, not
 * their output.
 */
public final class TextParseBench {
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
    TextTokenizer[] tokenizers = TextTokenizer.values();
    java.util.Map<TextTokenizer, List<Double>> rates = new java.util.EnumMap<>(TextTokenizer.class);
    java.util.Map<TextTokenizer, Long> tokens = new java.util.EnumMap<>(TextTokenizer.class);
    for (TextTokenizer t : tokenizers) {
      parse(bytes, t); // warm up each
      rates.put(t, new ArrayList<>());
    }
    for (int r = 0; r < repeats; r++) {
      for (TextTokenizer t : tokenizers) {
        long t0 = System.nanoTime();
        long n = parse(bytes, t);
        rates.get(t).add(n / ((System.nanoTime() - t0) / 1e9));
        tokens.put(t, n);
      }
    }
    double baseline = median(rates.get(TextTokenizer.ENGLISH));
    System.out.printf("%-10s %12s %12s %8s %s%n", "tokenizer", "tokens", "tokens/s", "ratio", "");
    for (TextTokenizer t : tokenizers) {
      double rate = median(rates.get(t));
      System.out.printf(
          "%-10s %,12d %,12.0f %8.2f  (%.1f%% of a thread next to tagging at ~34,000 tokens/s)%n",
          t.label(), tokens.get(t), rate, rate / baseline, 100 * 34_000 / rate);
    }
  }

  private static long parse(byte[] bytes, TextTokenizer tokenizer) throws IOException {
    long[] tokens = {0};
    new PlainTextParser(1000, dev.tagpipe.model.SettingNames.LIBRARY, tokenizer)
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
