package dev.tagpipe.io;

import dev.tagpipe.model.Rejection;
import dev.tagpipe.model.Sentence;
import dev.tagpipe.model.SettingNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CoNLL-U: sentences are blocks separated by blank lines. Tokens are the FORM of word lines
 * (integer ID); multiword-token ranges (1-2) and empty nodes (1.1) are kept in the block but are
 * not tokens. A malformed block is rejected whole, with the line that is wrong.
 *
 * <p>The unit a {@link Shard} deals is the block. Blocks other readers own are still checked,
 * because whether a sent_id is a duplicate depends on every valid block before it; only their
 * output is dropped.
 */
final class ConlluParser implements SentenceParser {
  private static final Pattern WORD_ID = Pattern.compile("[1-9][0-9]*");
  private static final Pattern RANGE_ID = Pattern.compile("[1-9][0-9]*-[1-9][0-9]*");
  private static final Pattern EMPTY_NODE_ID = Pattern.compile("[0-9]+\\.[1-9][0-9]*");
  private static final Pattern SENT_ID = Pattern.compile("#\\s*sent_id\\s*=?\\s*(\\S.*?)\\s*");

  private static final SentenceSink DISCARD =
      new SentenceSink() {
        @Override
        public void sentence(Sentence sentence) {}

        @Override
        public void rejected(Rejection rejection) {}
      };

  /** A block of more lines than this many times maxSentenceTokens is not held whole. */
  static final int LINES_PER_TOKEN_LIMIT = 10;

  private static final Pattern NEWDOC = Pattern.compile("#\\s*newdoc\\b.*");

  private final int maxBlockLines;
  private final SettingNames names;
  private final TextLanguage language;

  /** {@code names}: how rejections name the settings they are about. */
  ConlluParser(int maxSentenceTokens, SettingNames names) {
    this(maxSentenceTokens, names, TextLanguage.ENGLISH);
  }

  /**
   * Routing by language ({@link TextLanguage#routed}): each document's language (from {@code #
   * newdoc} to the next, the file's first sentences a document too) is found from its first
   * sentence's words, and its sentences go to that language's model.
   */
  ConlluParser(int maxSentenceTokens, SettingNames names, TextLanguage language) {
    this.maxBlockLines = LINES_PER_TOKEN_LIMIT * maxSentenceTokens;
    this.names = names;
    this.language = language;
  }

  @Override
  public int unitsPerStripe() {
    return 64; // about 1,000 tokens of treebank text
  }

  @Override
  public void parse(
      String fileName, LineReader lines, Shard shard, SentenceSink sink, ResumePoint from)
      throws IOException {
    // No resume points: whether a sent_id is a duplicate depends on every block before it, so a
    // CoNLL-U file is parsed in one go (from the start) by each of its readers.
    if (!from.isStart()) {
      throw new IllegalArgumentException("a CoNLL-U file is read from its start, not " + from);
    }
    LineDecoder decoder = new LineDecoder(names);
    Map<String, Long> firstLineOfId = new HashMap<>();
    long blocks = 0;
    Block block = null;
    LanguageRouter router = LanguageRouter.of(this.language);
    Documents documents = router == null ? null : new Documents(router, fileName, firstLineOfId);
    for (LineReader.Line line = lines.next(); ; line = lines.next()) {
      LineDecoder.Result decoded = line == null ? null : decoder.decode(line);
      boolean blank = decoded != null && decoded.problem == null && decoded.text.isBlank();
      if (line == null || blank) {
        if (block != null) {
          SentenceSink to = shard.owns(blocks++) ? sink : DISCARD;
          if (documents == null) {
            block.finish(fileName, firstLineOfId, to);
          } else {
            documents.add(block, to);
          }
          block = null;
        }
        if (line == null) {
          if (documents != null) {
            documents.flush();
          }
          return;
        }
        continue;
      }
      if (block == null) {
        block = new Block(line.number, maxBlockLines, names);
      }
      block.add(line.number, decoded);
    }
  }

  /**
   * Routing by language: a document's first sentences are held until they have {@value
   * #ROUTING_CHARS} characters of words (or the document ends), its language is found from them,
   * and they and the rest of the document go to that language's model. Every reader sees every
   * block, so all find the same language for a document.
   */
  private static final int ROUTING_CHARS = 300;

  private static final class Documents {
    final LanguageRouter router;
    final String fileName;
    final Map<String, Long> firstLineOfId;
    final List<Block> held = new ArrayList<>();
    final List<SentenceSink> heldSinks = new ArrayList<>();
    final StringBuilder words = new StringBuilder();
    dev.tagpipe.lang.LanguageRouting.Route route; // the current document's, once found

    Documents(LanguageRouter router, String fileName, Map<String, Long> firstLineOfId) {
      this.router = router;
      this.fileName = fileName;
      this.firstLineOfId = firstLineOfId;
    }

