package dev.tagpipe.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.util.VarInt;

/**
 * The watch's memory of files: which names were already given, which were seen but wait to be given
 * (with the time first seen, their timestamp), and when a name may be forgotten.
 *
 * <p>The rule that bounds it: <b>a name is remembered while the listing shows it, and forgotten
 * once it has been missing from {@link #FORGET_AFTER_LISTINGS} listings in a row and for {@link
 * #FORGET_AFTER}</b>. So the state holds the files the folder holds now, plus those removed in the
 * last ten minutes, however long the stream runs; a name that comes back after that is a new file
 * and is given again. Files are usually moved in ({@code mv} keeps their old modification time), so
 * no rule on their times would do. Both conditions, because one listing can miss files (a folder
 * being replaced, an object store's hiccup) and a job restored after an hour's stop must not forget
 * its folder at its first listing.
 *
 * <p>The names given are kept sorted and front-coded ({@link FrontCodedNames}, about 4 bytes a name
 * for sorted paths) rather than as a set of strings: each poll sorts the listing, walks it
 * alongside them and builds the next lists as it goes, and a checkpoint mark shares the immutable
 * lists instead of copying them. Only the names given since the last listing and those waiting are
 * held as strings: a few, except right after a burst.
 *
 * <p>Exactly once ({@code onlyDurable}): a name waits until a checkpoint recording it has completed
 * ({@link #durable}), so a reader restored from that checkpoint gives it again with the same
 * timestamp; a name restored from a mark is durable at once.
 */
final class SeenFiles {
  static final int FORGET_AFTER_LISTINGS = 3;
  static final Duration FORGET_AFTER = Duration.ofMinutes(10);

  private final boolean onlyDurable;
  private final int forgetAfterListings;
  private final long forgetAfterMillis;

  // Given and in the last listing, sorted.
  private FrontCodedNames listed = FrontCodedNames.EMPTY;
  // Given and missing from the last listing (not yet forgotten), sorted.
  private MissingNames missing = MissingNames.NONE;
  // Given since the last listing: they join one of the two lists above at the next.
  private final List<String> givenSinceListing = new ArrayList<>();
  // Seen, not yet given, with the time first seen, in the order seen (so, oldest first).
  private final LinkedHashMap<String, Long> waiting = new LinkedHashMap<>();
  // Those of them in a checkpoint the runner has completed; added to by the runner's thread.
  private final Set<String> durable = ConcurrentHashMap.newKeySet();
  private long lastStamp = Long.MIN_VALUE;

  SeenFiles(boolean onlyDurable) {
    this(onlyDurable, FORGET_AFTER_LISTINGS, FORGET_AFTER);
  }

  /** With another retention, for tests. */
  SeenFiles(boolean onlyDurable, int forgetAfterListings, Duration forgetAfter) {
    this.onlyDurable = onlyDurable;
    this.forgetAfterListings = forgetAfterListings;
    this.forgetAfterMillis = forgetAfter.toMillis();
  }

  /** The state a checkpoint mark recorded; its waiting names are durable. */
  static SeenFiles restore(boolean onlyDurable, Snapshot s) {
    SeenFiles files = new SeenFiles(onlyDurable);
    files.listed = s.listed;
    files.missing = s.missing;
    s.givenSinceListing.cursor().forEachRemaining(files.givenSinceListing::add);
    FrontCodedNames.Cursor waiting = s.waiting.cursor();
    for (long firstSeen : s.waitingSince) {
      files.waiting.put(waiting.next(), firstSeen);
      files.lastStamp = Math.max(files.lastStamp, firstSeen);
    }
    files.durable.addAll(files.waiting.keySet());
    return files;
  }

  /** The files (not folders) matching {@code pattern} now. */
  static List<String> listing(String pattern) throws IOException {
    List<String> names = new ArrayList<>();
    for (MatchResult.Metadata m :
        FileSystems.match(pattern, EmptyMatchTreatment.ALLOW).metadata()) {
      if (!m.resourceId().isDirectory()) {
        names.add(m.resourceId().toString());
      }
    }
    return names;
  }

