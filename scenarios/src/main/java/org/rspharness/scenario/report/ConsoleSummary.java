package org.rspharness.scenario.report;

import java.util.ArrayList;
import java.util.List;
import org.rspharness.scenario.kpi.Acceptance;

/**
 * The summary table printed at the end of a run: scenario, result, duration and the first failed
 * expectation in one line, columns aligned, each line at most {@code width} characters (long names
 * and messages cut with an ellipsis), plain text unless colour is asked for.
 */
public final class ConsoleSummary {

  private static final String GREEN = "\u001b[32m";
  private static final String RED = "\u001b[31m";
  private static final String RESET = "\u001b[0m";
  private static final int MIN_WIDTH = 40;

  private final int width;
  private final boolean colour;

  /**
   * A table at most {@code width} columns wide (at least {@value #MIN_WIDTH}), with ANSI colours on
   * the result column when {@code colour}.
   */
  public ConsoleSummary(int width, boolean colour) {
    if (width < MIN_WIDTH) {
      throw new IllegalArgumentException("width must be at least " + MIN_WIDTH + ", got " + width);
    }
    this.width = width;
    this.colour = colour;
  }

  /** A plain table 100 columns wide. */
  public static ConsoleSummary plain() {
    return new ConsoleSummary(100, false);
  }

  /** The table, one line per scenario, a header and a totals line; lines end with '\n'. */
  public String render(RunSummary run) {
    List<String[]> rows = new ArrayList<>();
    for (ScenarioSummary s : run.scenarios()) {
      rows.add(
          new String[] {
            oneLine(s.name()),
            s.result() == ScenarioSummary.Result.PASSED ? "PASS" : "FAIL",
            Text.duration(s.durationNanos()),
            s.failure().map(StepSummary::oneLine).orElse("")
          });
    }
    String[] header = {"SCENARIO", "RESULT", "DURATION", "FIRST FAILURE"};
    int resultW = header[1].length();
    int durW = header[2].length();
    int nameW = header[0].length();
    for (String[] r : rows) {
      durW = Math.max(durW, r[2].length());
      nameW = Math.max(nameW, r[0].length());
    }
    // The name takes at most 40% of the line; the message gets the rest.
    nameW = Math.min(nameW, Math.max(header[0].length(), width * 2 / 5));
    int msgW = Math.max(1, width - nameW - resultW - durW - 6);

    StringBuilder out = new StringBuilder();
    appendRow(out, header, nameW, resultW, durW, msgW, false);
    out.append("-".repeat(Math.min(width, nameW + resultW + durW + 6 + msgW))).append('\n');
    for (String[] r : rows) {
      appendRow(out, r, nameW, resultW, durW, msgW, colour);
    }
    out.append(Text.truncate(totals(run), width)).append('\n');
    for (String b : run.lpaBehaviours()) {
      out.append(Text.truncate("LPA behaviour " + b, width)).append('\n');
    }
    out.append(renderDeviations(run));
    return out.toString();
  }

  /** The deviations from SGP.22 the run saw: a count, then one line per kind; empty when none. */
  public String renderDeviations(RunSummary run) {
    return renderDeviations(run.deviations());
  }

  /** As {@link #renderDeviations(RunSummary)} for {@code deviations} of any source. */
  public String renderDeviations(List<DeviationFinding> deviations) {
    if (deviations.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder("deviations from SGP.22: ")
            .append(deviations.stream().mapToInt(DeviationFinding::count).sum())
            .append(" (")
            .append(deviations.size())
            .append(" kind(s))\n");
    for (DeviationFinding d : deviations) {
      out.append(Text.truncate("  " + d.scenario() + ": " + oneLine(d.line()), width)).append('\n');
    }
    return out.toString();
  }

  /** {@code 5 scenarios, 4 passed, 1 failed, 16.2 s}. */
  public String totals(RunSummary run) {
    String totals =
        run.scenarios().size()
            + " scenarios, "
            + run.passed()
            + " passed, "
            + run.failed()
            + " failed, "
            + Text.duration(run.durationNanos());
    if (run.unattributedEvents() > 0) {
      totals += ", " + run.unattributedEvents() + " events outside any scenario";
    }
    return totals;
  }

  /**
   * Each failed scenario's first failure in full (the table cuts it to the width): {@code FAIL
   * name} on one line, the reason wrapped at the width below it, indented; empty when all passed.
   */
  public String renderFailures(RunSummary run) {
    StringBuilder out = new StringBuilder();
    for (ScenarioSummary s : run.scenarios()) {
      if (s.failure().isEmpty()) {
        continue;
      }
      if (out.length() == 0) {
        out.append("failures:\n");
      }
      out.append(colour ? RED + "FAIL" + RESET : "FAIL").append(' ').append(oneLine(s.name()));
      out.append('\n');
      for (String line : wrap(oneLine(s.failure().get().oneLine()), width - 4)) {
        out.append("    ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** Words of {@code text} in lines of at most {@code w} characters (a longer word alone). */
  static List<String> wrap(String text, int w) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > w) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** The terminal's width from {@code COLUMNS} when set, else 100. */
  public static int terminalWidth() {
    try {
      String c = System.getenv("COLUMNS");
      return c == null ? 100 : Math.max(MIN_WIDTH, Integer.parseInt(c.strip()));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** The table, then the verdict lines when {@code verdict} is not null. */
  public String render(RunSummary run, Acceptance.Verdict verdict) {
    return verdict == null ? render(run) : render(run) + renderVerdict(verdict);
  }

  /**
   * The acceptance verdict: a header line, one line per threshold ({@code PASS}/{@code FAIL}, the
   * KPI, its measured value and limit) and the overall verdict, each cut to the table's width.
   */
  public String renderVerdict(Acceptance.Verdict verdict) {
    StringBuilder out = new StringBuilder();
    for (String line : verdict.render().split("\n")) {
      String plain = Text.truncate(oneLine(line), width);
      if (colour) {
        plain =
            plain
                .replaceFirst("^  PASS", "  " + GREEN + "PASS" + RESET)
                .replaceFirst("^  FAIL", "  " + RED + "FAIL" + RESET)
                .replaceFirst("^verdict: PASSED", "verdict: " + GREEN + "PASSED" + RESET)
                .replaceFirst("^verdict: FAILED", "verdict: " + RED + "FAILED" + RESET);
      }
      out.append(plain).append('\n');
    }
    return out.toString();
  }

  private static void appendRow(
      StringBuilder out,
      String[] r,
      int nameW,
      int resultW,
      int durW,
      int msgW,
      boolean colourResult) {
    StringBuilder line = new StringBuilder();
    line.append(pad(Text.truncate(r[0], nameW), nameW)).append("  ");
    String result = pad(r[1], resultW);
    if (colourResult) {
      result = (r[1].equals("PASS") ? GREEN : RED) + result + RESET;
    }
    line.append(result).append("  ");
    line.append(" ".repeat(durW - r[2].length())).append(r[2]).append("  ");
    line.append(Text.truncate(oneLine(r[3]), msgW));
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  private static String oneLine(String s) {
    // Control characters (ANSI escapes from a peer's message included) must not reach a terminal.
    return s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?");
  }
}
