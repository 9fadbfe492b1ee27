package dev.tagpipe.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A place in a file where a reader can stop and another can go on with exactly the output the first
 * would have produced: a line start, with what the parser must know there (how many lines and units
 * came before; inside a long text paragraph, that paragraph's unit and how many of its sentences
 * came before). Parsers report these as they pass them ({@link SentenceSink#resumableAt}); the
 * splittable read uses them as checkpoints, so that a runner that holds a call's outputs until it
 * returns (the DirectRunner) gets them in small bundles.
 *
 * @param byteOffset the line's first byte in the decompressed file
 * @param linesBefore lines before it, so its number is {@code linesBefore + 1}
 * @param unitsBefore units (lines, paragraphs, blocks: the parser's) dealt before it
 * @param paragraphUnit inside a long text paragraph: its unit; else -1
 * @param paragraphSentencesBefore inside a long text paragraph: its sentences before this line
 * @param documentIds JSON Lines: the document ids seen before it (to find duplicates), else null
 * @param paragraphLanguage routing by language, inside a long text paragraph: the language found at
 *     its start, which its rest keeps; else null
 */
record ResumePoint(
    long byteOffset,
    long linesBefore,
    long unitsBefore,
    long paragraphUnit,
    long paragraphSentencesBefore,
    DocumentIds.Snapshot documentIds,
    String paragraphLanguage) {
  static final ResumePoint START = new ResumePoint(0, 0, 0, -1, 0);

  ResumePoint(
      long byteOffset,
      long linesBefore,
      long unitsBefore,
      long paragraphUnit,
      long paragraphSentencesBefore) {
    this(byteOffset, linesBefore, unitsBefore, paragraphUnit, paragraphSentencesBefore, null, null);
  }

  static ResumePoint atUnit(long byteOffset, long linesBefore, long unitsBefore) {
    return new ResumePoint(byteOffset, linesBefore, unitsBefore, -1, 0);
  }

  /** This point, with the document ids seen before it. */
  ResumePoint withDocumentIds(DocumentIds.Snapshot ids) {
    return new ResumePoint(
        byteOffset,
        linesBefore,
        unitsBefore,
        paragraphUnit,
        paragraphSentencesBefore,
        ids,
        paragraphLanguage);
  }

  /** This point, inside a long paragraph routed to {@code language}'s model. */
  ResumePoint withParagraphLanguage(String language) {
    return new ResumePoint(
        byteOffset,
        linesBefore,
        unitsBefore,
        paragraphUnit,
        paragraphSentencesBefore,
        documentIds,
        language);
  }

  boolean isStart() {
    return byteOffset == 0 && linesBefore == 0;
  }

  boolean insideParagraph() {
    return paragraphUnit >= 0;
  }

  /**
   * Encodes the five numbers as variable-length longs, then the document ids if any, then the
   * paragraph's language if any.
   */
  static final class Coder extends AtomicCoder<ResumePoint> {
    private static final Coder INSTANCE = new Coder();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final org.apache.beam.sdk.coders.Coder<String> LANGUAGE =
        org.apache.beam.sdk.coders.NullableCoder.of(
            org.apache.beam.sdk.coders.StringUtf8Coder.of());

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ResumePoint p, OutputStream out) throws IOException {
      LONG.encode(p.byteOffset, out);
      LONG.encode(p.linesBefore, out);
      LONG.encode(p.unitsBefore, out);
      LONG.encode(p.paragraphUnit, out);
      LONG.encode(p.paragraphSentencesBefore, out);
      out.write(p.documentIds == null ? 0 : 1);
      if (p.documentIds != null) {
        DocumentIds.encode(p.documentIds, out);
      }
      LANGUAGE.encode(p.paragraphLanguage, out);
    }

    @Override
    public ResumePoint decode(InputStream in) throws IOException {
      long byteOffset = LONG.decode(in);
      long linesBefore = LONG.decode(in);
      long unitsBefore = LONG.decode(in);
      long paragraphUnit = LONG.decode(in);
      long sentencesBefore = LONG.decode(in);
      DocumentIds.Snapshot ids = in.read() == 1 ? DocumentIds.decode(in) : null;
      return new ResumePoint(
          byteOffset,
          linesBefore,
          unitsBefore,
          paragraphUnit,
          sentencesBefore,
          ids,
          LANGUAGE.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
