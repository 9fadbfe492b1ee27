package dev.tagpipe.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * The watch's memory of files: bounded by the documented rule (remembered while listed, forgotten
 * after missing from 3 listings in a row and for 10 minutes), its checkpoint small (front-coded
 * names, measured on a million paths), exact and deterministic through its coder, and exactly once
 * (a waiting file is kept until given, and given only once durable when asked).
 */
class SeenFilesTest {
  private static final long T0 = 1_800_000_000_000L; // a fixed clock: the rule is about times
  private static final long MINUTE = 60_000;
  private static final int MILLION = 1_000_000;

  /**
   * The bound this test holds the checkpoint to, for sorted paths of this shape. Measured: about
   * 4.1 bytes a name (the old Java-serialized set of strings: 52).
   */
  private static final double MAX_BYTES_PER_NAME = 5.0;

  /** {@code /data/in/2026/MM/DD/part-NNNNNN-of-1000000.conllu}, 10,000 a day over 100 days. */
  private static List<String> millionPaths() {
    List<String> names = new ArrayList<>(MILLION);
    StringBuilder b = new StringBuilder();
    int[] monthDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < MILLION; i++) {
      int day = i / 10_000;
      int month = 0;
      while (day >= monthDays[month]) {
        day -= monthDays[month++];
      }
      b.setLength(0);
      b.append("/data/in/2026/");
      pad(b, month + 1, 2).append('/');
      pad(b, day + 1, 2).append("/part-");
      pad(b, i, 6).append("-of-1000000.conllu");
      names.add(b.toString());
    }
    return names;
  }

  private static StringBuilder pad(StringBuilder b, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }

  private static void giveAll(SeenFiles files) {
    for (String name = files.next(); name != null; name = files.next()) {
      files.give(name);
    }
  }

  private static WatchCheckpoint mark(SeenFiles files) {
    return new WatchCheckpoint(files.snapshot(), "ab".repeat(32), T0, false, null);
  }

  private static byte[] encode(SeenFiles files) throws CoderException {
    return CoderUtils.encodeToByteArray(WatchCheckpoint.Coder.of(), mark(files));
  }

  @Test
  void aMillionFilesCheckpointInAFewBytesEachAndTheStateDoesNotGrow() throws Exception {
    List<String> names = millionPaths();
    List<String> shuffled = new ArrayList<>(names);
    Collections.shuffle(shuffled, new Random(7)); // a listing comes in no particular order
    SeenFiles files = new SeenFiles(false);

    assertEquals(MILLION, files.list(shuffled, T0), "every name is new");
    byte[] waiting = encode(files); // a burst: all waiting, with their first-seen times
    giveAll(files);
    assertEquals(MILLION, files.remembered());
    assertEquals(0, files.list(names, T0 + 1000), "listed again: nothing new");
    assertEquals(MILLION, files.remembered());

    long start = System.nanoTime();
    byte[] bytes = encode(files);
    long encodeMillis = (System.nanoTime() - start) / 1_000_000;
    double perName = (double) bytes.length / MILLION;
    System.out.printf(
        "1M names: checkpoint %,d bytes (%.2f a name; %.2f while all waiting), encoded in %d ms%n",
        bytes.length, perName, (double) waiting.length / MILLION, encodeMillis);
    assertTrue(perName < MAX_BYTES_PER_NAME, perName + " bytes a name");
    assertTrue(
        waiting.length < (MAX_BYTES_PER_NAME + 1) * MILLION, waiting.length + " bytes waiting");

    WatchCheckpoint decoded = CoderUtils.decodeFromByteArray(WatchCheckpoint.Coder.of(), bytes);
    assertEquals(mark(files), decoded, "decode(encode(x)) = x");
    assertArrayEquals(bytes, CoderUtils.encodeToByteArray(WatchCheckpoint.Coder.of(), decoded));

    // Restored and listed again: nothing new, and the state is the same size,
    // to the byte.
    SeenFiles restored = SeenFiles.restore(false, decoded.files);
    assertEquals(0, restored.list(names, T0 + 2000), "restored: the same names, not new");
    assertEquals(MILLION, restored.remembered());
    assertArrayEquals(bytes, encode(restored));

    // The rule, on the real retention: 1,000 names moved out are remembered until missing from 3
    // listings in a row and for 10 minutes; moved in again after that, they are new files.
    List<String> fewer = names.subList(1000, MILLION);
    restored.list(fewer, T0 + 5000); // missing since T0 + 5 s
    restored.list(fewer, T0 + 5000 + 10 * MINUTE);
    assertEquals(MILLION, restored.remembered(), "10 minutes, but 2 listings: remembered");
    restored.list(fewer, T0 + 5000 + 11 * MINUTE);
    assertEquals(MILLION - 1000, restored.remembered(), "3 listings and 10 minutes: forgotten");
    assertTrue(encode(restored).length < bytes.length, "and the checkpoint shrank");
    assertEquals(1000, restored.list(names, T0 + 12 * MINUTE), "moved in again: new files");
  }

  @Test
  void aNameIsForgottenOnlyAfterThreeListingsAndTenMinutesMissing() {
    SeenFiles files = new SeenFiles(false);
    List<String> ab = List.of("/in/a", "/in/b");
    List<String> b = List.of("/in/b");
    files.list(ab, T0);
    giveAll(files);

    files.list(b, T0 + 1000); // one listing missed it (a folder being replaced)
    assertEquals(0, files.list(ab, T0 + 2000), "back after one listing: not new");

    files.list(b, T0 + 3000); // missing since T0 + 3 s
    files.list(b, T0 + 4000);
    files.list(b, T0 + 5000);
    files.list(b, T0 + 6000);
    assertEquals(2, files.remembered(), "4 listings in a row, 3 seconds: remembered");
    assertEquals(0, files.list(ab, T0 + 7000), "and not new when back");

    files.list(b, T0 + 8000); // missing since T0 + 8 s
    files.list(b, T0 + 8000 + 60 * MINUTE); // a job stopped for an hour, restored
    assertEquals(2, files.remembered(), "an hour, but 2 listings: remembered");
    files.list(b, T0 + 8000 + 61 * MINUTE);
    assertEquals(1, files.remembered(), "3 listings and over 10 minutes: forgotten");

    long again = T0 + 70 * MINUTE;
    assertEquals(1, files.list(ab, again), "back after that: a new file");
    assertEquals(Map.of("/in/a", again), files.waiting(), "stamped with the time seen again");
  }

  @Test
  void aListedNameIsNeverForgottenHoweverOld() {
    SeenFiles files = new SeenFiles(false);
    List<String> a = List.of("/in/a");
    files.list(a, T0);
    giveAll(files);
    for (int hour = 1; hour <= 48; hour++) {
      assertEquals(0, files.list(a, T0 + hour * 60L * MINUTE), "hour " + hour);
    }
    assertEquals(1, files.remembered());
  }

  @Test
  void aWaitingNameStaysUntilGivenEvenIfItDisappears() {
    SeenFiles files = new SeenFiles(false, 1, Duration.ZERO); // forget at once
    files.list(List.of("/in/a"), T0);
    for (int poll = 1; poll <= 5; poll++) {
      files.list(List.of(), T0 + poll * 60L * MINUTE);
    }
    assertEquals("/in/a", files.next(), "kept until given, whatever the listing says");
    assertEquals(T0, files.give("/in/a"));
    files.list(List.of(), T0 + 6 * 60 * MINUTE);
    assertEquals(0, files.remembered(), "given and missing: forgotten at once here");
  }

  @Test
  void onlyDurableNamesAreGivenAndARestoredMarkGivesThemWithTheirTimes() throws Exception {
    SeenFiles files = new SeenFiles(true);
    files.list(List.of("/in/b", "/in/a"), T0);
    assertNull(files.next(), "not in a completed checkpoint yet");
    WatchCheckpoint mark = mark(files);
    files.list(List.of("/in/a", "/in/b", "/in/c"), T0 + 1000);
    files.durable(mark.files.waitingNames()); // the runner completed the mark
    assertEquals("/in/a", files.next());
    assertEquals(T0, files.give("/in/a"));
    assertEquals("/in/b", files.next());
    assertEquals(T0, files.give("/in/b"));
    assertNull(files.next(), "/in/c is in no completed checkpoint");

    // A failure: the reader is restored from the mark, and gives a and b again, same times.
    WatchCheckpoint decoded = CoderUtils.clone(WatchCheckpoint.Coder.of(), mark);
    SeenFiles restored = SeenFiles.restore(true, decoded.files);
    assertEquals(Map.of("/in/a", T0, "/in/b", T0), restored.waiting());
    assertEquals("/in/a", restored.next(), "durable at once");
    assertEquals(T0, restored.give("/in/a"));
    assertEquals(T0, restored.give("/in/b"));
    assertEquals(1, restored.list(List.of("/in/a", "/in/b", "/in/c"), T0 + 2000), "c is new");
    assertNull(restored.next());
  }

  @Test
  void theEncodingIsDeterministic() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      names.add("gs://bucket/in/" + (i % 7) + "/f" + i + ".txt");
    }
    SeenFiles[] twins = {new SeenFiles(false), new SeenFiles(false)};
    for (int t = 0; t < twins.length; t++) {
      List<String> listing = new ArrayList<>(names);
      Collections.shuffle(listing, new Random(t)); // listed in another order
      twins[t].list(listing, T0);
      giveAll(twins[t]);
      twins[t].list(listing.subList(0, 4000), T0 + 1000); // some gone
      twins[t].list(listing, T0 + 2000); // some back, some new
    }
    for (SeenFiles files : twins) {
      files.list(names.subList(0, 4500), T0 + 3000); // more gone
      files.list(List.of("/new/one"), T0 + 3000); // and one waiting
    }
    assertArrayEquals(encode(twins[0]), encode(twins[1]), "same listings, same bytes");
    assertArrayEquals(encode(twins[0]), encode(twins[0]), "encoded twice, same bytes");

    Coder<WatchCheckpoint> coder = WatchCheckpoint.Coder.of();
    coder.verifyDeterministic();
    SeenFiles waiting = new SeenFiles(false);
    waiting.list(List.of("/z", "/ä/€", "/a", "/ab", "/aba", "/b😀"), T0);
    for (WatchCheckpoint mark :
        List.of(
            mark(twins[0]),
            mark(waiting),
            mark(new SeenFiles(false)),
            new WatchCheckpoint(new SeenFiles(true).snapshot(), null, -5, true, null))) {
      CoderProperties.coderDecodeEncodeEqual(coder, mark);
      CoderProperties.coderDecodeEncodeEqualInContext(coder, Coder.Context.NESTED, mark);
      CoderProperties.coderDeterministic(coder, mark, mark);
      CoderProperties.structuralValueDecodeEncodeEqual(coder, mark);
    }
    CoderProperties.coderSerializable(coder);
  }

  @Test
  void namesSharingStartsAndEndsRoundTrip() throws Exception {
    List<String> names =
        List.of("", "abc", "bc", "abcbc", "abc", "x", "xyzzy", "😀a", "😁a", "ä", "a", "");
    FrontCodedNames coded = FrontCodedNames.of(names);
    List<String> back = new ArrayList<>();
    coded.cursor().forEachRemaining(back::add);
    assertEquals(names, back);

    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    coded.writeTo(out);
    byte[] bytes = out.toByteArray();
    assertEquals(coded, FrontCodedNames.readFrom(new java.io.ByteArrayInputStream(bytes), false));
    assertThrows(
        CoderException.class,
        () -> FrontCodedNames.readFrom(new java.io.ByteArrayInputStream(bytes), true),
        "not sorted");
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(
        java.io.IOException.class,
        () -> FrontCodedNames.readFrom(new java.io.ByteArrayInputStream(cut), false));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FrontCodedNames.Builder(true).add("b").add("a"),
        "a sorted list refuses a name out of order");
  }

  @Test
  void theOldestWaitingNameHoldsTheWatermarkEvenIfTheClockGoesBack() {
    SeenFiles files = new SeenFiles(false);
    files.list(List.of("/in/a"), T0);
    files.list(List.of("/in/a", "/in/b"), T0 - 5000); // the clock stepped back
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("/in/a", T0);
    expected.put("/in/b", T0);
    assertEquals(expected, files.waiting());
    assertEquals(T0, files.oldestWaitingMillis());
    assertNotNull(files.next());
  }
}
