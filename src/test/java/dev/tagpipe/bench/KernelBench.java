package dev.tagpipe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tagpipe.TestData;
import dev.tagpipe.tagger.ModelBytes;
import dev.tagpipe.tagger.SafeModelLoader;
import dev.tagpipe.tagger.TagSentences;
import dev.tagpipe.tagger.kernel.KernelTagger;
import dev.tagpipe.tagger.kernel.UnsupportedModelException;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * {@code pipelines/benchmark --kernel}: tagpipe's tagging kernel against MaxentTagger in one JVM,
 * side by side. Three parts, each printed and written to {@code kernel.json}:
 *
 * <ol>
 *   <li><b>speed</b>: tokens/s per thread of each on the bundled English model, 1 and N threads,
 *       EWT dev+test (repeated {@code --copies} times per round), medians of {@code --repeats}
 *       rounds after a warm-up, kernel and MaxentTagger rounds alternating;
 *   <li><b>identity</b>: {@code --tokens} tokens of varied text (EWT, its sentences lowercased,
 *       uppercased, shuffled, run together and cut, French and German UD with their own models),
 *       deterministic by {@code --seed}, tagged by both on N threads, every sentence's tags
 *       compared;
 *   <li><b>memory</b>: MaxentTagger's heap for the English model against the kernel's own tables.
 * </ol>
 *
 * <p>{@link RawKernel} is the kernel's counterpart of {@link RawTaggerBench}, for the main
 * benchmark's {@code raw/kernel} rows. A benchmark, not a test: nothing here asserts a time.
 */
public final class KernelBench {
  private KernelBench() {}

  static final String ENGLISH = "english-left3words-distsim.tagger";

  /** Where {@code mvn test-compile} unpacks the official models (pom.xml, unpack-test-models). */
  static final String TEST_MODELS = "target/test-models/edu/stanford/nlp/models/pos-tagger";

  /** Sentences run together are cut at this many tokens: long, but far below the 1,000 limit. */
  static final int LONG_SENTENCE_TOKENS = 200;

  /** Tokens of one kind of text a worker takes at a time (and times as one piece). */
  static final int BLOCK_TOKENS = 10_000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Differences kept for the report; all are counted. */
  static final int DIFFERENCES_KEPT = 10;

  /** The kinds of text of the identity run, each tagged with its language's model. */
  enum Kind {
    EWT("english"),
    LOWERCASED("english"),
    UPPERCASED("english"),
    SHUFFLED("english"),
    RUN_TOGETHER("english"),
    SUB_SPAN("english"),
    FRENCH("french"),
    GERMAN("german");

    final String model;

    Kind(String model) {
      this.model = model;
    }
  }

  /** One model, loaded once, and its kernel (null, with the reason, if it cannot compile). */
  record Taggers(
      String name,
      MaxentTagger corenlp,
      KernelTagger kernel,
      String unsupported,
      long loadMillis) {}

  /** Sentences of one kind that a worker tags with both taggers as a unit. */
  record Block(long index, Kind kind, List<List<String>> sentences, long tokens) {}

  /** Tells a worker that the text has ended (compared by identity). */
  static final Block END = new Block(-1, Kind.EWT, List.of(), 0);

  /** A sentence the two taggers disagree on (or on which one threw). */
  record Difference(Kind kind, List<String> tokens, List<String> kernel, List<String> corenlp) {}

