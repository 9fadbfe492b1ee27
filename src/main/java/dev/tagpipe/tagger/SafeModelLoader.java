package dev.tagpipe.tagger;

import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.StreamCorruptedException;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
 * Deserializes a MaxentTagger from model bytes, with every object it reads passed through {@link
 * ModelClassFilter}. CoreNLP opens its own ObjectInputStreams, so the filter is attached by a
 * JVM-wide serial filter ({@link ThreadGatedSerialFilter}) that applies it only on a thread that is
 * inside {@link #load}; other deserialization in the JVM (Flink's, Beam's) is untouched.
 */
public final class SafeModelLoader {
  private SafeModelLoader() {}

  /**
   * Loads a tagger, or throws {@link ModelException} saying what is wrong with the model named
   * {@code name}. Never runs code from classes outside the allow-list.
   */
  public static MaxentTagger load(String name, byte[] bytes) {
    ThreadLocal<java.io.ObjectInputFilter> slot = ThreadGatedSerialFilter.slot();
    if (slot == null) {
      throw new ModelException(
          "cannot load model "
              + name
              + " safely: this JVM already has a JVM-wide"
              + " deserialization filter (-Djdk.serialFilter?) that tagpipe cannot extend; remove it");
    }
    checkHeader(name, bytes);
    ModelClassFilter filter = new ModelClassFilter();
    slot.set(filter);
    try (InputStream in = open(bytes)) {
      MaxentTagger tagger = new MaxentTagger(in, new Properties(), false);
      if (tagger.numTags() == 0) {
        throw new ModelException("model " + name + " has no tags; it is not a trained tagger");
      }
      return tagger;
    } catch (ModelException e) {
      throw e;
    } catch (Throwable e) {
      throw explain(name, filter, e);
    } finally {
      slot.remove();
    }
  }

  /** A gzipped model decompresses to at most this: four times the largest model file read. */
  static final long MAX_DECOMPRESSED_BYTES = 4 * ModelLocation.MAX_MODEL_BYTES;

  private static InputStream open(byte[] bytes) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes);
    if (!isGzip(bytes)) {
      return in;
    }
    // A few MB of gzip can inflate to gigabytes: stop at the bound, not at the heap's end.
    return new java.io.FilterInputStream(new GZIPInputStream(in, 64 * 1024)) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        count(Math.max(n, 0));
        return n;
      }

      private void count(int n) throws IOException {
        read += n;
        if (read > MAX_DECOMPRESSED_BYTES) {
          throw new IOException(
              "it decompresses to more than "
                  + (MAX_DECOMPRESSED_BYTES >> 20)
                  + " MiB, beyond any tagger model");
        }
      }
    };
  }

  private static boolean isGzip(byte[] b) {
    return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  private static void checkHeader(String name, byte[] bytes) {
    if (bytes.length == 0) {
      throw new ModelException("model " + name + " is an empty file; pass a CoreNLP .tagger file");
    }
    if (isGzip(bytes)) {
      return; // checked by the stream itself
    }
    boolean javaSerialized =
        bytes.length >= 4 && (bytes[0] & 0xff) == 0xac && (bytes[1] & 0xff) == 0xed;
    if (!javaSerialized) {
      throw new ModelException(
          "model "
              + name
              + " is not a CoreNLP tagger model (it does not start with a"
              + " serialized TaggerConfig; "
              + describe(bytes)
              + "); pass a .tagger file such as"
              + " english-left3words-distsim.tagger");
    }
  }

  private static String describe(byte[] bytes) {
    int printable = 0;
    int n = Math.min(bytes.length, 512);
    for (int i = 0; i < n; i++) {
      int c = bytes[i] & 0xff;
      if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
        printable++;
      }
    }
    return printable > n * 0.9 ? "it looks like a text file" : "its bytes look random or foreign";
  }

  private static ModelException explain(String name, ModelClassFilter filter, Throwable e) {
    if (filter.refusedClass() != null) {
      return new ModelException(
          "refused model "
              + name
              + ": it contains the class "
              + filter.refusedClass()
              + ", which is not a class a CoreNLP tagger model contains (it is outside tagpipe's"
              + " allow-list of the classes "
              + ModelClassFilter.madeFrom()
              + "'s tagger can"
              + " serialize): it may be a model of another CoreNLP component or a file crafted to"
              + " run code when loaded."
              + " Use a tagger model from a source you trust; if this is a genuine tagger model"
              + " from a newer CoreNLP, report it to tagpipe's maintainers");
    }
    if (filter.refusedLimit() != null) {
      return new ModelException(
          "refused model "
              + name
              + ": it contains "
              + filter.refusedLimit()
              + ", far beyond any real tagger model (a denial-of-service pattern); use a tagger"
              + " model from a source you trust");
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof EOFException) {
      return new ModelException(
          "model " + name + " is truncated or corrupt (its data ends early); download it again");
    }
    if (root instanceof StreamCorruptedException || root instanceof InvalidClassException) {
      return new ModelException(
          "model " + name + " is corrupt (" + root.getMessage() + "); download it again");
    }
    if (root instanceof ClassCastException || root instanceof ClassNotFoundException) {
      return new ModelException(
          "model "
              + name
              + " is not a CoreNLP POS tagger model ("
              + root.getMessage()
              + "); pass a .tagger file");
    }
    return new ModelException(
        "model " + name + " could not be loaded (" + root + "); is it a CoreNLP 4.x .tagger file?",
        e);
  }
}
