package dev.tagpipe.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The restriction of the splittable parse: a file from a {@link ResumePoint} to another, or to its
 * end ({@code until} null).
 */
record ResumableStretch(ResumePoint from, @Nullable ResumePoint until) {
  static final ResumableStretch WHOLE_FILE = new ResumableStretch(ResumePoint.START, null);

  /**
   * What the parse claims: everything it found since the previous claim, up to {@code end} (null:
   * the end of the file), {@code outputs} sentences and rejections, not yet handed on. A claim
   * names the end of its work because that is where a reader that takes over must start.
   */
  record Block(@Nullable ResumePoint end, int outputs) {}

  /**
   * Hands out claims in order and splits only at a claimed block's end, and only once this call has
   * handed on {@code minOutputsPerCheckpoint} outputs: a runner that checkpoints often (the
   * DirectRunner asks after 100 outputs or a second) then gets bundles of a useful size, and a
   * reader that must re-read a compressed file's start to resume is not asked to every second.
   */
  static final class Tracker extends RestrictionTracker<ResumableStretch, Block> {
    private final ResumableStretch stretch;
    private final long minOutputsPerCheckpoint;
    private ResumePoint claimedUpTo;
    private boolean claimedToEnd;
    private @Nullable ResumePoint splitAt;
    private long outputsClaimed;

    Tracker(ResumableStretch stretch, long minOutputsPerCheckpoint) {
      if (stretch.until() != null) {
        throw new IllegalArgumentException("a stretch that was split off is not read again");
      }
      this.stretch = stretch;
      this.minOutputsPerCheckpoint = minOutputsPerCheckpoint;
      this.claimedUpTo = stretch.from();
    }

    @Override
    public synchronized boolean tryClaim(Block block) {
      if (claimedToEnd) {
        throw new IllegalStateException("claimed after the end of the file: " + block);
      }
      if (splitAt != null) {
        return false;
      }
      outputsClaimed += block.outputs();
      if (block.end() == null) {
        claimedToEnd = true;
      } else {
        claimedUpTo = block.end();
      }
      return true;
    }

    @Override
    public synchronized @Nullable SplitResult<ResumableStretch> trySplit(
        double fractionOfRemainder) {
      // Only checkpoints (fraction 0): the rest of a file cannot be cut at a fraction of itself
      // without reading it.
      if (fractionOfRemainder != 0
          || claimedToEnd
          || splitAt != null
          || outputsClaimed < minOutputsPerCheckpoint) {
        return null;
      }
      splitAt = claimedUpTo;
      return SplitResult.of(
          new ResumableStretch(stretch.from(), splitAt), new ResumableStretch(splitAt, null));
    }

    @Override
    public synchronized ResumableStretch currentRestriction() {
      return splitAt == null ? stretch : new ResumableStretch(stretch.from(), splitAt);
    }

    @Override
    public synchronized void checkDone() {
      if (!claimedToEnd && splitAt == null) {
        throw new IllegalStateException(
            "the parse stopped at "
                + claimedUpTo
                + " before the end of the file and was not split there");
      }
    }

    @Override
    public IsBounded isBounded() {
      return IsBounded.BOUNDED;
    }
  }

  /** Encodes {@code from} and whether and where the stretch ends before the file does. */
  static final class Coder extends AtomicCoder<ResumableStretch> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ResumableStretch s, OutputStream out) throws IOException {
      ResumePoint.Coder.of().encode(s.from(), out);
      BooleanCoder.of().encode(s.until() != null, out);
      if (s.until() != null) {
        ResumePoint.Coder.of().encode(s.until(), out);
      }
    }

    @Override
    public ResumableStretch decode(InputStream in) throws IOException {
      ResumePoint from = ResumePoint.Coder.of().decode(in);
      return new ResumableStretch(
          from, BooleanCoder.of().decode(in) ? ResumePoint.Coder.of().decode(in) : null);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
