package org.rspharness.core.util;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML parser's error as one line that keeps its detail: SnakeYAML (under Jackson) writes a
 * context ("while scanning a simple key"), a problem ("could not find expected ':'") and, after
 * each, a mark with a source excerpt and a caret; the first line alone hides the problem.
 */
public final class YamlMessages {

  private static final Pattern MARK =
      Pattern.compile("^\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*$");

  /**
   * The parser's words joined on one line, and the line and column of the problem (the last mark),
   * or 0 when the message names none.
   */
  public record Detail(String text, int line, int column) {}

  private YamlMessages() {}

  /** Reads {@code message} (Jackson's {@code getOriginalMessage()} of a YAML parse error). */
  public static Detail of(String message) {
    if (message == null || message.isBlank()) {
      return new Detail("invalid YAML", 0, 0);
    }
    List<String> words = new ArrayList<>();
    int line = 0;
    int column = 0;
    String[] lines = message.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARK.matcher(lines[i]);
      if (m.matches()) {
        line = Integer.parseInt(m.group(1));
        column = Integer.parseInt(m.group(2));
        // the excerpt and its caret follow a mark
        while (i + 1 < lines.length
            && !lines[i + 1].strip().equals("^")
            && lines[i + 1].startsWith("    ")) {
          i++;
        }
        if (i + 1 < lines.length && lines[i + 1].strip().equals("^")) {
          i++;
        }
        continue;
      }
      String w = lines[i].strip();
      if (!w.isEmpty() && !w.equals("^")) {
        words.add(w);
      }
    }
    return new Detail(String.join(": ", words), line, column);
  }
}
