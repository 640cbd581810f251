package org.rspharness.scenario.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.Es10CommandNames;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiValues;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.kpi.Threshold;

/**
 * A self-contained HTML report (one file, no network, no library): an overview table, the
 * acceptance verdict when there is one (each threshold, its limit and the measured value), timing
 * charts in inline SVG (per scenario its duration with the steps as segments, the run's timeline,
 * and min/median/max of each exchange kind across scenarios), then per scenario its result, a chart
 * of its step durations and a message-sequence diagram drawn with HTML/CSS grids on the lanes
 * Operator, SM-DP+, LPA, eUICC (see {@link Lanes}). Each exchange is a {@code <details>} element: a
 * click shows its decoded content (hex; JSON bodies pretty-printed with their base64 values decoded
 * to TLV trees; ES10 commands and responses carried by STORE DATA, reassembled across blocks and
 * GET RESPONSE, as TLV trees with SGP.22 tag names). The exchange blamed for a failure is
 * highlighted and open; injected faults are markers on the lane of the layer that applied them. The
 * KPI section draws the {@link KpiChart}s it is given (see {@link KpiCharts}).
 *
 * <p>The page works without script; its one inline script (no source from outside, no text from
 * events) only adds conveniences (expand/collapse all, show only failed scenarios) and marks the
 * body {@code data-rendered="yes"} so a headless browser check can tell that it ran.
 *
 * <p>Everything from the events goes through one escaping function, and the output is well-formed
 * XML as well as HTML, so a test can parse it strictly. Bodies over {@value #MAX_BODY} bytes are
 * cut, with a note saying so.
 */
public final class HtmlReport {

  /** Bodies longer than this many bytes are truncated in the report. */
  public static final int MAX_BODY = 4096;