  /**
   * Takes a listing made at {@code nowMillis}: names never seen (or forgotten) wait to be given,
   * stamped with that time (never earlier than a stamp before it, so the oldest waits first); given
   * names missing from it move towards being forgotten. Returns how many names are new.
   */
  int list(Collection<String> names, long nowMillis) {
    long now = Math.max(nowMillis, lastStamp);
    // Sorted, the listing is walked alongside the sorted lists, each name met once. A local
    // folder lists in no order, an object store in name order (then the sort costs next to
    // nothing); a set of the listing to look names up in cost about as much as sorting an
    // unordered one, and far more than sorting an ordered one.
    String[] sorted = names.toArray(new String[0]);
    Arrays.sort(sorted);
    Walk listing = new Walk(Arrays.asList(sorted).iterator());
    Walk known = new Walk(listed.cursor());
    Walk recent = new Walk(givenSorted().iterator());
    MissingNames.Cursor wasMissing = missing.cursor();
    FrontCodedNames.Builder nowListed = new FrontCodedNames.Builder(true);
    MissingNames.Builder nowMissing = new MissingNames.Builder();
    int added = 0;
    while (listing.has() || known.has() || recent.has() || wasMissing.hasNext()) {
      String name = min(min(listing.peek(), known.peek()), min(recent.peek(), wasMissing.peek()));
      boolean inListing = listing.take(name);
      boolean given = known.take(name);
      given = recent.take(name) || given;
      int listingsMissed = 0;
      long since = now;
      if (wasMissing.hasNext() && name.equals(wasMissing.peek())) {
        given = true;
        listingsMissed = wasMissing.listings();
        since = wasMissing.since();
        wasMissing.next();
      }
      if (inListing && given) {
        nowListed.add(name); // listed (again, if it was missing: not forgotten yet)
      } else if (inListing) {
        if (!waiting.containsKey(name)) {
          waiting.put(name, now); // new (or forgotten): in name order within a listing
          added++;
        }
      } else if (given && !forgotten(listingsMissed + 1, since, now)) {
        nowMissing.add(name, since, listingsMissed + 1);
      }
    }
    listed = nowListed.build();
    missing = nowMissing.build();
    givenSinceListing.clear();
    lastStamp = now;
    return added;
  }

  /** The names given since the last listing, sorted (given in about this order: cheap). */
  private List<String> givenSorted() {
    givenSinceListing.sort(null);
    return givenSinceListing;
  }

  /** The rule: missing from enough listings in a row, the first of them long enough ago. */
  private boolean forgotten(int listingsMissed, long firstMissed, long now) {
    return listingsMissed >= forgetAfterListings && now - firstMissed >= forgetAfterMillis;
  }

  private static String min(String a, String b) {
    return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
  }

  /** The next name to give (the oldest waiting that may be given now), or null. */
  String next() {
    for (String name : waiting.keySet()) {
      if (!onlyDurable || durable.contains(name)) {
        return name;
      }
    }
    return null;
  }

  /** Gives {@code name}, a name {@link #next} returned: returns the time it was first seen. */
  long give(String name) {
    Long firstSeen = waiting.remove(name);
    if (firstSeen == null) {
      throw new IllegalArgumentException("not waiting: " + name);
    }
    durable.remove(name);
    givenSinceListing.add(name);
    return firstSeen;
  }

  /** The runner has completed a checkpoint that recorded these waiting names. */
  void durable(Collection<String> names) {
    durable.addAll(names);
  }

  boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /** The first-seen time of the oldest waiting name (the watermark is held before it). */
  long oldestWaitingMillis() {
    return waiting.values().iterator().next();
  }

  /** How many names are remembered as given (listed, given since, or missing not forgotten). */
  int remembered() {
    return listed.size() + givenSinceListing.size() + missing.size();
  }

