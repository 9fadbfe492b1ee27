package dev.tagpipe.tagger;

import java.io.ObjectInputFilter;
import java.lang.reflect.Field;

/**
 * A JVM-wide serial filter that does nothing except on a thread that is loading a model, where it
 * applies {@link ModelClassFilter} to the ObjectInputStreams CoreNLP opens.
 *
 * <p>Why JVM-wide: CoreNLP creates its own ObjectInputStreams, so the filter cannot be set on
 * them. Java 17 allows a filter factory only before the first ObjectInputStream exists (never the
 * case on a Flink TaskManager), but allows the JVM-wide filter to be set once at any time. On a
 * Flink TaskManager each job has its own class loader, hence its own copy of this class: the first
 * copy installs the filter, later ones find it by class name and share its thread-local slot
 * through reflection (the slot's type is a JDK type, common to all class loaders). The price is
 * that the first job's class loader stays referenced for the life of the JVM.
 */
final class ThreadGatedSerialFilter implements ObjectInputFilter {
  private final ThreadLocal<ObjectInputFilter> active = new ThreadLocal<>();

  private ThreadGatedSerialFilter() {}

  @Override
  public Status checkInput(FilterInfo info) {
    ObjectInputFilter filter = active.get();
    return filter == null ? Status.UNDECIDED : filter.checkInput(info);
  }

  /**
   * The slot whose filter applies to ObjectInputStreams created on the current thread, or null if
   * the JVM already has another serial filter (for example from {@code -Djdk.serialFilter}).
   */
  @SuppressWarnings("unchecked")
  static ThreadLocal<ObjectInputFilter> slot() {
    synchronized (ObjectInputFilter.Config.class) {
      ObjectInputFilter installed = ObjectInputFilter.Config.getSerialFilter();
      if (installed == null) {
        ThreadGatedSerialFilter ours = new ThreadGatedSerialFilter();
        try {
          ObjectInputFilter.Config.setSerialFilter(ours);
          return ours.active;
        } catch (IllegalStateException e) {
          return null;
        }
      }
      if (installed.getClass().getName().equals(ThreadGatedSerialFilter.class.getName())) {
        try {
          Field field = installed.getClass().getDeclaredField("active");
          field.setAccessible(true);
          return (ThreadLocal<ObjectInputFilter>) field.get(installed);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
      }
      return null;
    }
  }
}
