package dev.tagpipe.tagger.kernel;

import edu.stanford.nlp.tagger.maxent.Extractor;
import edu.stanford.nlp.tagger.maxent.TaggerInternals.IndexedExtractor;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One extractor of the model that reads tags, with the relative positions whose tags its value
 * depends on. MaxentTagger builds the value's string and hashes it for every candidate tag window;
 * the kernel asks the extractor once per distinct set of those tags and keeps the answer: for
 * extractors that read tags only, in a table shared by every sentence (keyed by the tags' indices,
 * "outside the sentence" included); for those that also read words, per position of the sentence.
 *
 * <p>Only CoreNLP's own extractors are known here: which tags each reads was established from
 * CoreNLP 4.5.10's sources. Any other class makes the model unsupported.
 */
final class DynamicFeature {
  private static final String P = "edu.stanford.nlp.tagger.maxent.";
  private static final int LARGEST_SHARED_TABLE = 1 << 20;

  /** Marks "no feature with this value" (null in a table means "not asked yet"). */
  static final Weights ABSENT = new Weights(null, null);

  /**
   * One feature value's weights: CoreNLP's per-tag weight indices, and for exact scoring the same
   * weights laid out per tag (0.0 where the tag has none: adding 0.0 to a sum that started at +0.0
   * changes nothing, so the sums stay MaxentTagger's).
   */
  static final class Weights {
    final int[] index;
    final double[] perTag;

    Weights(int[] index, double[] perTag) {
      this.index = index;
      this.perTag = perTag;
    }
  }

  final int featureIndex;
  final Extractor extractor;

  /** Relative positions read, ascending, none of them 0. */
  final int[] offsets;

  /** Non-null when the value depends on tags only. */
  private final AtomicReferenceArray<Weights> shared;

  private final int radix;

  private DynamicFeature(IndexedExtractor e, int[] offsets, boolean tagsOnly, int tagCount) {
    this.featureIndex = e.featureIndex();
    this.extractor = e.extractor();
    this.offsets = offsets;
    this.radix = tagCount + 1; // the last value stands for "outside the sentence" (CoreNLP's NA)
    long size = 1;
    for (int i = 0; i < offsets.length; i++) {
      size *= radix;
    }
    this.shared =
        tagsOnly && size <= LARGEST_SHARED_TABLE ? new AtomicReferenceArray<>((int) size) : null;
  }

  private long sharedRowBytes() {
    long bytes = 0;
    for (int i = 0; i < shared.length(); i++) {
      Weights w = shared.get(i);
      if (w != null && w != ABSENT) {
        bytes += 32 + (w.perTag == null ? 0 : 16 + 8L * w.perTag.length);
      }
    }
    return bytes;
  }

  boolean isShared() {
    return shared != null;
  }

  long sharedBytes() {
    return shared == null ? 0 : 16 + 4L * shared.length() + sharedRowBytes();
  }

  /** The shared table's key for the tags at {@link #offsets} (each a tag index or tagCount). */
  int sharedKey(int[] tagsAtOffsets, int count) {
    int key = 0;
    for (int i = count - 1; i >= 0; i--) {
      key = key * radix + tagsAtOffsets[i];
    }
    return key;
  }

  Weights sharedEntry(int key) {
    return shared.get(key);
  }

  void setSharedEntry(int key, Weights entry) {
    shared.lazySet(key, entry);
  }

  /**
   * The model's tag-reading extractor, classified; {@code left} and {@code right} are the model's
   * window, within which the tagger sets the tags of each history.
   */
  static DynamicFeature of(IndexedExtractor e, int tagCount, int left, int right)
      throws UnsupportedModelException {
    Extractor x = e.extractor();
    TreeSet<Integer> offsets = new TreeSet<>();
    boolean tagsOnly = readTags(x, offsets, left);
    if (offsets.isEmpty() && tagsOnly) {
      throw new UnsupportedModelException(
          "its extractor " + x + " is dynamic but reads no tag the kernel knows of");
    }
    for (int o : offsets) {
      if (o < -left || o > right) {
        throw new UnsupportedModelException(
            "its extractor " + x + " reads the tag at " + o + ", outside the model's window");
      }
    }
    return new DynamicFeature(
        e, offsets.stream().mapToInt(Integer::intValue).toArray(), tagsOnly, tagCount);
  }

