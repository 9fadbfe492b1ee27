package dev.tagpipe.tagger;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * Installs, once per JVM, the JVM-wide serial filter that applies {@link ModelClassFilter} on a
 * thread that is loading a model and does nothing elsewhere: {@link GatedFilter}. Why JVM-wide, and
 * why in a class loader of its own: docs/architecture.md, "Loading untrusted models".
 */
final class ThreadGatedSerialFilter {
  private ThreadGatedSerialFilter() {}

  /**
   * The slot whose filter applies to ObjectInputStreams created on the current thread, or null if
   * the JVM already has another serial filter (for example from {@code -Djdk.serialFilter}).
   */
  @SuppressWarnings("unchecked")
  static ThreadLocal<ObjectInputFilter> slot() {
    synchronized (ObjectInputFilter.Config.class) {
      ObjectInputFilter installed = ObjectInputFilter.Config.getSerialFilter();
      if (installed == null) {
        try {
          installed = newIsolatedGate();
          ObjectInputFilter.Config.setSerialFilter(installed);
        } catch (IllegalStateException | ReflectiveOperationException | IOException e) {
          return null;
        }
      }
      if (!installed.getClass().getName().equals(GatedFilter.class.getName())) {
        return null;
      }
      try {
        Field field = installed.getClass().getDeclaredField("active");
        field.setAccessible(true);
        return (ThreadLocal<ObjectInputFilter>) field.get(installed);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }

  /** A {@link GatedFilter} whose class belongs to no job: defined from its class file anew. */
  private static ObjectInputFilter newIsolatedGate()
      throws IOException, ReflectiveOperationException {
    String name = GatedFilter.class.getName();
    String file = name.replace('.', '/') + ".class";
    Path dir = Files.createTempDirectory("tagpipe-serial-filter");
    try {
      Path classFile = dir.resolve(file);
      Files.createDirectories(classFile.getParent());
      try (InputStream in = GatedFilter.class.getClassLoader().getResourceAsStream(file)) {
        if (in == null) {
          throw new IOException(file + " is not on the classpath");
        }
        Files.copy(in, classFile);
      }
      // Not closed: the loader must stay usable for the life of the JVM (it holds no open file).
      URLClassLoader loader = newLoaderFromJdkFramesOnly(dir);
      Class<?> gate = loader.loadClass(name);
      Constructor<?> constructor = gate.getDeclaredConstructor();
      constructor.setAccessible(true);
      return (ObjectInputFilter) constructor.newInstance();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * A URLClassLoader over {@code dir} whose parent is the platform loader. A URLClassLoader keeps
   * the access-control context of the thread that made it, and that context would hold the
   * protection domain, and so the class loader, of this job. So it is made where no frame of ours
   * is on the stack: by a JDK proxy of its constructor (a method handle), run on a thread of the
   * common fork-join pool (whose threads inherit a context of the JDK's, not of a job).
   */
  private static URLClassLoader newLoaderFromJdkFramesOnly(Path dir)
      throws IOException, ReflectiveOperationException {
    MethodHandle constructor =
        MethodHandles.publicLookup()
            .findConstructor(
                URLClassLoader.class,
                MethodType.methodType(void.class, java.net.URL[].class, ClassLoader.class));
    MethodHandle bound =
        MethodHandles.insertArguments(
            constructor,
            0,
            new java.net.URL[] {dir.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
    // The proxy's class is defined in the thread's context class loader (the job's, on Flink)
    // unless that is the platform loader.
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    Callable<Object> make;
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      @SuppressWarnings("unchecked")
      Callable<Object> proxy =
          MethodHandleProxies.asInterfaceInstance(
              Callable.class, bound.asType(MethodType.methodType(Object.class)));
      make = proxy;
    } finally {
      thread.setContextClassLoader(context);
    }
    try {
      return (URLClassLoader) ForkJoinPool.commonPool().submit(make).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while installing the model filter", e);
    } catch (ExecutionException e) {
      throw new IOException("could not make the model filter's class loader", e.getCause());
    }
  }

  /**
   * The filter itself: defers to the filter in its thread-local slot, if any. Refers to JDK types
   * only, so that it can be defined outside any job's class loader.
   */
  static final class GatedFilter implements ObjectInputFilter {
    private final ThreadLocal<ObjectInputFilter> active = new ThreadLocal<>();

    private GatedFilter() {}

    @Override
    public Status checkInput(FilterInfo info) {
      ObjectInputFilter filter = active.get();
      return filter == null ? Status.UNDECIDED : filter.checkInput(info);
    }
  }
}
