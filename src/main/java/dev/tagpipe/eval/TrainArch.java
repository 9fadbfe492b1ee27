package dev.tagpipe.eval;

import edu.stanford.nlp.process.WordShapeClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code --arch} before training starts. CoreNLP's trainer logs and ignores a feature name
 * it does not know and reads a malformed number as 0, so a typo would silently train a different
 * model; here every comma-separated feature must be one that CoreNLP 4.5's {@code ExtractorFrames}
 * or {@code ExtractorFramesRare} builds, with arguments of the right kind.
 */
final class TrainArch {
  private TrainArch() {}

  /** What a feature's parentheses hold. */
  private enum Args {
    NONE,
    INTS_1_2,
    INTS_1,
    INTS_2,
    INTS_3,
    SHAPES,
    CLASS,
    DISTSIM
  }

  // The feature names of CoreNLP 4.5.10's tagger (ExtractorFrames and ExtractorFramesRare
  // javadoc and option parsing), with the arguments each takes.
  private static final Map<String, Args> FEATURES =
      Map.ofEntries(
          // macros
          Map.entry("left3words", Args.NONE),
          Map.entry("left5words", Args.NONE),
          Map.entry("generic", Args.NONE),
          Map.entry("bidirectional", Args.NONE),
          Map.entry("bidirectional5words", Args.NONE),
          // word and tag windows (ExtractorFrames)
          Map.entry("words", Args.INTS_1_2),
          Map.entry("tags", Args.INTS_1_2),
          Map.entry("biwords", Args.INTS_2),
          Map.entry("biword", Args.INTS_2),
          Map.entry("twoTags", Args.INTS_2),
          Map.entry("lowercasewords", Args.INTS_1_2),
          Map.entry("order", Args.INTS_1_2),
          Map.entry("wordTag", Args.INTS_2),
          Map.entry("wordTwoTags", Args.INTS_3),
          Map.entry("threeTags", Args.INTS_3),
          Map.entry("vbn", Args.INTS_1),
          Map.entry("allwordshapes", Args.SHAPES),
          Map.entry("allwordshapeconjunction", Args.SHAPES),
          Map.entry("allunicodeshapes", Args.INTS_2),
          Map.entry("allunicodeshapeconjunction", Args.INTS_2),
          Map.entry("spanishauxiliaries", Args.NONE),
          Map.entry("extractor", Args.CLASS),
          // rare and unknown word features (ExtractorFramesRare)
          Map.entry("naacl2003unknowns", Args.NONE),
          Map.entry("lnaacl2003unknowns", Args.NONE),
          Map.entry("caselessnaacl2003unknowns", Args.NONE),
          Map.entry("naacl2003conjunctions", Args.NONE),
          Map.entry("frenchunknowns", Args.NONE),
          Map.entry("spanishunknowns", Args.NONE),
          Map.entry("motleyUnknown", Args.NONE),
          Map.entry("lctagfeatures", Args.NONE),
          Map.entry("wordshapes", Args.SHAPES),
          Map.entry("wordshapeconjunction", Args.SHAPES),
          Map.entry("unicodeshapes", Args.INTS_1_2),
          Map.entry("unicodeshapeconjunction", Args.INTS_2),
          Map.entry("suffix", Args.INTS_1_2),
          Map.entry("prefix", Args.INTS_1_2),
          Map.entry("prefixsuffix", Args.INTS_1),
          Map.entry("capitalizationsuffix", Args.INTS_1),
          Map.entry("distsim", Args.DISTSIM),
          Map.entry("distsimconjunction", Args.DISTSIM),
          Map.entry("rareExtractor", Args.CLASS));

  // The bare keywords CoreNLP compares ignoring case; every other name is case-sensitive there.
  private static final List<String> CASELESS =
      List.of(
          "naacl2003unknowns",
          "lnaacl2003unknowns",
          "caselessnaacl2003unknowns",
          "naacl2003conjunctions",
          "frenchunknowns",
          "spanishunknowns",
          "motleyunknown",
          "lctagfeatures",
          "spanishauxiliaries");

  private static final Pattern FEATURE = Pattern.compile("([A-Za-z0-9]+)(?:\\(([^()]*)\\))?");
  private static final String TAGGER_PACKAGE = "edu.stanford.nlp.tagger.maxent.";

  /** Null if CoreNLP's trainer builds {@code arch} as written; else what is wrong, one line. */
  static String problem(String arch) {
    if (arch.isBlank()) {
      return "--arch is empty; give features such as " + Train.ARCH;
    }
    for (String item : splitTopLevel(arch)) {
      String p = problemWith(item.strip());
      if (p != null) {
        return "--arch=" + arch + ": " + p;
      }
    }
    return null;
  }

