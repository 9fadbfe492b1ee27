package dev.tagpipe.io;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw text. Lines are grouped into paragraphs (separated by blank lines or by a line that must be
 * rejected); each paragraph is tokenized with CoreNLP's PTB tokenizer and split into sentences.
 * A sentence's id is {@code <file>:<line>:<n>}: it is the n-th sentence starting on that line.
 *
 * <p>The unit a {@link Share} deals is the paragraph (and each rejected line): paragraphs other
 * readers own are not tokenized, which is where the time goes.
 */
final class PlainTextParser implements SentenceParser {
  private static final String TOKENIZER_OPTIONS = "invertible=false,untokenizable=noneKeep";

  @Override
  public int unitsPerStripe() {
    return 16; // paragraphs are a few sentences each
  }

  @Override
  public void parse(String fileName, LineReader lines, Share share, SentenceSink sink)
      throws IOException {
    LineDecoder decoder = new LineDecoder();
    Paragraph paragraph = new Paragraph(fileName, share, sink);
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      LineDecoder.Result decoded = decoder.decode(line);
      if (decoded.problem != null) {
        paragraph.flush();
        paragraph.rejectLine(new Rejection(fileName + ":" + line.number, decoded.problem,
            decoded.text));
      } else if (decoded.text.isBlank()) {
        paragraph.flush();
      } else {
        paragraph.add(line.number, decoded.text);
      }
    }
    paragraph.flush();
  }

  private static final class Paragraph {
    final String fileName;
    final Share share;
    final SentenceSink sink;
    long units; // paragraphs and rejected lines so far: the ordinals a Share deals
    final StringBuilder text = new StringBuilder();
    final List<Integer> lineStarts = new ArrayList<>();
    final List<Long> lineNumbers = new ArrayList<>();

    Paragraph(String fileName, Share share, SentenceSink sink) {
      this.fileName = fileName;
      this.share = share;
      this.sink = sink;
    }

    void add(long number, String line) {
      if (text.length() > 0) {
        text.append('\n');
      }
      lineStarts.add(text.length());
      lineNumbers.add(number);
      text.append(line);
    }

    long lineOf(int charOffset) {
      int i = lineStarts.size() - 1;
      while (i > 0 && lineStarts.get(i) > charOffset) {
        i--;
      }
      return lineNumbers.get(i);
    }

    /** A line that cannot be text ends the paragraph and is a unit of its own. */
    void rejectLine(Rejection rejection) {
      if (share.owns(units++)) {
        sink.rejected(rejection);
      }
    }

    void flush() {
      if (text.length() == 0) {
        return;
      }
      if (share.owns(units++)) {
        tokenize();
      }
      text.setLength(0);
      lineStarts.clear();
      lineNumbers.clear();
    }

    private void tokenize() {
      PTBTokenizer<CoreLabel> tokenizer =
          new PTBTokenizer<>(
              new StringReader(text.toString()), new CoreLabelTokenFactory(), TOKENIZER_OPTIONS);
      List<CoreLabel> labels = tokenizer.tokenize();
      if (labels.isEmpty()) {
        sink.rejected(
            new Rejection(fileName + ":" + lineNumbers.get(0) + ":1",
                "no tokens after PTB tokenization", text.toString()));
      }
      List<List<CoreLabel>> sentences = new WordToSentenceProcessor<CoreLabel>().process(labels);
      long previousLine = -1;
      int n = 0;
      for (List<CoreLabel> sentence : sentences) {
        if (sentence.isEmpty()) {
          continue;
        }
        long line = lineOf(sentence.get(0).beginPosition());
        n = line == previousLine ? n + 1 : 1;
        previousLine = line;
        List<String> tokens = new ArrayList<>(sentence.size());
        for (CoreLabel label : sentence) {
          tokens.add(label.word());
        }
        sink.sentence(Sentence.of(fileName + ":" + line + ":" + n, tokens));
      }
    }
  }
}