  /** JSON bodies up to this size have their base64 values decoded (a BPP is well below). */
  static final int MAX_JSON = 2_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The page's own script ({@code report.js} beside this class): conveniences only (the report
   * reads fine without it). Written without '<' and '&' so that the page stays well-formed XML.
   */
  static final String SCRIPT = resource("report.js");

  /** The page's style sheet ({@code report.css} beside this class). */
  private static final String CSS = resource("report.css");

  private HtmlReport() {}

  /** Writes the report, UTF-8, to {@code file}. */
  public static void write(RunSummary run, Path file) throws IOException {
    Files.writeString(file, render(run), StandardCharsets.UTF_8);
  }

  /** The whole HTML document, with an empty KPI section. */
  public static String render(RunSummary run) {
    return render(run, List.of());
  }

  /** Writes the report with its KPI charts, UTF-8, to {@code file}. */
  public static void write(RunSummary run, List<KpiChart> kpis, Path file) throws IOException {
    Files.writeString(file, render(run, kpis), StandardCharsets.UTF_8);
  }

  /**
   * The whole HTML document; {@code kpis} are drawn in the KPI section after the timing charts
   * (which says so when there are none).
   */
  public static String render(RunSummary run, List<KpiChart> kpis) {
    return render(run, kpis, null);
  }

  /** Writes the report with its KPI charts and acceptance verdict, UTF-8, to {@code file}. */
  public static void write(
      RunSummary run, List<KpiChart> kpis, Acceptance.Verdict verdict, Path file)
      throws IOException {
    Files.writeString(file, render(run, kpis, verdict), StandardCharsets.UTF_8);
  }

  /**
   * The whole HTML document with the KPI charts and, when {@code verdict} is not null, the
   * acceptance table (threshold, limit, measured value, PASS/FAIL) after the overview.
   */
  public static String render(RunSummary run, List<KpiChart> kpis, Acceptance.Verdict verdict) {
    List<Event> all = new ArrayList<>();
    run.scenarios().forEach(s -> all.addAll(s.events()));
    all.sort(java.util.Comparator.comparingLong(Event::seq));
    return render(new RunResult(run, Kpis.of(all), verdict), kpis, Options.DEFAULTS);
  }

  /**
   * Which sessions (scenarios of a scenario run, activations of a load run) get a message-sequence
   * diagram: every failed one, and the first {@code sample} of the others; the first {@code
   * detailed} drawn ones (failed first) carry every message's decoded content, the others their
   * arrows with one line each (and the failing exchange in full).
   *
   * @param sample passed sessions drawn, in run order
   * @param detailed sessions whose messages are decoded in full
   */
  public record Options(int sample, int detailed) {

    /** Every session drawn, 10 of them (failed ones first) with decoded messages. */
    public static final Options DEFAULTS = new Options(Integer.MAX_VALUE, 10);

    /** For load runs: 5 passed sessions as samples besides the failed ones; 5 decoded. */
    public static final Options LOAD = new Options(5, 5);

    public Options {
      if (sample < 0 || detailed < 0) {
        throw new IllegalArgumentException("sample, detailed: 0 or more");
      }
    }
  }

  /** Writes {@link #render(RunResult, List, Options)}, UTF-8, to {@code file}. */
  public static void write(RunResult result, List<KpiChart> kpis, Options options, Path file)
      throws IOException {
    Files.writeString(file, render(result, kpis, options), StandardCharsets.UTF_8);
  }

  /**
   * The report of a run's one result: its verdict and why, the stress it ran under, the overview,
   * the acceptance table, the KPI table ({@link KpiValues}, as every other report prints it), the
   * timing and KPI charts over all sessions, then the drawn sessions ({@link Options}).
   */
  public static String render(RunResult result, List<KpiChart> kpis, Options options) {
    RunSummary run = result.run();
    Acceptance.Verdict verdict = result.acceptance();
    StringBuilder out = new StringBuilder(16_384);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.append("<title>RSP Harness report</title>\n<style>\n")
        .append(CSS)
        .append("\n</style>\n</head>\n<body data-rendered=\"no\">\n");
    List<ScenarioSummary> sessions = Sessions.of(result);
    out.append("<h1>RSP Harness ")
        .append(result.loadRun() ? "load run" : "run")
        .append(" \u2014 <span id=\"verdict\" class=\"")
        .append(result.result())
        .append("\">")
        .append(result.result())
        .append("</span></h1>\n");
    List<String> why = result.failures();
    if (!why.isEmpty()) {
      out.append("<ul class=\"why\">");
      for (String w : why) {
        out.append("<li>").append(e(w)).append("</li>");
      }
      out.append("</ul>\n");
    }
    out.append("<p>");
    if (result.loadRun()) {
      long failed = sessions.stream().filter(x -> x.firstFailure() != null).count();
      out.append(sessions.size())
          .append(" activations (sessions): ")
          .append(sessions.size() - failed)
          .append(" without failure, ")
          .append(failed)
          .append(" with a failed step; ");
    } else {
      out.append(run.scenarios().size())
          .append(" scenarios: ")
          .append(run.passed())
          .append(" passed, ")
          .append(run.failed())
          .append(" failed; ");
    }
    out.append(e(Text.duration(run.durationNanos())));
    if (run.startWall() != null) {
      out.append("; started ").append(e(run.startWall().toString()));
    }
    out.append("; ").append(run.eventCount()).append(" events");
    if (run.unattributedEvents() > 0) {
      out.append(" (").append(run.unattributedEvents()).append(" outside any scenario)");
    }
    out.append("</p>\n");
    KpiValues values = KpiValues.of(result.kpis());
    out.append("<p class=\"stress\">stress: ")
        .append(
            e(
                values.stress().isEmpty()
                    ? "none (no network profile, no fault rules)"
                    : String.join("; ", values.stress())))
        .append("</p>\n");
    out.append("<p id=\"controls\" hidden=\"hidden\">")
        .append("<button type=\"button\" id=\"expand-all\">Expand all messages</button>")
        .append("<button type=\"button\" id=\"collapse-all\">Collapse all</button>")
        .append("<label><input type=\"checkbox\" id=\"only-failed\"/> only failed scenarios")
        .append("</label></p>\n");
    // which sessions are drawn, and which of them in full detail
    List<Integer> drawn = new ArrayList<>();
    int passedDrawn = 0;
    for (int i = 0; i < sessions.size(); i++) {
      if (sessions.get(i).firstFailure() != null) {
        drawn.add(i);
      } else if (passedDrawn < options.sample()) {
        drawn.add(i);
        passedDrawn++;
      }
    }
    Set<Integer> detailed = new java.util.HashSet<>();
    drawn.stream()
        .sorted(
            java.util.Comparator.comparing((Integer i) -> sessions.get(i).firstFailure() == null)
                .thenComparing(i -> i))
        .limit(options.detailed())
        .forEach(detailed::add);
    Set<Integer> drawnSet = new java.util.HashSet<>(drawn);
    if (!result.loadRun()) {
      overview(out, sessions, drawnSet, false);
    }
    if (verdict != null) {
      acceptance(out, verdict);
    }
    deviations(out, run.deviations());
    kpiTable(out, values);
    if (!result.loadRun()) {
      timings(out, run);
    }
    kpiSection(out, kpis);
    if (result.loadRun()) {
      // a load run's aggregate views come first; its failed activations after them
      overview(out, sessions, drawnSet, true);
    }
    if (drawn.size() < sessions.size()) {
      out.append("<p class=\"placeholder\">")
          .append(drawn.size())
          .append(" of ")
          .append(sessions.size())
          .append(" sessions drawn below: every one with a failure and ")
          .append(passedDrawn)
          .append(
              " samples of the others (--report-sample); every event is in events.jsonl.</p>\n");
    }
    for (int i : drawn) {
      scenario(out, sessions.get(i), i, detailed.contains(i));
    }
    out.append("<script>").append(SCRIPT).append("</script>\n");
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  /** The KPIs as a table; each row carries the KPI's name and plain value for machines. */
  private static void kpiTable(StringBuilder out, KpiValues values) {
    out.append("<section id=\"kpi-table\">\n<h2>KPIs</h2>\n<table class=\"acceptance kpis\">\n")
        .append("<tr><th>KPI</th><th>Value</th></tr>\n");
    for (KpiValues.Entry en : values.entries()) {
      out.append("<tr data-kpi=\"")
          .append(e(en.name()))
          .append("\" data-value=\"")
          .append(KpiValues.number(en.value()))
          .append("\"><td>")
          .append(e(en.label().strip()))
          .append("</td><td>")
          .append(e(en.text()))
          .append("</td></tr>\n");
    }
    out.append("</table>\n</section>\n");
  }

  /** The acceptance verdict: one row per threshold, the measured value beside its limit. */
  private static void acceptance(StringBuilder out, Acceptance.Verdict verdict) {
    String result = verdict.passed() ? "PASSED" : "FAILED";
    out.append("<section id=\"acceptance\">\n<h2>Acceptance '")
        .append(e(verdict.acceptance().name()))
        .append("' \u2014 <span class=\"")
        .append(result)
        .append("\">")
        .append(result)
        .append("</span></h2>\n");
    if (verdict.acceptance().networkProfile() != null) {
      out.append("<p>network profile ")
          .append(e(verdict.acceptance().networkProfile()))
          .append("</p>\n");
    }
    out.append("<table class=\"acceptance\">\n<tr><th>Threshold</th><th>Limit</th>")
        .append("<th>Measured</th><th>Result</th></tr>\n");
    for (Acceptance.Check c : verdict.checks()) {
      Threshold t = c.threshold();
      String verdictText = c.passed() ? "PASS" : "FAIL";
      out.append("<tr data-result=\"")
          .append(verdictText)
          .append("\"><td>")
          .append(e(t.kpi()))
          .append("</td><td>")
          .append(e(t.limits()))
          .append("</td><td>")
          .append(e(measured(c)))
          .append("</td><td class=\"")
          .append(verdictText)
          .append("\">")
          .append(verdictText)
          .append("</td></tr>\n");
    }
    out.append("</table>\n</section>\n");
  }

  /** What peers did that SGP.22 forbids and field devices tolerate: one row per kind. */
  private static void deviations(StringBuilder out, List<DeviationFinding> list) {
    if (list.isEmpty()) {
      return;
    }
    out.append("<section id=\"deviations\">\n<h2>Deviations from SGP.22</h2>\n")
        .append("<table class=\"deviations\">\n<tr><th>Scenario</th><th>Who</th>")
        .append("<th>Clause</th><th>Rule</th><th>Observed</th><th>Limit</th><th>Count</th>")
        .append("<th>Seen by</th><th>Handling</th></tr>\n");
    for (DeviationFinding d : list) {
      out.append("<tr><td>")
          .append(e(d.scenario()))
          .append("</td><td>")
          .append(e(d.who()))
          .append("</td><td>")
          .append(e(d.clause()))
          .append("</td><td>")
          .append(e(d.rule()))
          .append("</td><td>")
          .append(e(d.observed()))
          .append("</td><td>")
          .append(e(d.limit()))
          .append("</td><td>")
          .append(d.count())
          .append("</td><td>")
          .append(e(d.observer()))
          .append("</td><td>")
          .append(d.tolerated() ? "tolerated" : "failed (strict)")
          .append("</td></tr>\n");
    }
    out.append("</table>\n</section>\n");
  }

  /** The measured value of a check in its KPI's unit, or "not measured". */
  static String measured(Acceptance.Check c) {
    return c.measuredText();
  }

  private static void overview(
      StringBuilder out, List<ScenarioSummary> sessions, Set<Integer> drawn, boolean load) {
    if (sessions.isEmpty()) {
      out.append("<p>No scenario in this event log.</p>\n");
      return;
    }
    long longest = 1;
    for (ScenarioSummary s : sessions) {
      longest = Math.max(longest, s.durationNanos());
    }
    if (load) {
      out.append("<h2>Activations with a failure</h2>\n");
    }
    out.append("<table class=\"overview\">\n<tr><th>")
        .append(load ? "Activation" : "Scenario")
        .append("</th><th>Result</th>")
        .append(
            "<th>Duration</th><th style=\"width:25%\">Timing</th><th>First failure</th></tr>\n");
    int listed = 0;
    for (int i = 0; i < sessions.size(); i++) {
      ScenarioSummary s = sessions.get(i);
      if (load && s.firstFailure() == null) {
        continue; // a load run lists its failed sessions; the KPIs count the rest
      }
      listed++;
      double percent = 100.0 * s.durationNanos() / longest;
      out.append("<tr data-result=\"").append(s.result()).append("\"><td>");
      if (drawn.contains(i)) {
        out.append("<a href=\"#s").append(i).append("\">").append(e(s.name())).append("</a>");
      } else {
        out.append(e(s.name()));
      }
      out.append("</td><td class=\"")
          .append(s.result())
          .append("\">")
          .append(s.result())
          .append("</td><td>")
          .append(e(Text.duration(s.durationNanos())))
          .append("</td><td><div class=\"bar\" style=\"width:")
          .append(String.format(java.util.Locale.ROOT, "%.1f", percent))
          .append("%\"></div></td><td>")
          .append(e(s.failure().map(StepSummary::oneLine).orElse("")))
          .append("</td></tr>\n");
    }
    if (load && listed == 0) {
      out.append("<tr><td colspan=\"5\">none</td></tr>\n");
    }
    out.append("</table>\n");
  }

  /**
   * One session: its result, its step chart and its message-sequence diagram, in which the APDUs of
   * each ES10 command are one arrow (the APDU count beside it; the LPA's record when both the LPA
   * and the card logged them) and, when {@code detailed}, every message opens to its decoded
   * content.
   */
  private static void scenario(StringBuilder out, ScenarioSummary s, int index, boolean detailed) {
    out.append("<section id=\"s")
        .append(index)
        .append("\" class=\"scenario\" data-result=\"")
        .append(s.result())
        .append("\">\n<h2>");
    out.append(e(s.name())).append(" \u2014 <span class=\"").append(s.result()).append("\">");
    out.append(s.result()).append("</span> (").append(e(Text.duration(s.durationNanos())));
    out.append(")</h2>\n");
    out.append("<p>")
        .append(s.steps().size())
        .append(" steps, ")
        .append(s.httpExchanges())
        .append(" HTTP exchanges, ")
        .append(s.apdus())
        .append(" APDUs, ")
        .append(s.faults())
        .append(" faults</p>\n");
    s.failure()
        .ifPresent(
            f -> out.append("<p class=\"failure\">").append(e(f.oneLine())).append("</p>\n"));
    stepChart(out, s);

    List<Event> events = drawnEvents(s.events());
    Set<Lanes> used = EnumSet.of(Lanes.OPERATOR, Lanes.SMDP, Lanes.LPA, Lanes.EUICC);
    Set<String> smdsHosts = Lanes.smdsHosts(events);
    for (Event ev : events) {
      // Step events are drawn across the diagram, not on a lane.
      if (!RunSummary.isScenarioStep(ev.payload())) {
        used.addAll(Arrays.asList(Lanes.arrow(ev, smdsHosts)));
      }
    }
    Lanes[] lanes = used.toArray(new Lanes[0]);
    String cols = "--cols:repeat(" + (2 * lanes.length) + ",1fr)";
    Event blamed = EventText.failingExchange(s);

    out.append("<div class=\"msc\" style=\"")
        .append(cols)
        .append(';')
        .append(lifelines(lanes.length));
    out.append("\">\n");
    out.append("<div class=\"row lanes\"><div class=\"t\">time</div>");
    for (int i = 0; i < lanes.length; i++) {
      out.append("<div class=\"c").append(i).append("\">").append(e(lanes[i].title));
      out.append("</div>");
    }
    out.append("</div>\n");
    Drawing d = new Drawing(out, s, lanes, blamed, es10Sources(events), detailed, smdsHosts);
    for (Event ev : events) {
      if (!detailed
          && ev != blamed
          && ev.payload() instanceof EventPayload.FaultInjected f
          && Kpis.pacing(f.fault())) {
        continue; // a network profile's pacing of every exchange: the exchange times show it
      }
      if (ev.payload() instanceof EventPayload.ApduExchange) {
        d.apdu(ev);
      } else if (ev.payload() instanceof EventPayload.Es10Command c) {
        d.es10(ev, c);
      } else {
        event(d, ev, ev == blamed);
      }
    }
    d.flushAll();
    out.append("</div>\n</section>\n");
  }

  /**
   * The lanes' lifelines as one background of the whole diagram (not a element per row): a 1 px
   * line at the centre of each lane's two grid columns, after the 8em time column.
   */
  private static String lifelines(int lanes) {
    StringBuilder images = new StringBuilder("background-image:");
    StringBuilder positions = new StringBuilder("background-position:");
    for (int i = 0; i < lanes; i++) {
      images.append(i == 0 ? "" : ",").append("linear-gradient(#bbb,#bbb)");
      positions
          .append(i == 0 ? "" : ",")
          .append(
              String.format(
                  java.util.Locale.ROOT,
                  "calc(8em + (100%% - 8em) * %.4f) 0",
                  (2.0 * i + 1) / (2.0 * lanes)));
    }
    return images + ";" + positions + ";background-size:1px 100%;background-repeat:no-repeat";
  }

  /**
   * The events a diagram draws: all of them, except the card's own record of APDUs when the LPA
   * recorded them too (each APDU is drawn once), and the ES10 commands of the observer the KPIs do
   * not count ({@link Kpis#es10Observer}: the eUICC's when the LPA logged its own).
   */
  static List<Event> drawnEvents(List<Event> events) {
    boolean lpaSide = false;
    for (Event e : events) {
      if (e.payload() instanceof EventPayload.ApduExchange && Lanes.of(e.source()) == Lanes.LPA) {
        lpaSide = true;
        break;
      }
    }
    String observer = Kpis.es10Observer(events);
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) {
      EventPayload p = e.payload();
      boolean drawn =
          p instanceof EventPayload.ApduExchange
              ? !lpaSide || Lanes.of(e.source()) == Lanes.LPA
              : !(p instanceof EventPayload.Es10Command c) || c.observer().equals(observer);
      if (drawn) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The sources that log {@link EventPayload.Es10Command} events (an LPA's ES10 client, a card).
   */
  private static Set<String> es10Sources(List<Event> events) {
    Set<String> out = new java.util.HashSet<>();
    for (Event e : events) {
      if (e.payload() instanceof EventPayload.Es10Command) {
        out.add(e.source());
      }
    }
    return out;
  }

  /**
   * A diagram being drawn: the APDUs of a source that logs ES10 commands wait for the command's
   * event, which names them; APDUs of other sources (a log without such events) are drawn alone.
   */
  private static final class Drawing {
    final StringBuilder out;
    final ScenarioSummary s;
    final Lanes[] lanes;
    final Event blamed;
    final Set<String> es10Sources;
    final boolean detailed;
    final Set<String> smdsHosts;

    /** APDUs no ES10 command event has claimed yet, by source. */
    final Map<String, List<Event>> open = new java.util.LinkedHashMap<>();

    Drawing(
        StringBuilder out,
        ScenarioSummary s,
        Lanes[] lanes,
        Event blamed,
        Set<String> es10Sources,
        boolean detailed,
        Set<String> smdsHosts) {
      this.smdsHosts = smdsHosts;
      this.out = out;
      this.s = s;
      this.lanes = lanes;
      this.blamed = blamed;
      this.es10Sources = es10Sources;
      this.detailed = detailed;
    }

    void apdu(Event ev) {
      if (es10Sources.contains(ev.source())) {
        open.computeIfAbsent(ev.source(), k -> new ArrayList<>()).add(ev);
      } else {
        event(this, ev, ev == blamed);
      }
    }

    /** The command's APDUs are the last {@code c.apdus()} of its source; earlier ones go alone. */
    void es10(Event ev, EventPayload.Es10Command c) {
      List<Event> waiting = open.remove(ev.source());
      List<Event> mine = new ArrayList<>();
      if (waiting != null) {
        int from = Math.max(0, waiting.size() - c.apdus());
        drawAlone(waiting.subList(0, from));
        mine.addAll(waiting.subList(from, waiting.size()));
      }
      drawCommand(this, ev, c, mine);
    }

    void flushAll() {
      for (List<Event> waiting : open.values()) {
        drawAlone(waiting); // APDUs of a command cut short before its event
      }
      open.clear();
    }

    private void drawAlone(List<Event> apdus) {
      for (Event a : apdus) {
        event(this, a, a == blamed);
      }
    }
  }

  /** One ES10 command: one arrow there and back, its APDUs and decoded content inside. */
  private static void drawCommand(
      Drawing d, Event ev, EventPayload.Es10Command c, List<Event> apdus) {
    StringBuilder out = d.out;
    Event first = apdus.isEmpty() ? ev : apdus.get(0);
    boolean blamed = ev == d.blamed || apdus.contains(d.blamed);
    boolean bad = !c.ok();
    for (Event a : apdus) {
      bad |= EventText.looksFailed(a);
    }
    String time = "+" + Text.millis(first.elapsedNanos() - d.s.startNanos());
    boolean expandable = d.detailed || blamed;
    openRow(d, first, time, bad, false, blamed, expandable);
    int from = laneIndex(d.lanes, Lanes.LPA);
    int to = laneIndex(d.lanes, Lanes.EUICC);
    arrow(
        out,
        from,
        to,
        false,
        "ES10 " + c.function() + (c.apdus() > 1 ? " \u00d7" + c.apdus() + " APDUs" : ""),
        expandable ? ev.source() : null);
    byte[] r =
        apdus.isEmpty()
            ? null
            : ((EventPayload.ApduExchange) apdus.get(apdus.size() - 1).payload()).response();
    String sw =
        r == null || r.length < 2
            ? "no SW"
            : "SW " + Hex.encode(Arrays.copyOfRange(r, r.length - 2, r.length));
    String result = c.ok() || c.result().equals(sw) ? "" : " " + c.result();
    arrow(out, to, from, true, sw + result + " (" + Text.millis(c.nanos()) + ")", null);
    closeRow(out, expandable, () -> commandBody(d, ev, c, apdus));
  }

  /** The APDUs of one ES10 command and its command and response data as TLV trees. */
  private static void commandBody(
      Drawing d, Event ev, EventPayload.Es10Command c, List<Event> apdus) {
    StringBuilder out = d.out;
    out.append("<div>")
        .append(c.apdus())
        .append(" APDUs of ")
        .append(e(c.function()))
        .append(", ")
        .append(e(ev.source()))
        .append(": ")
        .append(e(c.result()))
        .append("</div><pre class=\"apdus\">");
    for (Event a : apdus) {
      EventPayload.ApduExchange x = (EventPayload.ApduExchange) a.payload();
      byte[] cmd = x.command() == null ? new byte[0] : x.command();
      byte[] resp = x.response() == null ? new byte[0] : x.response();
      out.append('#')
          .append(a.seq())
          .append(' ')
          .append(Hex.encode(Arrays.copyOf(cmd, Math.min(5, cmd.length))))
          .append(cmd.length > 5 ? " +" + (cmd.length - 5) + " bytes" : "")
          .append(" \u2192 ")
          .append(
              resp.length < 2
                  ? "no SW"
                  : Hex.encode(Arrays.copyOfRange(resp, resp.length - 2, resp.length)))
          .append(resp.length > 2 ? " +" + (resp.length - 2) + " bytes" : "")
          .append('\n');
    }
    out.append("</pre>");
    if (c.command() == null && c.response() == null) {
      if (c.commandBytes() + c.responseBytes() > 0) {
        out.append("<div class=\"trunc\">command and response data not recorded</div>");
      }
      return;
    }
    boolean es10 = Es10.command(tag(c.command())) != null;
    es10Data(out, es10 ? "ES10 command" : "command data", c.command(), es10);
    es10Data(out, es10 ? "ES10 response" : "response data", c.response(), es10);
  }

  /** The first tag of {@code data} (one or two bytes), or 0. */
  private static int tag(byte[] data) {
    if (data == null || data.length == 0) {
      return 0;
    }
    boolean two = (data[0] & 0x1F) == 0x1F && data.length > 1;
    return two ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : data[0] & 0xFF;
  }

  /**
   * An ES10 command's or response's data as a TLV tree; other data (SELECT's AID and FCI, a channel
   * number) as a tree only when it is TLV.
   */
  private static void es10Data(StringBuilder out, String what, byte[] data, boolean es10) {
    if (data == null || data.length == 0) {
      return;
    }
    StringBuilder tree = new StringBuilder();
    boolean tlv = Decoded.tlvTree(tree, data);
    if (!tlv && !es10) {
      return;
    }
    out.append("<div class=\"b64\"><b>")
        .append(what)
        .append("</b> (")
        .append(data.length)
        .append(" bytes)</div>")
        .append(tlv ? tree : "<div class=\"trunc\">not a complete BER-TLV</div>");
  }

  /**
   * The opening of a row: an expandable details element when the row's content is shown ({@code
   * expandable}), else a plain one whose one-line description is its tooltip; then its time.
   */
  private static void openRow(
      Drawing d,
      Event ev,
      String time,
      boolean bad,
      boolean fault,
      boolean blamed,
      boolean expandable) {
    StringBuilder out = d.out;
    out.append(expandable ? "<details" : "<div")
        .append(" class=\"msg")
        .append(bad ? " bad" : "")
        .append(fault ? " fault" : "")
        .append(blamed ? " blamed" : "")
        .append('"')
        .append(blamed ? " open=\"open\"" : "")
        .append(" id=\"e")
        .append(ev.seq())
        .append('"');
    if (!expandable) {
      out.append("><div class=\"row\">");
    } else {
      out.append("><summary><div class=\"row\">");
    }
    out.append("<div class=\"t\">").append(e(time)).append("</div>");
  }

  /** The end of a row {@link #openRow} began; an expandable one gets its body from {@code body}. */
  private static void closeRow(StringBuilder out, boolean expandable, Runnable body) {
    if (!expandable) {
      out.append("</div></div>\n");
      return;
    }
    out.append("</div></summary>\n<div class=\"body\">");
    body.run();
    out.append("</div></details>\n");
  }

  /** " in 12.345 ms" for the step an end event closes, "" when unknown. */
  private static String stepDuration(ScenarioSummary s, Event end) {
    for (StepSummary step : s.steps()) {
      if (step.endSeq() == end.seq() && step.startSeq() != end.seq()) {
        return " in " + Text.millis(step.durationNanos());
      }
    }
    return "";
  }

  private static int laneIndex(Lanes[] lanes, Lanes lane) {
    for (int i = 0; i < lanes.length; i++) {
      if (lanes[i] == lane) {
        return i;
      }
    }
    throw new IllegalStateException("lane not drawn: " + lane);
  }

  private static void event(Drawing d, Event ev, boolean blamed) {
    StringBuilder out = d.out;
    ScenarioSummary s = d.s;
    Lanes[] lanes = d.lanes;
    long origin = s.startNanos();
    String time = "+" + Text.millis(ev.elapsedNanos() - origin);
    EventPayload p = ev.payload();
    if (p instanceof EventPayload.StepStarted st && RunSummary.isScenarioStep(p)) {
      out.append("<div class=\"step\">\u25b6 ")
          .append(e(time))
          .append(" step ")
          .append(e(st.step()))
          .append("</div>\n");
      return;
    }
    if (p instanceof EventPayload.StepFinished f && RunSummary.isScenarioStep(p)) {
      String cls = f.ok() ? "PASSED" : "FAILED";
      out.append("<div class=\"step ")
          .append(cls)
          .append("\">")
          .append(f.ok() ? "\u2714 " : "\u2718 ")
          .append(e(time))
          .append(' ')
          .append(e(EventText.what(ev)))
          .append(e(stepDuration(s, ev)))
          .append("</div>\n");
      return;
    }
    boolean expandable = d.detailed || blamed;
    openRow(
        d,
        ev,
        time,
        EventText.looksFailed(ev),
        p instanceof EventPayload.FaultInjected,
        blamed,
        expandable);
    Lanes[] dir = Lanes.arrow(ev, d.smdsHosts);
    int from = laneIndex(lanes, dir[0]);
    int to = laneIndex(lanes, dir[1]);
    if (from == to) {
      out.append("<div class=\"note")
          .append(p instanceof EventPayload.FaultInjected ? " fault" : "")
          .append(
              p instanceof EventPayload.StepStarted || p instanceof EventPayload.StepFinished
                  ? " phase"
                  : "")
          .append(" c")
          .append(from)
          .append("\" title=\"")
          .append(e(EventText.what(ev)))
          .append("\">")
          .append(e(noteLabel(ev)))
          .append("</div>");
    } else {
      String source = expandable ? ev.source() : null;
      arrow(out, from, to, false, requestLabel(ev), source);
      arrow(out, to, from, true, responseLabel(ev), null);
    }
    closeRow(out, expandable, () -> body(out, ev));
  }

  private static void arrow(
      StringBuilder out, int from, int to, boolean response, String label, String source) {
    int lo = Math.min(from, to);
    int hi = Math.max(from, to);
    out.append("<div class=\"arrow")
        .append(response ? " resp r2" : "")
        .append(to > from ? " right" : " left")
        .append("\" style=\"grid-column:")
        .append(2 * lo + 3)
        .append('/')
        .append(2 * hi + 3)
        .append('"');
    if (source != null) {
      out.append(" title=\"").append(e(source)).append('"');
    }
    out.append('>').append(e(label)).append("</div>");
  }

  private static String requestLabel(Event ev) {
    EventPayload p = ev.payload();
    if (p instanceof EventPayload.HttpExchange h) {
      return h.function();
    }
    if (p instanceof EventPayload.ApduExchange a) {
      byte[] c = a.command() == null ? new byte[0] : a.command();
      return "APDU " + Hex.encode(Arrays.copyOf(c, Math.min(4, c.length)));
    }
    return EventText.what(ev);
  }

  private static String responseLabel(Event ev) {
    EventPayload p = ev.payload();
    if (p instanceof EventPayload.HttpExchange h) {
      String status = h.status() == 0 ? "no response" : Integer.toString(h.status());
      return status
          + (h.error() == null ? "" : " " + h.error())
          + " ("
          + Text.millis(h.nanos())
          + ")";
    }
    if (p instanceof EventPayload.ApduExchange a) {
      byte[] r = a.response() == null ? new byte[0] : a.response();
      String sw =
          r.length < 2
              ? "no SW"
              : "SW " + Hex.encode(Arrays.copyOfRange(r, r.length - 2, r.length));
      return sw + " (" + Text.millis(a.nanos()) + ")";
    }
    return "";
  }

  private static String noteLabel(Event ev) {
    EventPayload p = ev.payload();
    if (p instanceof EventPayload.StateTransition s) {
      return s.entity() + " " + s.from() + " \u2192 " + s.to();
    }
    if (p instanceof EventPayload.FaultInjected f) {
      return "\u26a1 fault " + f.fault() + " @ " + f.point();
    }
    if (p instanceof EventPayload.TlsHandshake t) {
      return t.error() == null ? "TLS " + t.protocol() : "TLS failed";
    }
    if (p instanceof EventPayload.Note n) {
      return n.text();
    }
    if (p instanceof EventPayload.StepStarted st) {
      return "\u25b8 " + st.step();
    }
    if (p instanceof EventPayload.StepFinished f) {
      return (f.ok() ? "\u2714 " : "\u2718 ") + f.step();
    }
    return EventText.what(ev);
  }

  private static void body(StringBuilder out, Event ev) {
    out.append("<div>#")
        .append(ev.seq())
        .append(' ')
        .append(e(ev.wallTime().toString()))
        .append(' ')
        .append(e(ev.source()))
        .append("</div><pre>")
        .append(e(EventText.what(ev)))
        .append("</pre>");
    EventPayload p = ev.payload();
    if (p instanceof EventPayload.HttpExchange h) {
      bytes(out, "request body", h.requestBody(), true);
      base64Values(out, h.requestBody());
      bytes(out, "response body", h.responseBody(), true);
      base64Values(out, h.responseBody());
    } else if (p instanceof EventPayload.ApduExchange a) {
      bytes(out, "command", a.command(), false);
      bytes(out, "response", a.response(), false);
    }
  }

  private static void bytes(StringBuilder out, String what, byte[] data, boolean mayBeText) {
    out.append("<div><b>").append(e(what)).append("</b>");
    if (data == null) {
      out.append(": none</div>");
      return;
    }
    out.append(" (").append(data.length).append(" bytes)</div>");
    byte[] shown = data.length > MAX_BODY ? Arrays.copyOf(data, MAX_BODY) : data;
    if (shown.length < data.length) {
      out.append("<div class=\"trunc\">truncated: the first ")
          .append(MAX_BODY)
          .append(" of ")
          .append(data.length)
          .append(" bytes are shown</div>");
    }
    if (mayBeText) {
      String text = bodyText(shown, shown.length < data.length);
      if (text != null) {
        boolean json = text.strip().startsWith("{") || text.strip().startsWith("[");
        out.append("<pre class=\"")
            .append(json ? "json" : "text")
            .append("\">")
            .append(e(text))
            .append("</pre>");
        return; // text as sent: its hex would only repeat it
      }
    }
    out.append("<pre class=\"hex\">").append(e(Hex.encode(shown))).append("</pre>");
  }

  /**
   * A body as text when it is printable UTF-8 (JSON pretty-printed when whole and parseable, other
   * text such as an error page as sent); null for binary bodies, which only get hex.
   */
  private static String bodyText(byte[] bytes, boolean truncated) {
    String text = truncated ? new String(bytes, StandardCharsets.UTF_8) : Text.utf8OrNull(bytes);
    if (text == null || text.isEmpty() || !printable(text)) {
      return null;
    }
    String t = text.strip();
    if (!truncated && (t.startsWith("{") || t.startsWith("["))) {
      try {
        JsonNode node = JSON.readTree(t);
        if (node != null) {
          return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        }
      } catch (IOException ignored) {
        // not JSON after all: shown as sent
      }
    }
    return text;
  }

  /** The base64 values of a JSON body decoded (the whole body, also when its view is cut). */
  private static void base64Values(StringBuilder out, byte[] body) {
    if (body == null || body.length < 2 || body.length > MAX_JSON) {
      return;
    }
    String text = Text.utf8OrNull(body);
    if (text == null || !text.stripLeading().startsWith("{")) {
      return;
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null) {
        StringBuilder decoded = new StringBuilder();
        if (Decoded.base64Fields(decoded, node) > 0) {
          out.append("<div class=\"decoded\">").append(decoded).append("</div>");
        }
      }
    } catch (IOException ignored) {
      // not JSON: nothing to decode
    }
  }

  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The charts across scenarios: durations with steps, the run's timeline, exchange ranges. */
  private static void timings(StringBuilder out, RunSummary run) {
    if (run.scenarios().isEmpty()) {
      return;
    }
    out.append("<section id=\"timings\">\n<h2>Timings</h2>\n");
    List<Charts.Bar> durations = new ArrayList<>();
    List<Charts.Bar> timeline = new ArrayList<>();
    for (ScenarioSummary s : run.scenarios()) {
      durations.add(bar(s, s.startNanos()));
      timeline.add(bar(s, run.startNanos()));
    }
    Charts.bars(
        out, "durations", "Scenario durations (segments: steps, red when failed)", durations);
    if (run.scenarios().size() > 1) {
      Charts.bars(out, "timeline", "Run timeline (scenarios in parallel overlap)", timeline);
    }
    Map<String, List<Long>> groups = new TreeMap<>();
    List<Event> all = new ArrayList<>();
    run.scenarios().forEach(s -> all.addAll(s.events()));
    String observer = Kpis.es10Observer(all);
    for (ScenarioSummary s : run.scenarios()) {
      for (Event ev : s.events()) {
        if (ev.payload() instanceof EventPayload.HttpExchange h) {
          String side = Lanes.of(ev.source()).title;
          groups
              .computeIfAbsent(h.function() + " (" + side + ")", k -> new ArrayList<>())
              .add(h.nanos());
        } else if (ev.payload() instanceof EventPayload.Es10Command c
            && c.observer().equals(observer)
            && !Es10CommandNames.SELECT.equals(c.function())
            && !Es10CommandNames.MANAGE_CHANNEL.equals(c.function())) {
          // the ES10 commands as the KPIs count them, not the channel management
          groups.computeIfAbsent("ES10 " + c.function(), k -> new ArrayList<>()).add(c.nanos());
        }
      }
    }
    if (!groups.isEmpty()) {
      Charts.ranges(
          out,
          "exchanges",
          "Exchange durations across scenarios (bar: min to max, mark: median)",
          Charts.ranges(groups));
    }
    out.append("</section>\n");
  }

  private static Charts.Bar bar(ScenarioSummary s, long origin) {
    List<Charts.Segment> segments = new ArrayList<>();
    for (StepSummary step : s.steps()) {
      segments.add(
          new Charts.Segment(
              step.name(),
              step.status().name(),
              step.startNanos() - origin,
              step.endNanos() - origin));
    }
    return new Charts.Bar(
        s.name(),
        s.result().name(),
        s.startNanos() - origin,
        s.endNanos() - origin,
        segments,
        s.result() + " " + Text.duration(s.durationNanos()));
  }

  private static void kpiSection(StringBuilder out, List<KpiChart> kpis) {
    out.append("<section id=\"kpis\">\n<h2>KPIs</h2>\n");
    if (kpis == null || kpis.isEmpty()) {
      out.append("<p class=\"placeholder\">No KPI charts in this report.</p>\n");
    } else {
      for (KpiChart chart : kpis) {
        Charts.kpi(out, chart);
      }
    }
    out.append("</section>\n");
  }

  /** One bar per step of the scenario, on the scenario's time axis. */
  private static void stepChart(StringBuilder out, ScenarioSummary s) {
    if (s.steps().isEmpty()) {
      return;
    }
    List<Charts.Bar> bars = new ArrayList<>();
    for (StepSummary step : s.steps()) {
      long start = step.startNanos() - s.startNanos();
      long end = step.endNanos() - s.startNanos();
      bars.add(
          new Charts.Bar(
              step.name(),
              step.ok() ? "PASSED" : "FAILED",
              start,
              end,
              List.of(new Charts.Segment(step.name(), step.status().name(), start, end)),
              Text.millis(step.durationNanos())));
    }
    Charts.bars(out, "steps", "Step durations", bars);
  }

  private static String e(String s) {
    return Text.html(s);
  }

  /** A text resource beside this class, without the file's final newline. */
  private static String resource(String name) {
    try (java.io.InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside HtmlReport");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