  private static String problemWith(String item) {
    Matcher m = FEATURE.matcher(item);
    if (!m.matches()) {
      return "'" + item + "' is not of the form name or name(arguments)";
    }
    String name = m.group(1);
    Args kind = FEATURES.get(name);
    if (kind == null && CASELESS.contains(name.toLowerCase(Locale.ROOT))) {
      kind = Args.NONE;
    }
    if (kind == null) {
      return "'"
          + name
          + "' is not a feature of CoreNLP's tagger (see the javadoc of"
          + " ExtractorFrames and ExtractorFramesRare; e.g. left3words, bidirectional,"
          + " words(-1,1), order(2), prefix(3), suffix(4), wordshapes(-1,1),"
          + " naacl2003unknowns, distsim(FILE,-1,1))";
    }
    String inside = m.group(2);
    if (kind == Args.NONE) {
      return inside == null ? null : "'" + name + "' takes no arguments";
    }
    if (inside == null) {
      return "'" + name + "' needs arguments in parentheses, e.g. " + example(kind, name);
    }
    String[] args = inside.split(",", -1);
    for (int i = 0; i < args.length; i++) {
      args[i] = args[i].strip();
    }
    switch (kind) {
      case INTS_1:
        return ints(name, args, 1, 1, kind);
      case INTS_2:
        return ints(name, args, 2, 2, kind);
      case INTS_3:
        return ints(name, args, 3, 3, kind);
      case INTS_1_2:
        return ints(name, args, 1, 2, kind);
      case SHAPES:
        {
          String p =
              ints(name, java.util.Arrays.copyOf(args, Math.min(args.length, 2)), 2, 2, kind);
          if (p == null && args.length > 3) {
            p = "'" + item + "' has " + args.length + " arguments; it takes 2 or 3";
          }
          if (p == null
              && args.length == 3
              && WordShapeClassifier.lookupShaper(args[2]) == WordShapeClassifier.NOWORDSHAPE) {
            p =
                "'"
                    + args[2]
                    + "' in "
                    + item
                    + " is not a word shape classifier of CoreNLP"
                    + " (e.g. chris2, chris4, dan2)";
          }
          return p;
        }
      case CLASS:
        return extractorClass(item, args);
      case DISTSIM:
        return distsim(item, name, args);
      default:
        throw new AssertionError(kind);
    }
  }

  private static String ints(String name, String[] args, int min, int max, Args kind) {
    if (args.length < min || args.length > max) {
      return "'"
          + name
          + "' takes "
          + (min == max ? "" + min : min + " or " + max)
          + " whole-number arguments, e.g. "
          + example(kind, name);
    }
    for (String a : args) {
      if (!a.matches("[+-]?[0-9]+")) {
        return "'"
            + a
            + "' in "
            + name
            + "(...) is not a whole number (CoreNLP would read it"
            + " as 0)";
      }
    }
    return null;
  }

  private static String extractorClass(String item, String[] args) {
    String name = args.length == 1 ? args[0] : "";
    // Only CoreNLP's own extractors: a model holding any other class would not pass tagpipe's
    // model loader, so training it would waste the run.
    if (!name.startsWith(TAGGER_PACKAGE) || name.indexOf('.', TAGGER_PACKAGE.length()) >= 0) {
      return "'"
          + item
          + "' must name one of CoreNLP's extractor classes ("
          + TAGGER_PACKAGE
          + "...); tagpipe loads no model with other classes";
    }
    try {
      Class<?> c = Class.forName(name, false, TrainArch.class.getClassLoader());
      Class<?> extractor =
          Class.forName(TAGGER_PACKAGE + "Extractor", false, TrainArch.class.getClassLoader());
      if (!extractor.isAssignableFrom(c)) {
        return "'" + name + "' in " + item + " is not an Extractor";
      }
    } catch (ClassNotFoundException e) {
      return "'" + name + "' in " + item + " is not a class of CoreNLP";
    }
    return null;
  }

  private static String distsim(String item, String name, String[] args) {
    if (args.length != 3) {
      return "'"
          + name
          + "' takes a cluster file and two whole numbers, e.g. "
          + example(Args.DISTSIM, name);
    }
    String p = ints(name, new String[] {args[1], args[2]}, 2, 2, Args.DISTSIM);
    if (p != null) {
      return p;
    }
    String[] pieces = args[0].split(";");
    for (int i = 1; i < pieces.length; i++) {
      if (!pieces[i].equalsIgnoreCase("mapdigits") && !pieces[i].equalsIgnoreCase("casedDistSim")) {
        return "'"
            + pieces[i]
            + "' in "
            + item
            + " is not a distsim option (mapdigits,"
            + " casedDistSim)";
      }
    }
    // CoreNLP expands its macros by plain text replacement over the whole arch, paths too.
    for (String macro : List.of("left3words", "left5words", "generic", "bidirectional")) {
      if (pieces[0].contains(macro)) {
        return "the cluster file path "
            + pieces[0]
            + " contains '"
            + macro
            + "', which CoreNLP"
            + " rewrites anywhere in an arch; rename or move the file";
      }
    }
    Path clusters = Path.of(pieces[0]);
    if (!Files.isRegularFile(clusters) || !Files.isReadable(clusters)) {
      return "the cluster file "
          + pieces[0]
          + " of "
          + name
          + "(...) is not a readable file"
          + " (it holds lines 'word cluster')";
    }
    return null;
  }

  private static String example(Args kind, String name) {
    switch (kind) {
      case INTS_1:
        return name + "(3)";
      case INTS_3:
        return name + "(0,-1,1)";
      case DISTSIM:
        return name + "(clusters.txt,-1,1)";
      case CLASS:
        return name + "(" + TAGGER_PACKAGE + "ExtractorCNumber)";
      default:
        return name + "(-1,1)";
    }
  }

  /** Splits at the commas outside parentheses. */
  private static List<String> splitTopLevel(String arch) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < arch.length(); i++) {
      char c = arch.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(arch.substring(start, i));
        start = i + 1;
      }
    }
    items.add(arch.substring(start));
    return items;
  }
}