  /** Figures of one part of the identity run, added to by every worker. */
  static final class Tally {
    final LongAdder sentences = new LongAdder();
    final LongAdder tokens = new LongAdder();
    final LongAdder differingSentences = new LongAdder();
    final LongAdder differingTokens = new LongAdder();
    final LongAdder kernelNanos = new LongAdder();
    final LongAdder corenlpNanos = new LongAdder();
    final LongAdder kernelCpuNanos = new LongAdder();
    final LongAdder corenlpCpuNanos = new LongAdder();

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sentences", sentences.sum());
      m.put("tokens", tokens.sum());
      m.put("differingSentences", differingSentences.sum());
      m.put("differingTokens", differingTokens.sum());
      m.put("kernelTokensPerSecondPerThread", perThread(tokens.sum(), kernelNanos.sum()));
      m.put("corenlpTokensPerSecondPerThread", perThread(tokens.sum(), corenlpNanos.sum()));
      m.put("ratio", round3((double) corenlpNanos.sum() / kernelNanos.sum()));
      m.put("kernelTokensPerCpuSecond", perThread(tokens.sum(), kernelCpuNanos.sum()));
      m.put("corenlpTokensPerCpuSecond", perThread(tokens.sum(), corenlpCpuNanos.sum()));
      m.put("cpuRatio", round3((double) corenlpCpuNanos.sum() / kernelCpuNanos.sum()));
      return m;
    }
  }

  static void run(Path root, Path out, int repeats, int copies, int threads, long tokens, long seed)
      throws Exception {
    Files.createDirectories(out);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("date", ZonedDateTime.now().toString());
    result.put("machine", Benchmark.machine());
    result.put("loadAverageAtStart", loadAverage());
    result.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);

    Text text = Text.read(root);
    // Measured first, before any other model is in the heap.
    long before = usedHeapAfterGc();
    long t0 = System.nanoTime();
    MaxentTagger tagger = loadBundledEnglish();
    long loadMillis = (System.nanoTime() - t0) / 1_000_000;
    long withTagger = usedHeapAfterGc();
    Taggers english = compile("english", tagger, loadMillis);
    if (english.kernel() == null) {
      throw new IllegalStateException(
          "the kernel cannot tag " + ENGLISH + ": " + english.unsupported());
    }
    long withKernel = usedHeapAfterGc();

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Map<String, Object> speed = speed(pool, english, text.ewt(), copies, repeats, threads);
      result.put("speed", speed);
      // The kernel's caches fill as it tags: its tables are read after the speed runs.
      Map<String, Object> memory =
          memory(english, before, withTagger, withKernel, usedHeapAfterGc());
      result.put("memory", memory);
      Map<String, Object> identity = identity(pool, root, english, text, tokens, threads, seed);
      result.put("identity", identity);
      result.put("loadAverageAtEnd", loadAverage());
      printReport(result, repeats, copies, threads);
    } finally {
      pool.shutdownNow();
    }
    Path report = out.resolve("kernel.json");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(report.toFile(), result);
    System.out.println("wrote " + report);
  }

  // ---------------------------------------------------------------- text

  /** The corpora, as lists of tokens: EWT dev+test, French GSD test, German GSD test. */
  record Text(List<List<String>> ewt, List<List<String>> french, List<List<String>> german) {
    static Text read(Path root) throws IOException {
      List<List<String>> ewt =
          new ArrayList<>(sentences(root, "src/test/resources/ewt/en_ewt-ud-dev.conllu"));
      ewt.addAll(sentences(root, "pipelines/sample/en_ewt-ud-test.conllu"));
      return new Text(
          ewt,
          sentences(root, "src/test/resources/ud-french-gsd/fr_gsd-ud-test.conllu"),
          sentences(root, "src/test/resources/ud-german-gsd/de_gsd-ud-test.conllu"));
    }

    private static List<List<String>> sentences(Path root, String file) throws IOException {
      return List.copyOf(TestData.conlluSentences(root.resolve(file)).values());
    }
  }

  // ---------------------------------------------------------------- models

  /** The bundled English model, read and deserialized as the pipeline and RawTaggerBench do. */
  static MaxentTagger loadBundledEnglish() throws IOException {
    return SafeModelLoader.load("english", ModelBytes.read(ENGLISH).bytes());
  }

  /** {@code tagger} with its kernel, or with the reason it has none. */
  static Taggers compile(String name, MaxentTagger tagger, long loadMillis) {
    try {
      return new Taggers(name, tagger, KernelTagger.compile(tagger), null, loadMillis);
    } catch (UnsupportedModelException e) {
      return new Taggers(name, tagger, null, e.getMessage(), loadMillis);
    }
  }

  /** An official model unpacked by {@code mvn test-compile}; fails saying how to get it. */
  static Taggers loadTestModel(Path root, String name, String file) throws IOException {
    Path path = root.resolve(TEST_MODELS).resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " is missing: run mvn -o test-compile first");
    }
    long t0 = System.nanoTime();
    MaxentTagger tagger = SafeModelLoader.load(name, Files.readAllBytes(path));
    return compile(name, tagger, (System.nanoTime() - t0) / 1_000_000);
  }

  // ---------------------------------------------------------------- speed

  /** Per-thread tokens/s of both taggers at 1 and {@code threads} threads, medians of rounds. */
  static Map<String, Object> speed(
      ExecutorService pool,
      Taggers english,
      List<List<String>> ewt,
      int copies,
      int repeats,
      int threads)
      throws Exception {
    List<List<String>> corpus = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      corpus.addAll(ewt);
    }
    Function<List<String>, List<String>> kernel = english.kernel()::tag;
    Function<List<String>, List<String>> corenlp = s -> TagSentences.tag(english.corenlp(), s);
    List<Integer> threadCounts = threads == 1 ? List.of(1) : List.of(1, threads);
    // Warm-up: every code path compiled by the JIT before the first measured round.
    for (int t : threadCounts) {
      round(pool, t, corpus, kernel);
      round(pool, t, corpus, corenlp);
    }
    Map<Integer, List<Rate>> kernelRates = new LinkedHashMap<>();
    Map<Integer, List<Rate>> corenlpRates = new LinkedHashMap<>();
    for (int r = 0; r < repeats; r++) {
      for (int t : threadCounts) {
        // Alternating which goes first, so a drift in the machine falls on both alike.
        boolean kernelFirst = r % 2 == 0;
        Rate first = round(pool, t, corpus, kernelFirst ? kernel : corenlp);
        Rate second = round(pool, t, corpus, kernelFirst ? corenlp : kernel);
        Rate k = kernelFirst ? first : second;
        Rate c = kernelFirst ? second : first;
        kernelRates.computeIfAbsent(t, x -> new ArrayList<>()).add(k);
        corenlpRates.computeIfAbsent(t, x -> new ArrayList<>()).add(c);
        System.err.printf(
            "speed %d/%d  %d thread(s)  kernel %,.0f  MaxentTagger %,.0f tokens/s per thread"
                + " (per CPU-second: %,.0f and %,.0f)%n",
            r + 1, repeats, t, k.wall(), c.wall(), k.cpu(), c.cpu());
      }
    }
    Map<String, Object> speed = new LinkedHashMap<>();
    speed.put("sentencesPerRound", corpus.size());
    speed.put("tokensPerRound", tokens(corpus));
    for (int t : threadCounts) {
      speed.put(
          t + (t == 1 ? " thread" : " threads"), speedRow(kernelRates.get(t), corenlpRates.get(t)));
    }
    return speed;
  }

  /**
   * One round's rates, per thread: tokens over wall time (the figure), and tokens over the tagging
   * threads' own CPU time (which another process on the machine does not lower as much).
   */
  record Rate(double wall, double cpu) {}

  private static Map<String, Object> speedRow(List<Rate> kernel, List<Rate> corenlp) {
    double k = Benchmark.median(kernel.stream().map(Rate::wall).toList());
    double c = Benchmark.median(corenlp.stream().map(Rate::wall).toList());
    double kCpu = Benchmark.median(kernel.stream().map(Rate::cpu).toList());
    double cCpu = Benchmark.median(corenlp.stream().map(Rate::cpu).toList());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kernelTokensPerSecondPerThread", Math.round(k));
    row.put("corenlpTokensPerSecondPerThread", Math.round(c));
    row.put("ratio", round3(k / c));
    row.put("kernelTokensPerCpuSecond", Math.round(kCpu));
    row.put("corenlpTokensPerCpuSecond", Math.round(cCpu));
    row.put("cpuRatio", round3(kCpu / cCpu));
    row.put("kernelAll", kernel.stream().map(r -> Math.round(r.wall())).toList());
    row.put("corenlpAll", corenlp.stream().map(r -> Math.round(r.wall())).toList());
    return row;
  }

  /**
   * One round: {@code threads} workers each tag their own stripe of {@code corpus}, started
   * together: total tokens/s over the wall time, divided by the threads, and per CPU-second.
   */
  static Rate round(
      ExecutorService pool,
      int threads,
      List<List<String>> corpus,
      Function<List<String>, List<String>> tagger)
      throws Exception {
    // A collection now, so the garbage of the previous round is not charged to this one.
    System.gc();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<long[]>> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      List<List<String>> share = stripe(corpus, i, threads);
      workers.add(pool.submit(() -> tagAll(start, share, tagger)));
    }
    long t0 = System.nanoTime();
    start.countDown();
    long tokens = 0;
    long cpuNanos = 0;
    for (Future<long[]> w : workers) {
      long[] tagsAndCpu = w.get();
      tokens += tagsAndCpu[0];
      cpuNanos += tagsAndCpu[1];
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Rate(tokens / seconds / threads, tokens / (cpuNanos / 1e9));
  }

  /** Tags a share; returns the tags given (so the work cannot be optimized away) and CPU time. */
  private static long[] tagAll(
      CountDownLatch start, List<List<String>> share, Function<List<String>, List<String>> tagger)
      throws InterruptedException {
    start.await();
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long tags = 0;
    for (List<String> sentence : share) {
      tags += tagger.apply(sentence).size();
    }
    return new long[] {tags, THREADS.getCurrentThreadCpuTime() - cpu0};
  }

  /** Every {@code n}-th sentence from the {@code i}-th: shares of about equal length and mix. */
  static List<List<String>> stripe(List<List<String>> corpus, int i, int n) {
    List<List<String>> share = new ArrayList<>();
    for (int k = i; k < corpus.size(); k += n) {
      share.add(corpus.get(k));
    }
    return share;
  }

  // ---------------------------------------------------------------- memory

  static Map<String, Object> memory(
      Taggers english, long before, long withTagger, long withKernel, long afterSpeedRuns) {
    long tagger = withTagger - before;
    long extra = english.kernel().extraBytes();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("corenlpHeapBytes", tagger);
    m.put("kernelExtraBytes", extra);
    m.put("kernelExtraVsCorenlp", round3((double) extra / tagger));
    // The heap's own view, next to the kernel's count: its tables, caches and the workers'
    // per-thread scratch, over the loaded MaxentTagger.
    m.put("kernelHeapBytesAfterCompile", withKernel - withTagger);
    m.put("kernelHeapBytesAfterSpeedRuns", afterSpeedRuns - withTagger);
    m.put("modelLoadMillis", english.loadMillis());
    return m;
  }

  /** Heap in use after full collections: what stays reachable, not garbage yet to be freed. */
  static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  // ---------------------------------------------------------------- identity

  /**
   * {@code targetTokens} tokens of {@link VariedText} tagged by the kernel and by MaxentTagger on
   * {@code threads} workers; every sentence's tags compared. The main thread makes the blocks (in
   * order, so the text is the same whatever the timing), the workers tag them.
   */
  static Map<String, Object> identity(
      ExecutorService pool,
      Path root,
      Taggers english,
      Text text,
      long targetTokens,
      int threads,
      long seed)
      throws Exception {
    Map<String, Taggers> models = new LinkedHashMap<>();
    models.put("english", english);
    models.put("french", loadTestModel(root, "french", "french-ud.tagger"));
    models.put("german", loadTestModel(root, "german", "german-ud.tagger"));
    VariedText varied = new VariedText(text, seed);
    Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      tallies.put(k, new Tally());
    }
    Work work = new Work(threads, targetTokens);
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers.add(pool.submit(() -> compareBlocks(work, models, tallies)));
    }
    long t0 = System.nanoTime();
    long made = 0;
    for (long b = 0; made < targetTokens; b++) {
      Block block = varied.block(b);
      made += block.tokens();
      while (!work.blocks.offer(block, 1, TimeUnit.SECONDS)) {
        failIfAnyEnded(workers); // a worker that died would leave this waiting forever
      }
    }
    for (int i = 0; i < threads; i++) {
      work.blocks.put(END); // one per worker
    }
    for (Future<?> w : workers) {
      w.get();
    }
    return identityReport(models, tallies, work, threads, seed, (System.nanoTime() - t0) / 1e9);
  }

  private static void failIfAnyEnded(List<Future<?>> workers) throws Exception {
    for (Future<?> w : workers) {
      if (w.isDone()) {
        w.get(); // throws the worker's exception
        throw new IllegalStateException("an identity worker ended before the text did");
      }
    }
  }

  /** The blocks on their way to the workers, and what the workers found. */
  static final class Work {
    final BlockingQueue<Block> blocks;
    final long targetTokens;
    final AtomicLong tokensDone = new AtomicLong();
    final long startNanos = System.nanoTime();
    final AtomicInteger differencesSeen = new AtomicInteger();
    final ConcurrentLinkedQueue<Difference> differences = new ConcurrentLinkedQueue<>();

    Work(int threads, long targetTokens) {
      this.blocks = new ArrayBlockingQueue<>(2 * threads); // a little ahead, not the whole text
      this.targetTokens = targetTokens;
    }

    void keep(Difference d) {
      if (differencesSeen.getAndIncrement() < DIFFERENCES_KEPT) {
        differences.add(d);
      }
    }

    /** A progress line every 5% of the text. */
    void done(long tokens) {
      long after = tokensDone.addAndGet(tokens);
      long before = after - tokens;
      if (before * 20 / targetTokens != after * 20 / targetTokens) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        System.err.printf(
            "identity: %,d of %,d tokens (%.0f%%), %d differing sentences, %.0f s, about %.0f s to"
                + " go%n",
            after,
            targetTokens,
            100.0 * after / targetTokens,
            differencesSeen.get(),
            s,
            s * (targetTokens - after) / after);
      }
    }
  }

  /** A worker: tags each block with both taggers (which first alternates), then compares. */
  private static Void compareBlocks(
      Work work, Map<String, Taggers> models, Map<Kind, Tally> tallies)
      throws InterruptedException {
    for (Block block = work.blocks.take(); block != END; block = work.blocks.take()) {
      Taggers taggers = models.get(block.kind().model);
      Tally tally = tallies.get(block.kind());
      if (taggers.kernel() == null) {
        work.done(block.tokens());
        continue; // reported as unsupported; nothing to compare
      }
      List<List<String>> byKernel;
      List<List<String>> byCorenlp;
      if (block.index() % 2 == 0) {
        byKernel = tagTimed(block, taggers.kernel()::tag, tally.kernelNanos, tally.kernelCpuNanos);
        byCorenlp =
            tagTimed(
                block,
                s -> TagSentences.tag(taggers.corenlp(), s),
                tally.corenlpNanos,
                tally.corenlpCpuNanos);
      } else {
        byCorenlp =
            tagTimed(
                block,
                s -> TagSentences.tag(taggers.corenlp(), s),
                tally.corenlpNanos,
                tally.corenlpCpuNanos);
        byKernel = tagTimed(block, taggers.kernel()::tag, tally.kernelNanos, tally.kernelCpuNanos);
      }
      compare(block, byKernel, byCorenlp, tally, work);
      work.done(block.tokens());
    }
    return null;
  }

  /**
   * Each sentence's tags, the block timed as one piece; a sentence the tagger throws on gets the
   * exception's name as its only "tag", so it shows as a difference.
   */
  private static List<List<String>> tagTimed(
      Block block,
      Function<List<String>, List<String>> tagger,
      LongAdder nanos,
      LongAdder cpuNanos) {
    List<List<String>> tags = new ArrayList<>(block.sentences().size());
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (List<String> sentence : block.sentences()) {
      try {
        tags.add(tagger.apply(sentence));
      } catch (RuntimeException e) {
        tags.add(List.of("threw " + e));
      }
    }
    nanos.add(System.nanoTime() - t0);
    cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu0);
    return tags;
  }

  private static void compare(
      Block block,
      List<List<String>> byKernel,
      List<List<String>> byCorenlp,
      Tally tally,
      Work work) {
    for (int i = 0; i < block.sentences().size(); i++) {
      List<String> k = byKernel.get(i);
      List<String> c = byCorenlp.get(i);
      if (!k.equals(c)) {
        tally.differingSentences.increment();
        tally.differingTokens.add(differingTokens(k, c));
        work.keep(new Difference(block.kind(), block.sentences().get(i), k, c));
      }
    }
    tally.sentences.add(block.sentences().size());
    tally.tokens.add(block.tokens());
  }

  /** Positions whose tags differ; a length mismatch counts every position past the shorter. */
  static long differingTokens(List<String> a, List<String> b) {
    long n = Math.abs(a.size() - b.size());
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        n++;
      }
    }
    return n;
  }

  private static Map<String, Object> identityReport(
      Map<String, Taggers> models,
      Map<Kind, Tally> tallies,
      Work work,
      int threads,
      long seed,
      double seconds) {
    Tally total = new Tally();
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (Map.Entry<Kind, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      kinds.put(e.getKey().name().toLowerCase(Locale.ROOT), t.toJson());
      total.sentences.add(t.sentences.sum());
      total.tokens.add(t.tokens.sum());
      total.differingSentences.add(t.differingSentences.sum());
      total.differingTokens.add(t.differingTokens.sum());
      total.kernelNanos.add(t.kernelNanos.sum());
      total.corenlpNanos.add(t.corenlpNanos.sum());
      total.kernelCpuNanos.add(t.kernelCpuNanos.sum());
      total.corenlpCpuNanos.add(t.corenlpCpuNanos.sum());
    }
    Map<String, Object> m = new LinkedHashMap<>(total.toJson());
    m.put("threads", threads);
    m.put("seed", seed);
    m.put("wallSeconds", Math.round(seconds));
    Map<String, Object> modelInfo = new LinkedHashMap<>();
    for (Taggers t : models.values()) {
      modelInfo.put(
          t.name(),
          t.kernel() == null
              ? "kernel unsupported: " + t.unsupported()
              : "kernel extra bytes " + t.kernel().extraBytes());
    }
    m.put("models", modelInfo);
    m.put("kinds", kinds);
    List<Map<String, Object>> first = new ArrayList<>();
    for (Difference d : work.differences) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
      row.put("tokens", d.tokens());
      row.put("kernel", d.kernel());
      row.put("corenlp", d.corenlp());
      first.add(row);
    }
    m.put("firstDifferences", first);
    return m;
  }

  /**
   * The identity run's text, block by block: block {@code b} is one {@link Kind} (in turn) and is
   * made from a generator seeded by the seed and {@code b} alone, so the text does not depend on
   * which thread asks or when.
   */
  static final class VariedText {
    private final Text text;
    private final long seed;

    VariedText(Text text, long seed) {
      this.text = text;
      this.seed = seed;
    }

    Block block(long b) {
      Kind kind = Kind.values()[(int) (b % Kind.values().length)];
      Random random = new Random(seed * 0x9E3779B97F4A7C15L + b);
      List<List<String>> sentences = new ArrayList<>();
      long tokens = 0;
      while (tokens < BLOCK_TOKENS) {
        List<String> s = sentence(kind, random);
        sentences.add(s);
        tokens += s.size();
      }
      return new Block(b, kind, sentences, tokens);
    }

    List<String> sentence(Kind kind, Random random) {
      switch (kind) {
        case EWT:
          return pick(text.ewt(), random);
        case LOWERCASED:
          return pick(text.ewt(), random).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        case UPPERCASED:
          return pick(text.ewt(), random).stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
        case SHUFFLED:
          List<String> shuffled = new ArrayList<>(pick(text.ewt(), random));
          Collections.shuffle(shuffled, random);
          return shuffled;
        case RUN_TOGETHER:
          return runTogether(random);
        case SUB_SPAN:
          List<String> s = pick(text.ewt(), random);
          int from = random.nextInt(s.size());
          int to = from + 1 + random.nextInt(s.size() - from);
          return List.copyOf(s.subList(from, to));
        case FRENCH:
          return pick(text.french(), random);
        case GERMAN:
          return pick(text.german(), random);
      }
      throw new AssertionError(kind);
    }

    /** Consecutive EWT sentences from a random one, as one, up to LONG_SENTENCE_TOKENS. */
    private List<String> runTogether(Random random) {
      int i = random.nextInt(text.ewt().size());
      List<String> out = new ArrayList<>(text.ewt().get(i));
      for (int k = (i + 1) % text.ewt().size();
          out.size() + text.ewt().get(k).size() <= LONG_SENTENCE_TOKENS;
          k = (k + 1) % text.ewt().size()) {
        out.addAll(text.ewt().get(k));
      }
      return out;
    }

    private static List<String> pick(List<List<String>> sentences, Random random) {
      return sentences.get(random.nextInt(sentences.size()));
    }
  }

  // ---------------------------------------------------------------- report

  @SuppressWarnings("unchecked")
  private static void printReport(
      Map<String, Object> result, int repeats, int copies, int threads) {
    Map<String, Object> speed = (Map<String, Object>) result.get("speed");
    Map<String, Object> memory = (Map<String, Object>) result.get("memory");
    Map<String, Object> identity = (Map<String, Object>) result.get("identity");
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "%ntagging kernel against MaxentTagger, %s, one JVM; speed: EWT dev+test x%d, %,d tokens"
                + " a round, medians of %d%n",
            ENGLISH, copies, n(speed.get("tokensPerRound")), repeats));
    t.append(
        String.format(
            "%-34s %12s %12s %7s | %12s %12s %7s%n",
            "tokens/s per thread (wall | CPU)",
            "kernel",
            "MaxentTagger",
            "ratio",
            "kernel",
            "MaxentTagger",
            "ratio"));
    for (Map.Entry<String, Object> e : speed.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> row) {
        t.append(String.format("%-34s %s%n", "speed, " + e.getKey(), rates(row)));
      }
    }
    t.append(
        String.format(
            "%-34s %s%n", "identity run, " + threads + " threads (all text)", rates(identity)));
    Map<String, Object> kinds = (Map<String, Object>) identity.get("kinds");
    for (Map.Entry<String, Object> e : kinds.entrySet()) {
      Map<String, Object> k = (Map<String, Object>) e.getValue();
      t.append(
          String.format(
              "  %-32s %s   %,d tokens, %,d sentences, %d differing (%d tokens)%n",
              e.getKey(),
              rates(k),
              n(k.get("tokens")),
              n(k.get("sentences")),
              n(k.get("differingSentences")),
              n(k.get("differingTokens"))));
    }
    t.append(
        String.format(
            "identity: %,d tokens, %,d sentences, seed %d: %d differing sentences, %d differing"
                + " tokens%n",
            n(identity.get("tokens")),
            n(identity.get("sentences")),
            n(identity.get("seed")),
            n(identity.get("differingSentences")),
            n(identity.get("differingTokens"))));
    for (Object d : (List<Object>) identity.get("firstDifferences")) {
      Map<String, Object> row = (Map<String, Object>) d;
      t.append(
          String.format(
              "  DIFFERENCE (%s): %s%n    kernel:       %s%n    MaxentTagger: %s%n",
              row.get("kind"),
              String.join(" ", (List<String>) row.get("tokens")),
              row.get("kernel"),
              row.get("corenlp")));
    }
    t.append(String.format("models: %s%n", identity.get("models")));
    t.append(
        String.format(
            "memory: MaxentTagger %.1f MB of heap; kernel tables (extraBytes) %.1f MB = %.1f%% of"
                + " it; heap over MaxentTagger after compile %.1f MB, after the speed runs %.1f MB%n",
            mb(memory.get("corenlpHeapBytes")),
            mb(memory.get("kernelExtraBytes")),
            100 * x(memory.get("kernelExtraVsCorenlp")),
            mb(memory.get("kernelHeapBytesAfterCompile")),
            mb(memory.get("kernelHeapBytesAfterSpeedRuns"))));
    t.append(
        String.format(
            "load average: %s at start, %s at end%n",
            result.get("loadAverageAtStart"), result.get("loadAverageAtEnd")));
    System.out.print(t);
    result.put("table", t.toString());
  }

  private static long n(Object number) {
    return ((Number) number).longValue();
  }

  private static double x(Object number) {
    return ((Number) number).doubleValue();
  }

  /** A row's rates: per thread by wall time, then per CPU-second of the tagging threads. */
  private static String rates(Map<?, ?> row) {
    return String.format(
        "%,12d %,12d %7.3f | %,12d %,12d %7.3f",
        n(row.get("kernelTokensPerSecondPerThread")),
        n(row.get("corenlpTokensPerSecondPerThread")),
        x(row.get("ratio")),
        n(row.get("kernelTokensPerCpuSecond")),
        n(row.get("corenlpTokensPerCpuSecond")),
        x(row.get("cpuRatio")));
  }

  private static double mb(Object bytes) {
    return ((Number) bytes).doubleValue() / (1 << 20);
  }

  static long tokens(List<List<String>> sentences) {
    long n = 0;
    for (List<String> s : sentences) {
      n += s.size();
    }
    return n;
  }

  static long perThread(long tokens, long nanos) {
    return nanos == 0 ? 0 : Math.round(tokens / (nanos / 1e9));
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The 1, 5 and 15 minute load averages (Linux), so a run says how quiet the machine was. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      return String.join(" ", Arrays.asList(f).subList(0, 3));
    } catch (IOException e) {
      return "unknown";
    }
  }

  // ---------------------------------------------------------------- raw kernel process

  /**
   * {@link RawTaggerBench} with the kernel: the main benchmark's {@code raw/kernel} rows. Same
   * arguments and the same JSON line; its load time includes compiling the kernel.
   *
   * <p>{@code java -cp tagpipe-bundled.jar:test-classes dev.tagpipe.bench.KernelBench$RawKernel
   * FILE THREADS}
   */
  public static final class RawKernel {
    private RawKernel() {}

    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[0]);
      int threads = Integer.parseInt(args[1]);
      List<List<String>> sentences = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          sentences.add(Arrays.asList(line.trim().split("\\s+")));
        }
      }
      long t0 = System.nanoTime();
      Taggers english = compile("english", loadBundledEnglish(), 0);
      if (english.kernel() == null) {
        throw new IllegalStateException(
            "the kernel cannot tag " + ENGLISH + ": " + english.unsupported());
      }
      long loadMillis = (System.nanoTime() - t0) / 1_000_000;
      // As RawTaggerBench: the threads take sentences from one shared counter.
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
                    english.kernel().tag(sentences.get(k));
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
          threads, tokens(sentences), loadMillis, tagSeconds);
    }
  }
}