  /** The state as a checkpoint mark records it: the lists are shared, the rest copied. */
  Snapshot snapshot() {
    long[] since = new long[waiting.size()];
    int i = 0;
    for (long t : waiting.values()) {
      since[i++] = t;
    }
    return new Snapshot(
        listed,
        missing,
        FrontCodedNames.of(givenSorted()),
        FrontCodedNames.of(waiting.keySet()),
        since);
  }

  /** The files part of a checkpoint mark; immutable. */
  static final class Snapshot {
    private static final byte FORMAT = 1;

    private final FrontCodedNames listed;
    private final MissingNames missing;
    private final FrontCodedNames givenSinceListing;
    private final FrontCodedNames waiting;
    private final long[] waitingSince;

    private Snapshot(
        FrontCodedNames listed,
        MissingNames missing,
        FrontCodedNames givenSinceListing,
        FrontCodedNames waiting,
        long[] waitingSince) {
      this.listed = listed;
      this.missing = missing;
      this.givenSinceListing = givenSinceListing;
      this.waiting = waiting;
      this.waitingSince = waitingSince;
    }

    /** The waiting names, which the runner makes durable with this mark. */
    List<String> waitingNames() {
      List<String> names = new ArrayList<>(waiting.size());
      waiting.cursor().forEachRemaining(names::add);
      return names;
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(FORMAT);
      listed.writeTo(out);
      missing.writeTo(out);
      givenSinceListing.writeTo(out);
      waiting.writeTo(out);
      long previous = 0;
      for (long t : waitingSince) {
        VarInt.encode(t - previous, out); // never negative: the stamps never go back
        previous = t;
      }
    }

    static Snapshot readFrom(InputStream in) throws IOException {
      int format = in.read();
      if (format != FORMAT) {
        throw new CoderException("not a watch checkpoint of format " + FORMAT + ": " + format);
      }
      FrontCodedNames listed = FrontCodedNames.readFrom(in, true);
      MissingNames missing = MissingNames.readFrom(in);
      FrontCodedNames givenSinceListing = FrontCodedNames.readFrom(in, true);
      FrontCodedNames waiting = FrontCodedNames.readFrom(in, false);
      long[] since = new long[waiting.size()];
      long previous = 0;
      for (int i = 0; i < since.length; i++) {
        since[i] = previous + VarInt.decodeLong(in);
        previous = since[i];
      }
      return new Snapshot(listed, missing, givenSinceListing, waiting, since);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s
          && listed.equals(s.listed)
          && missing.equals(s.missing)
          && givenSinceListing.equals(s.givenSinceListing)
          && waiting.equals(s.waiting)
          && Arrays.equals(waitingSince, s.waitingSince);
    }

    @Override
    public int hashCode() {
      return ((listed.hashCode() * 31 + missing.hashCode()) * 31 + waiting.hashCode()) * 31
          + givenSinceListing.hashCode();
    }

    @Override
    public String toString() {
      return "listed "
          + listed
          + ", missing "
          + missing
          + ", given since the listing "
          + givenSinceListing
          + ", waiting "
          + waiting;
    }
  }

  /** One of the sorted lists walked by {@link #list}. */
  private static final class Walk {
    private final Iterator<String> names;
    private String next;

    Walk(Iterator<String> names) {
      this.names = names;
      this.next = names.hasNext() ? names.next() : null;
    }

    boolean has() {
      return next != null;
    }

    String peek() {
      return next;
    }

    /** Takes {@code name} (and its repeats, in a listing) if it is next. */
    boolean take(String name) {
      boolean taken = false;
      while (next != null && next.equals(name)) {
        next = names.hasNext() ? names.next() : null;
        taken = true;
      }
      return taken;
    }
  }

  /** For tests: the waiting names with their first-seen times, in order. */
  Map<String, Long> waiting() {
    return new LinkedHashMap<>(waiting);
  }
}
