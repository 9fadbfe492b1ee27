package dev.tagpipe.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code --model} asks for: one model for every text (a name, a file or a URI), or a model per
 * language with each document routed to its language's: a list {@code en:english,fr:french} or
 * {@code auto} (every installed model). A list entry's value is a name, file or URI too; {@code
 * gs://...} is a URI, not a language {@code gs}, because an entry's value never starts with "//".
 */
record ModelChoice(String single, Map<String, String> byLanguage, boolean auto) {
  static final String AUTO = "auto";

  private static final Pattern ENTRY = Pattern.compile("([a-z]{2}):(?!//)(.+)");

  static ModelChoice parse(String spec) {
    if (spec.equals(AUTO)) {
      return new ModelChoice(null, Map.of(), true);
    }
    if (!spec.contains(",") && !ENTRY.matcher(spec).matches()) {
      return new ModelChoice(spec, Map.of(), false);
    }
    Map<String, String> byLanguage = new LinkedHashMap<>();
    for (String entry : spec.split(",", -1)) {
      java.util.regex.Matcher m = ENTRY.matcher(entry.strip());
      if (!m.matches()) {
        throw new UserError(
            "--model="
                + spec
                + ": '"
                + entry
                + "' is not LANG:MODEL; give one model (a name, file or URI), a list such as"
                + " --model=en:english,fr:french, or --model=auto");
      }
      if (byLanguage.put(m.group(1), m.group(2)) != null) {
        throw new UserError("--model=" + spec + " gives language " + m.group(1) + " twice");
      }
    }
    return new ModelChoice(null, Map.copyOf(byLanguage), false);
  }

  /** Whether documents are routed to their language's model. */
  boolean routed() {
    return single == null;
  }
}