    void add(Block block, SentenceSink sink) {
      if (block.newDocument) {
        flush(); // the document before ends here
        route = null;
        words.setLength(0);
      }
      if (route != null) {
        block.route = route;
        block.finish(fileName, firstLineOfId, sink);
        return;
      }
      held.add(block);
      heldSinks.add(sink);
      for (String token : block.tokens) {
        words.append(token).append(' ');
      }
      if (words.length() >= ROUTING_CHARS) {
        flush();
      }
    }

    /** Finds the held sentences' language, if not yet found, and hands them on. */
    void flush() {
      if (held.isEmpty()) {
        return;
      }
      if (route == null) {
        route = router.route(words);
      }
      for (int i = 0; i < held.size(); i++) {
        held.get(i).route = route;
        held.get(i).finish(fileName, firstLineOfId, heldSinks.get(i));
      }
      held.clear();
      heldSinks.clear();
    }
  }

  /** The lines of one sentence, checked as they arrive. */
  private static final class Block {
    final long firstLine;
    final int maxLines;
    final SettingNames names;
    final StringBuilder text = new StringBuilder();
    final List<String> tokens = new ArrayList<>();
    long lines;
    String sentId;
    String problem;
    boolean newDocument; // a # newdoc comment: the first sentence of a document
    dev.tagpipe.lang.LanguageRouting.Route route; // routing: its document's, else null

    Block(long firstLine, int maxLines, SettingNames names) {
      this.firstLine = firstLine;
      this.maxLines = maxLines;
      this.names = names;
    }

    void add(long lineNumber, LineDecoder.Result decoded) {
      if (++lines > maxLines) {
        if (lines == maxLines + 1) {
          // No blank line for far longer than any sentence: stop holding the block (its first
          // lines are kept for the rejection record) and only look for its end.
          problem =
              "line "
                  + lineNumber
                  + ": the block has more than "
                  + maxLines
                  + " lines"
                  + " ("
                  + LINES_PER_TOKEN_LIMIT
                  + " x "
                  + names.of("maxSentenceTokens")
                  + ") without a blank line; every sentence must end with a blank line";
          tokens.clear();
        }
        return;
      }
      if (text.length() <= Rejection.MAX_INPUT_CHARS || problem == null) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(decoded.text);
      }
      if (problem != null) {
        return;
      }
      if (decoded.problem != null) {
        problem = "line " + lineNumber + ": " + decoded.problem;
        return;
      }
      String line = decoded.text;
      if (line.startsWith("#")) {
        java.util.regex.Matcher m = SENT_ID.matcher(line);
        if (m.matches() && sentId == null) {
          sentId = m.group(1);
        }
        if (NEWDOC.matcher(line).matches()) {
          newDocument = true;
        }
        return;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != 10) {
        problem =
            "line " + lineNumber + ": expected 10 tab-separated columns, found " + columns.length;
        return;
      }
      String id = columns[0];
      if (WORD_ID.matcher(id).matches()) {
        if (Integer.parseInt(id) != tokens.size() + 1) {
          problem =
              "line "
                  + lineNumber
                  + ": word ID "
                  + id
                  + " out of sequence, expected "
                  + (tokens.size() + 1);
          return;
        }
        if (columns[1].isEmpty()) {
          problem = "line " + lineNumber + ": empty FORM";
          return;
        }
        tokens.add(columns[1]);
      } else if (!RANGE_ID.matcher(id).matches() && !EMPTY_NODE_ID.matcher(id).matches()) {
        problem =
            "line "
                + lineNumber
                + ": ID '"
                + id
                + "' is not a number, a range (1-2) or an empty node (1.1)";
      }
    }

    void finish(String fileName, Map<String, Long> firstLineOfId, SentenceSink sink) {
      String id = sentId != null ? sentId : fileName + ":" + firstLine;
      if (problem == null && sentId != null) {
        Long previous = firstLineOfId.putIfAbsent(sentId, firstLine);
        if (previous != null) {
          problem = "duplicate sent_id '" + sentId + "', first used at line " + previous;
          id = fileName + ":" + firstLine;
        }
      }
      if (problem == null && tokens.isEmpty()) {
        problem = "line " + firstLine + ": block has no word lines";
      }
      if (problem != null) {
        sink.rejected(
            new Rejection(
                id, "malformed CoNLL-U in " + fileName + ", " + problem, text.toString()));
      } else if (route == null) {
        sink.sentence(new Sentence(id, tokens, text.toString()));
      } else if (route.rejected()) {
        sink.rejected(new Rejection(id, route.rejection(), text.toString()));
      } else {
        sink.sentence(new Sentence(id, tokens, text.toString()).withLanguage(route.language()));
      }
    }
  }
}
