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

  /** Marks "no feature with this value" in the shared table (null there means "not asked yet"). */
  static final int[] ABSENT = new int[0];

  final int featureIndex;
  final Extractor extractor;

  /** Relative positions read, ascending, none of them 0. */
  final int[] offsets;

  /** Non-null when the value depends on tags only: entries are CoreNLP's per-tag index arrays. */
  private final AtomicReferenceArray<int[]> shared;

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

  boolean isShared() {
    return shared != null;
  }

  long sharedBytes() {
    return shared == null ? 0 : 16 + 4L * shared.length();
  }

  /** The shared table's key for the tags at {@link #offsets} (each a tag index or tagCount). */
  int sharedKey(int[] tagsAtOffsets, int count) {
    int key = 0;
    for (int i = count - 1; i >= 0; i--) {
      key = key * radix + tagsAtOffsets[i];
    }
    return key;
  }

  int[] sharedEntry(int key) {
    return shared.get(key);
  }

  void setSharedEntry(int key, int[] entry) {
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
    if (offsets.isEmpty()) {
      throw new UnsupportedModelException(
          "its extractor " + x + " is dynamic but reads no tag the kernel knows of");
    }
    for (int o : offsets) {
      if (o < -left || o > right || o == 0) {
        throw new UnsupportedModelException(
            "its extractor " + x + " reads the tag at " + o + ", outside the model's window");
      }
    }
    return new DynamicFeature(
        e, offsets.stream().mapToInt(Integer::intValue).toArray(), tagsOnly, tagCount);
  }

  /** Adds the offsets {@code x} reads tags at; true when it reads no word. */
  private static boolean readTags(Extractor x, TreeSet<Integer> offsets, int left)
      throws UnsupportedModelException {
    String name = x.getClass().getName();
    if (!x.isDynamic()) {
      return false; // reads words only (checked for CoreNLP's classes: none reads a tag)
    }
    switch (name.startsWith(P) ? name.substring(P.length()) : name) {
      case "Extractor", "ExtractorSpanishAuxiliaryTag", "ExtractorSpanishSemiauxiliaryTag" -> {
        range(x, offsets); // one tag, at its position
        return true;
      }
      case "ExtractorFrames$ExtractorTwoTags",
          "ExtractorFrames$ExtractorThreeTags",
          "ExtractorFrames$ExtractorContinuousTagConjunction" -> {
        range(x, offsets);
        return true;
      }
      case "ExtractorFrames$ExtractorWordTag",
          "ExtractorFrames$ExtractorWordTwoTags",
          "ExtractorFrames$ExtractorTwoWordsTag" -> {
        range(x, offsets);
        return false;
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

  /** Every position in the extractor's declared tag context but the current one. */
  private static void range(Extractor x, TreeSet<Integer> offsets) {
    for (int o = -x.leftContext(); o <= x.rightContext(); o++) {
      if (o != 0) {
        offsets.add(o);
      }
    }
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

  /** CoreNLP's per-tag weight indices for {@code value}, or {@link #ABSENT}. */
  static int[] lookup(Map<String, int[]> values, String value) {
    int[] index = values.get(value);
    return index == null ? ABSENT : index;
  }
}
