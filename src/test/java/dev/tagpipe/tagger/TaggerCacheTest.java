package dev.tagpipe.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tagpipe.TestData;
import dev.tagpipe.model.TaggerModel;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** One tagger per JVM per model, however many DoFn instances and threads ask for it. */
class TaggerCacheTest {
  /** The same model gzipped: same tagger, different bytes, so a key no other test has used. */
  private static byte[] gzipped(byte[] bytes, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out) {
          {
            def.setLevel(level);
          }
        }) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void eightThreadsRacingForOneModelLoadItOnce() throws Exception {
    TaggerCache cache = new TaggerCache(2);
    byte[] bytes = TestData.modelBytes();
    TaggerModel model = new TaggerModel("english", ModelBytes.sha256(bytes), bytes);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<MaxentTagger>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return cache.get(model);
              }));
    }
    start.countDown();
    MaxentTagger first = futures.get(0).get();
    for (Future<MaxentTagger> f : futures) {
      assertSame(first, f.get(), "every thread gets the same instance");
    }
    pool.shutdown();
    assertEquals(1, cache.loads());
  }

  @Test
  void aNewModelReplacesTheOldOneWithinCapacity() throws Exception {
    TaggerCache cache = new TaggerCache(1);
    byte[] plain = TestData.modelBytes();
    byte[] gz = gzipped(plain, 1);
    TaggerModel a = new TaggerModel("a", ModelBytes.sha256(plain), plain);
    TaggerModel b = new TaggerModel("b", ModelBytes.sha256(gz), gz);
    MaxentTagger ta = cache.get(a);
    assertSame(ta, cache.get(a));
    MaxentTagger tb = cache.get(b); // the side input changed: b is loaded, a released
    assertEquals(1, cache.size());
    assertSame(tb, cache.get(b));
    assertEquals(2, cache.loads());
    cache.get(a);
    assertEquals(3, cache.loads(), "a was evicted, so it is loaded again");
  }
}
