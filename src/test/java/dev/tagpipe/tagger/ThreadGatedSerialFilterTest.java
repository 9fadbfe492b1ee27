package dev.tagpipe.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ObjectInputFilter;
import org.junit.jupiter.api.Test;

/**
 * The JVM-wide filter outlives every job of a Flink TaskManager, so its class must belong to no
 * job: it is defined by a loader of its own whose parent is the platform loader.
 */
class ThreadGatedSerialFilterTest {
  @Test
  void theInstalledFilterBelongsToNoJobsClassLoader() {
    ThreadLocal<ObjectInputFilter> slot = ThreadGatedSerialFilter.slot();
    assertNotNull(slot, "the filter is installed (this JVM has no other serial filter)");
    ObjectInputFilter installed = ObjectInputFilter.Config.getSerialFilter();
    assertEquals(
        ThreadGatedSerialFilter.GatedFilter.class.getName(), installed.getClass().getName());
    ClassLoader loader = installed.getClass().getClassLoader();
    assertNotSame(ThreadGatedSerialFilter.class.getClassLoader(), loader);
    assertSame(ClassLoader.getPlatformClassLoader(), loader.getParent());
    assertSame(slot, ThreadGatedSerialFilter.slot(), "later callers share the one slot");
  }
}
