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
 */
final class PlainTextParser implements SentenceParser {
  private static final String TOKENIZER_OPTIONS = "invertible=false,untokenizable=noneKeep";

  @Override
  public void parse(String fileName, LineReader lines, SentenceSink sink) throws IOException {
    LineDecoder decoder = new LineDecoder();
    Paragraph paragraph = new Paragraph();
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      LineDecoder.Result decoded = decoder.decode(line);
      if (decoded.problem != null) {
        paragraph.flush(fileName, sink);
        sink.rejected(new Rejection(fileName + ":" + line.number, decoded.problem, decoded.text));
      } else if (decoded.text.isBlank()) {
        paragraph.flush(fileName, sink);
      } else {
        paragraph.add(line.number, decoded.text);
      }
    }
    paragraph.flush(fileName, sink);
  }

  private static final class Paragraph {
    final StringBuilder text = new StringBuilder();
    final List<Integer> lineStarts = new ArrayList<>();
    final List<Long> lineNumbers = new ArrayList<>();

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

    void flush(String fileName, SentenceSink sink) {
      if (text.length() == 0) {
        return;
      }
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
      text.setLength(0);
      lineStarts.clear();
      lineNumbers.clear();
    }
  }
}
