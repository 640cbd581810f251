package org.rspharness.scenario.report;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a run while it runs, for the console. On a terminal ({@code ansi}) one line is
 * redrawn in place: {@code [#######.............] 3/10 passed 2 failed 1 running: name}, and each
 * failed scenario leaves a {@code FAIL name 1.2 s} line above it; without ANSI (CI logs, files)
 * nothing is redrawn and each finished scenario prints one line, {@code PASS name 1.2 s}.
 *
 * <p>Thread-safe: scenarios run in parallel and report from their own threads; every method writes
 * its whole line under one lock, so lines never interleave. Calls after {@link #close()} are
 * ignored, so a scenario finishing late cannot scribble over the summary table.
 */
public final class ConsoleProgress implements AutoCloseable {

  /** Characters of the bar between the brackets. */
  public static final int BAR_WIDTH = 20;

  private static final String CLEAR_LINE = "\r\u001b[2K";
  private static final int DEFAULT_WIDTH = 100;

  private final PrintStream out;
  private final boolean ansi;
  private final int total;
  private final int width;
  // name -> how many runs of it are running; insertion order names the oldest first
  private final Map<String, Integer> running = new LinkedHashMap<>();
  private int passed;
  private int failed;
  private boolean closed;

  /**
   * Progress of {@code totalScenarios} scenarios written to {@code out}, redrawn in place when
   * {@code ansi}, lines at most 100 characters wide.
   */
  public ConsoleProgress(PrintStream out, boolean ansi, int totalScenarios) {
    this(out, ansi, totalScenarios, DEFAULT_WIDTH);
  }

  /** As {@link #ConsoleProgress(PrintStream, boolean, int)}, lines at most {@code width} wide. */
  public ConsoleProgress(PrintStream out, boolean ansi, int totalScenarios, int width) {
    if (out == null) {
      throw new IllegalArgumentException("out must not be null");
    }
    if (totalScenarios < 0) {
      throw new IllegalArgumentException("totalScenarios must be >= 0, got " + totalScenarios);
    }
    if (width < 40) {
      throw new IllegalArgumentException("width must be at least 40, got " + width);
    }
    this.out = out;
    this.ansi = ansi;
    this.total = totalScenarios;
    this.width = width;
  }

  /**
   * True when standard output is an interactive terminal that can redraw a line: a console is
   * attached (on Java 17, none when input or output is redirected) and {@code TERM} is not {@code
   * dumb}. What the CLI passes as {@code ansi} unless told otherwise.
   */
  public static boolean terminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  /** A scenario began; on a terminal the line now names it among the running ones. */
  public synchronized void scenarioStarted(String name) {
    if (closed) {
      return;
    }
    running.merge(clean(name), 1, Integer::sum);
    if (ansi) {
      redraw();
    }
  }

  /** A scenario ended after {@code nanos}; counted, and printed as one line without ANSI. */
  public synchronized void scenarioFinished(String name, boolean passed, long nanos) {
    if (closed) {
      return;
    }
    String n = clean(name);
    running.computeIfPresent(n, (k, v) -> v == 1 ? null : v - 1);
    if (passed) {
      this.passed++;
    } else {
      this.failed++;
    }
    String line = Text.truncate((passed ? "PASS " : "FAIL ") + n + " " + seconds(nanos), width);
    if (ansi) {
      if (!passed) {
        // a failure stays on screen above the bar, so it is seen while the run goes on
        out.print(CLEAR_LINE);
        out.println(line);
      }
      redraw();
    } else {
      out.println(line);
      out.flush();
    }
  }

  /** Scenarios finished so far. */
  public synchronized int finished() {
    return passed + failed;
  }

  /**
   * Ends the progress display: on a terminal the line is drawn a last time and ended, so what is
   * printed next starts on a fresh line. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (ansi) {
      redraw();
      out.println();
      out.flush();
    }
    closed = true;
  }

  /** The progress line as drawn now, without the escape that clears the line. */
  synchronized String line() {
    int done = passed + failed;
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * Math.min(done, total) / total);
    StringBuilder s = new StringBuilder(width);
    s.append('[')
        .append("#".repeat(filled))
        .append(".".repeat(BAR_WIDTH - filled))
        .append("] ")
        .append(done)
        .append('/')
        .append(total)
        .append(" passed ")
        .append(passed)
        .append(" failed ")
        .append(failed);
    int runningCount = running.values().stream().mapToInt(Integer::intValue).sum();
    if (runningCount > 0) {
      String first = running.keySet().iterator().next();
      s.append("  running: ").append(first);
      if (runningCount > 1) {
        s.append(" (+").append(runningCount - 1).append(')');
      }
    }
    return Text.truncate(s.toString(), width);
  }

  private void redraw() {
    out.print(CLEAR_LINE + line());
    out.flush();
  }

  /** "850 ms" below a second, "1.2 s" above. */
  static String seconds(long nanos) {
    if (nanos < 1_000_000_000L) {
      return Math.max(0, nanos / 1_000_000) + " ms";
    }
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  private static String clean(String name) {
    // A scenario name with control characters (escapes, line breaks) must not move the cursor.
    return name == null ? "(unnamed)" : name.replaceAll("\\p{Cntrl}", "?");
  }
}
