package dev.tagpipe.io;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One sentence per line, tokens separated by any Unicode whitespace. Blank lines are skipped. The
 * unit a {@link Shard} deals is the line: a line another reader owns is not even decoded.
 */
final class TokenLinesParser implements SentenceParser {
  private final SettingNames names;
  private final TextLanguage language;

  /** {@code names}: how rejections name the settings they are about. */
  TokenLinesParser(SettingNames names) {
    this(names, TextLanguage.ENGLISH);
  }

  /** Routing by language ({@link TextLanguage#routed}): each line's language is found. */
  TokenLinesParser(SettingNames names, TextLanguage language) {
    this.names = names;
    this.language = language;
  }

  @Override
  public int unitsPerStripe() {
    return 64; // about 1,000 tokens of running text
  }

  @Override
  public void parse(
      String fileName, LineReader lines, Shard shard, SentenceSink sink, ResumePoint from)
      throws IOException {
    LineDecoder decoder = new LineDecoder(names);
    LanguageRouter router = LanguageRouter.of(language);
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (!shard.owns(line.number - 1)) {
        continue;
      }
      // Every line is a unit of its own: any line start is a clean place to resume.
      sink.resumableAt(ResumePoint.atUnit(line.startOffset, line.number - 1, line.number - 1));
      String id = fileName + ":" + line.number;
      LineDecoder.Result decoded = decoder.decode(line);
      if (decoded.problem != null) {
        sink.rejected(new Rejection(id, decoded.problem, decoded.text));
        continue;
      }
      List<String> tokens = splitOnWhitespace(decoded.text);
      if (tokens.isEmpty()) {
        continue;
      }
      if (router == null) {
        sink.sentence(Sentence.of(id, tokens));
        continue;
      }
      // Routing: a line's language is found from the line itself, one sentence.
      dev.tagpipe.lang.LanguageRouting.Route route = router.route(decoded.text);
      if (route.rejected()) {
        sink.rejected(new Rejection(id, route.rejection(), decoded.text));
      } else {
        sink.sentence(Sentence.of(id, tokens).withLanguage(route.language()));
      }
    }
  }

  static List<String> splitOnWhitespace(String text) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
      if (space) {
        if (start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      tokens.add(text.substring(start));
    }
    return tokens;
  }
}
