package dev.tagpipe;

import dev.tagpipe.tagger.TaggerCache;

/** Fresh caches for tests, so that counts are not shared with the JVM-wide one. */
final class TaggerCacheTestAccess {
  private TaggerCacheTestAccess() {}

  static TaggerCache newCache(int capacity) {
    return TaggerCache.newForTesting(capacity);
  }
}