  /**
   * Adds the offsets {@code x} reads tags at, but the current position's; true when the value
   * depends on those tags only, so that one table can serve every position of every sentence.
   *
   * <p>An extractor that reads the current position's tag (such as {@code twoTags(-1,0)}) reads
   * what MaxentTagger's search leaves there while it scores a position: the word's first candidate.
   * Its value then depends on the word, and its table is per position, where that tag is fixed.
   */
  private static boolean readTags(Extractor x, TreeSet<Integer> offsets, int left)
      throws UnsupportedModelException {
    String name = x.getClass().getName();
    if (!x.isDynamic()) {
      return false; // reads words only (checked for CoreNLP's classes: none reads a tag)
    }
    switch (name.startsWith(P) ? name.substring(P.length()) : name) {
      case "Extractor", "ExtractorSpanishAuxiliaryTag", "ExtractorSpanishSemiauxiliaryTag" -> {
        return tagsAt(x, offsets, true, "position");
      }
      case "ExtractorFrames$ExtractorTwoTags" -> {
        return tagsAt(x, offsets, true, "leftPosition", "rightPosition");
      }
      case "ExtractorFrames$ExtractorThreeTags" -> {
        return tagsAt(x, offsets, true, "position1", "position2", "position3");
      }
      case "ExtractorFrames$ExtractorContinuousTagConjunction" -> {
        range(x, offsets); // every tag from its position to the current one, exclusive
        return true;
      }
      case "ExtractorFrames$ExtractorWordTag" -> {
        return tagsAt(x, offsets, false, "position");
      }
      case "ExtractorFrames$ExtractorWordTwoTags" -> {
        return tagsAt(x, offsets, false, "position1", "position2");
      }
      case "ExtractorFrames$ExtractorTwoWordsTag" -> {
        return tagsAt(x, offsets, false, "tag");
      }
      case "ExtractorMidSentenceCap", "ExtractorStartSentenceCap", "ExtractorMidSentenceCapC" -> {
        // They read the previous tag (to tell the first word) but declare no left context.
        if (left < 1) {
          throw new UnsupportedModelException(
              "its extractor " + x + " reads the previous tag in a model without left context");
        }
        offsets.add(-1);
        return false;
      }
      case "ExtractorsConjunction" -> {
        readTags(part(x, "extractor1"), offsets, left);
        readTags(part(x, "extractor2"), offsets, left);
        return false;
      }
      default ->
          throw new UnsupportedModelException(
              "its extractor " + name + " reads tags in a way the kernel does not know");
    }
  }

  /**
   * Adds the tag positions held in {@code fields} of {@code x} (but 0); {@code tagsOnly} when the
   * extractor reads no word and no position is the current one.
   */
  private static boolean tagsAt(
      Extractor x, TreeSet<Integer> offsets, boolean tagsOnly, String... fields)
      throws UnsupportedModelException {
    boolean current = false;
    for (String field : fields) {
      int o = intField(x, field);
      if (o == 0) {
        current = true;
      } else {
        offsets.add(o);
      }
    }
    return tagsOnly && !current;
  }

  /** Every position in the extractor's declared tag context but the current one. */
  private static void range(Extractor x, TreeSet<Integer> offsets) {
    for (int o = -x.leftContext(); o <= x.rightContext(); o++) {
      if (o != 0) {
        offsets.add(o);
      }
    }
  }

  private static int intField(Extractor x, String name) throws UnsupportedModelException {
    for (Class<?> c = x.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.getInt(x);
      } catch (NoSuchFieldException e) {
        // declared higher up (Extractor's own position)
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new UnsupportedModelException(
            "the positions of its extractor " + x + " cannot be read", e);
      }
    }
    throw new UnsupportedModelException("its extractor " + x + " has no field " + name);
  }

  private static Extractor part(Extractor conjunction, String field)
      throws UnsupportedModelException {
    try {
      Field f = conjunction.getClass().getDeclaredField(field);
      f.setAccessible(true);
      return (Extractor) f.get(conjunction);
    } catch (ReflectiveOperationException | RuntimeException ex) {
      throw new UnsupportedModelException(
          "the parts of its extractor " + conjunction + " cannot be read", ex);
    }
  }

  /** The weights of {@code value}'s features, or {@link #ABSENT}. */
  static Weights lookup(Map<String, int[]> values, String value, double[] weights, boolean perTag) {
    int[] index = values.get(value);
    if (index == null) {
      return ABSENT;
    }
    double[] dense = null;
    if (perTag) {
      dense = new double[index.length];
      for (int i = 0; i < index.length; i++) {
        if (index[i] >= 0) {
          dense[i] = weights[index[i]];
        }
      }
    }
    return new Weights(index, dense);
  }
}
