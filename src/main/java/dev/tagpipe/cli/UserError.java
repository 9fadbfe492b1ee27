package dev.tagpipe.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mistake in what the user asked for. Reported as one clear message, never a stack trace. */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  /**
   * The first {@code --name=value} option given more than once in {@code args}, said in one line
   * (Beam's own message names neither the option nor the fix), or null if none is.
   */
  public static UserError optionGivenTwice(Iterable<String> args) {
    Map<String, List<String>> seen = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2) {
        seen.computeIfAbsent(a.substring(2, eq), k -> new ArrayList<>()).add(a.substring(eq + 1));
      }
    }
    for (Map.Entry<String, List<String>> option : seen.entrySet()) {
      if (option.getValue().size() > 1) {
        return new UserError(
            "--"
                + option.getKey()
                + " was given "
                + option.getValue().size()
                + " times ("
                + String.join(", ", option.getValue())
                + "); give it once");
      }
    }
    return null;
  }
}
