package org.rspharness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.lpa.LpaBehaviour;
import org.rspharness.scenario.engine.EngineTarget;
import org.rspharness.scenario.engine.ScenarioEngine;
import org.rspharness.scenario.engine.ScenarioOutcome;
import org.rspharness.scenario.engine.ScenarioSources;
import org.rspharness.scenario.model.Device;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.Smdp;
import org.rspharness.scenario.model.Topology;
import org.rspharness.scenario.report.RunSummary;
import org.rspharness.scenario.report.ScenarioSummary;
import org.rspharness.scenario.report.Text;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rsp-harness compat}: validates device compatibility empirically. A suite of scenarios
 * (default: a nominal download, an interrupted download, a swap, delete then re-download) runs for
 * every eUICC variant of a grid (SVN x curve x memory x profile capacity) and LPA behaviour preset,
 * or for the card in a PC/SC reader with each preset, against the embedded SM-DP+ or a remote one;
 * the result is a table with a row per variant and a column per scenario, each cell PASS or FAIL
 * with the first failing status, and the deviations from SGP.22 seen (console, compat.json,
 * compat.html).
 */
@Command(
    name = "compat",
    description =
        "Run a suite across eUICC variants and LPA behaviours; write a compatibility table.")
public final class CompatCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  /** The default suite: nominal, interrupted, swap, delete-redownload (library files). */
  public static final List<String> DEFAULT_SUITE =
      List.of(
          "nominal-download-nist.yaml",
          "interrupted-get-bpp-mid-body.yaml",
          "profile-swap.yaml",
          "delete-then-redownload.yaml");

  @Option(
      names = "--suite",
      split = ",",
      paramLabel = "FILE",
      description = "scenario files (default: library ${DEFAULT-VALUE})")
  List<Path> suite = new ArrayList<>();

  @Option(
      names = "--svn",
      split = ",",
      paramLabel = "VERSION",
      description = "eUICC SGP.22 versions (default: 2.2.1,2.2.2,2.3.0,2.5.0)")
  List<String> svns = new ArrayList<>(List.of("2.2.1", "2.2.2", "2.3.0", "2.5.0"));

  @Option(
      names = "--curve",
      split = ",",
      paramLabel = "CURVE",
      description = "eUICC curves: nist, brainpool (default: nist,brainpool)")
  List<String> curves = new ArrayList<>(List.of("nist", "brainpool"));

  @Option(
      names = "--memory",
      split = ",",
      paramLabel = "BYTES",
      description = "eUICC free memory per variant, e.g. 512KiB,64KiB (default: each scenario's)")
  List<String> memories = new ArrayList<>();

  @Option(
      names = "--capacity",
      split = ",",
      paramLabel = "N",
      description =
          "the most profiles each eUICC variant holds, e.g. 1,8 (0: as many as memory allows;"
              + " default: 0)")
  List<Integer> capacities = new ArrayList<>(List.of(0));

  @Option(
      names = "--reader",
      paramLabel = "NAME",
      description =
          "run the suite on the card in this PC/SC reader (one row per --lpa preset) instead of"
              + " the software eUICC variants; give the PKI it trusts with --pki")
  String reader;

  @Option(
      names = "--lpa",
      split = ",",
      paramLabel = "PRESET",
      description = "LPA behaviour presets (default: spec)")
  List<String> lpas = new ArrayList<>(List.of("spec"));

  @Option(
      names = "--smdp",
      paramLabel = "URL",
      description = "a remote SM-DP+'s ES9+ URL instead of the embedded one (needs --pki)")
  java.net.URI smdp;

  @Option(
      names = "--pki",
      paramLabel = "DIR",
      description =
          "the PKI (SGP.26 layout) of the remote SM-DP+, or for the embedded one instead of the"
              + " scenarios' generated PKI (a card in a reader trusts its CI)")
  Path pki;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description = "where compat.json and compat.html go (default ${DEFAULT-VALUE})")
  Path reportDir = Path.of("rsp-report");

  /**
   * One variant of the grid: a row of the table; a software eUICC (svn, curve, memory, capacity),
   * or the card in {@code reader}.
   */
  record Variant(
      String svn, Curve curve, Long memory, int capacity, LpaBehaviour lpa, String reader) {
    String label() {
      if (reader != null) {
        return "reader '" + reader + "' lpa=" + lpa.preset();
      }
      return "svn "
          + svn
          + " "
          + curve.cliName()
          + (memory == null ? "" : " " + memory / 1024 + "KiB")
          + (capacity == 0 ? "" : " max " + capacity + " profile(s)")
          + " lpa="
          + lpa.preset();
    }

    Device apply(Device d) {
      if (reader != null) {
        return d.withReader(reader).withLpa(lpa);
      }
      return new Device(
          d.name(),
          curve,
          svn,
          memory == null ? d.memory() : memory,
          d.ciList(),
          d.ppr(),
          d.imei(),
          d.tac(),
          d.rootSmds(),
          d.binding(),
          d.es11Path(),
          d.strict(),
          d.reader(),
          lpa,
          capacity);
    }
  }

  /** One cell: the scenario's result in a variant. */
  record Cell(boolean passed, String firstFailure, int deviations) {
    String text() {
      return (passed ? "PASS" : "FAIL " + firstFailure)
          + (deviations > 0 ? " (" + deviations + " dev)" : "");
    }
  }

  @Override
  public Integer call() throws IOException {
    List<Scenario> base = suite.isEmpty() ? librarySuite() : ScenarioSources.load(suite);
    List<Variant> grid = grid();
    EngineTarget target = null;
    if (smdp != null) {
      if (pki == null) {
        throw new IllegalArgumentException("--smdp needs --pki DIR (the remote SM-DP+'s PKI)");
      }
      target = new EngineTarget(new Smdp.Remote(smdp, null), pki);
    } else if (pki != null) {
      target = new EngineTarget(null, pki);
    }
    PrintWriter out = output.human(spec.commandLine());
    JsonLines json = output.json() ? OutputOptions.jsonLines(spec) : null;
    out.println(
        "rsp-harness compat: " + base.size() + " scenario(s) x " + grid.size() + " variant(s)");
    Map<String, Map<String, Cell>> table = new LinkedHashMap<>();
    for (Variant v : grid) {
      List<Scenario> runs = new ArrayList<>();
      for (Scenario s : base) {
        Topology t =
            new Topology(
                s.topology().smdp(),
                s.topology().pki(),
                s.topology().devices().stream().map(v::apply).toList());
        runs.add(
            new Scenario(
                s.name(),
                s.description(),
                s.seed(),
                t,
                s.steps(),
                s.expect(),
                s.faults(),
                s.load()));
      }
      RecordingSink sink = new RecordingSink();
      List<ScenarioOutcome> outcomes;
      try (ScenarioEngine engine =
          new ScenarioEngine(
              new ScenarioEngine.Options(1, target, null), EventLog.system().addSink(sink))) {
        outcomes = engine.run(runs, new ScenarioEngine.Listener() {});
      }
      List<Event> events = sink.events();
      RunSummary run = RunSummary.of(events);
      Map<String, Cell> row = new LinkedHashMap<>();
      for (ScenarioOutcome o : outcomes) {
        ScenarioSummary summary =
            run.scenarios().stream()
                .filter(s -> s.name().equals(o.name()))
                .findFirst()
                .orElse(null);
        String status =
            summary == null
                ? o.failure()
                : summary
                    .failure()
                    .map(f -> f.statusCode() != null ? f.statusCode() : f.name())
                    .orElse(o.failure());
        int deviations =
            summary == null ? 0 : summary.deviations().stream().mapToInt(d -> d.count()).sum();
        row.put(o.name(), new Cell(o.passed(), o.passed() ? null : status, deviations));
      }
      table.put(v.label(), row);
      long passed = row.values().stream().filter(Cell::passed).count();
      String line = v.label() + ": " + passed + "/" + row.size() + " passed";
      out.println("  " + line);
      out.flush();
      if (json != null) {
        json.item(line, rowData(v.label(), row));
      }
    }
    List<String> columns = base.stream().map(Scenario::name).toList();
    out.print(render(columns, table));
    Files.createDirectories(reportDir);
    Files.writeString(reportDir.resolve("compat.json"), json(columns, table));
    Files.writeString(reportDir.resolve("compat.html"), html(columns, table));
    out.println(
        "reports: " + reportDir.resolve("compat.html") + ", " + reportDir.resolve("compat.json"));
    out.flush();
    long cells = table.values().stream().mapToLong(Map::size).sum();
    long failed =
        table.values().stream()
            .mapToLong(r -> r.values().stream().filter(c -> !c.passed()).count())
            .sum();
    int exit = failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    if (json != null) {
      json.result(
          exit,
          failed == 0 ? 0 : "failed",
          failed == 0 ? "ok" : "cells failed",
          failed + " of " + cells + " cell(s) failed",
          JsonLines.data(
              "scenarios",
              columns,
              "variants",
              table.size(),
              "cells",
              cells,
              "failedCells",
              failed,
              "reportDir",
              reportDir.toString()));
    }
    return exit;
  }

  /** A row as {@code --json} data: the variant, then per scenario its result. */
  private static Map<String, Object> rowData(String variant, Map<String, Cell> row) {
    Map<String, Object> results = new LinkedHashMap<>();
    row.forEach(
        (scenario, c) ->
            results.put(
                scenario,
                JsonLines.data(
                    "result",
                    c.passed() ? "PASS" : "FAIL",
                    "firstFailure",
                    c.firstFailure(),
                    "deviations",
                    c.deviations())));
    return JsonLines.data("variant", variant, "results", results);
  }

  private static List<Scenario> librarySuite() throws IOException {
    List<Scenario> all = ScenarioSources.library();
    List<Scenario> out = new ArrayList<>();
    for (String file : DEFAULT_SUITE) {
      String name = file.replace(".yaml", "");
      all.stream().filter(s -> s.name().equals(name)).findFirst().ifPresent(out::add);
    }
    return out;
  }

  private List<Variant> grid() {
    List<Variant> out = new ArrayList<>();
    if (reader != null) {
      // a card is what it is: the software variants do not apply, the LPA behaviours do
      for (String l : lpas) {
        out.add(new Variant(null, Curve.NIST_P256, null, 0, LpaBehaviour.preset(l), reader));
      }
      return out;
    }
    List<Long> mems = new ArrayList<>();
    if (memories.isEmpty()) {
      mems.add(null);
    }
    for (String m : memories) {
      mems.add(memory(m));
    }
    for (String svn : svns) {
      for (String c : curves) {
        for (Long m : mems) {
          for (int cap : capacities) {
            if (cap < 0) {
              throw new IllegalArgumentException("--capacity: " + cap + " is not 0 or more");
            }
            for (String l : lpas) {
              out.add(new Variant(svn, Curve.parse(c), m, cap, LpaBehaviour.preset(l), null));
            }
          }
        }
      }
    }
    return out;
  }

  private static long memory(String m) {
    String s = m.trim();
    if (s.endsWith("KiB")) {
      return Long.parseLong(s.substring(0, s.length() - 3)) * 1024;
    }
    if (s.endsWith("MiB")) {
      return Long.parseLong(s.substring(0, s.length() - 3)) * 1024 * 1024;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--memory: '" + m + "' is not bytes, NKiB or NMiB");
    }
  }

  /** The console table: a row per variant, a column per scenario. */
  static String render(List<String> columns, Map<String, Map<String, Cell>> table) {
    int first = "VARIANT".length();
    for (String v : table.keySet()) {
      first = Math.max(first, v.length());
    }
    List<Integer> widths = new ArrayList<>();
    for (String c : columns) {
      int w = c.length();
      for (Map<String, Cell> row : table.values()) {
        Cell cell = row.get(c);
        w = Math.max(w, cell == null ? 1 : Math.min(40, cell.text().length()));
      }
      widths.add(w);
    }
    StringBuilder out = new StringBuilder();
    out.append(pad("VARIANT", first));
    for (int i = 0; i < columns.size(); i++) {
      out.append("  ").append(pad(columns.get(i), widths.get(i)));
    }
    out.append('\n');
    for (Map.Entry<String, Map<String, Cell>> e : table.entrySet()) {
      out.append(pad(e.getKey(), first));
      for (int i = 0; i < columns.size(); i++) {
        Cell cell = e.getValue().get(columns.get(i));
        out.append("  ")
            .append(
                pad(Text.truncate(cell == null ? "-" : cell.text(), widths.get(i)), widths.get(i)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  static String json(List<String> columns, Map<String, Map<String, Cell>> table)
      throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    ArrayNode cols = root.putArray("scenarios");
    columns.forEach(cols::add);
    ArrayNode rows = root.putArray("variants");
    for (Map.Entry<String, Map<String, Cell>> e : table.entrySet()) {
      ObjectNode r = rows.addObject();
      r.put("variant", e.getKey());
      ObjectNode cells = r.putObject("results");
      for (Map.Entry<String, Cell> c : e.getValue().entrySet()) {
        ObjectNode n = cells.putObject(c.getKey());
        n.put("result", c.getValue().passed() ? "PASS" : "FAIL");
        n.put("firstFailure", c.getValue().firstFailure());
        n.put("deviations", c.getValue().deviations());
      }
    }
    return m.writeValueAsString(root) + "\n";
  }

  static String html(List<String> columns, Map<String, Map<String, Cell>> table) {
    StringBuilder out =
        new StringBuilder(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                + "<title>RSP Harness compatibility</title>\n<style>body{font-family:sans-serif}"
                + "td,th{border:1px solid #ccc;padding:4px 8px}.PASS{background:#dfd}"
                + ".FAIL{background:#fdd}</style>\n</head>\n<body>\n"
                + "<h1>Compatibility</h1>\n<table>\n<tr><th>Variant</th>");
    for (String c : columns) {
      out.append("<th>").append(Text.html(c)).append("</th>");
    }
    out.append("</tr>\n");
    for (Map.Entry<String, Map<String, Cell>> e : table.entrySet()) {
      out.append("<tr><td>").append(Text.html(e.getKey())).append("</td>");
      for (String c : columns) {
        Cell cell = e.getValue().get(c);
        String cls = cell == null ? "" : cell.passed() ? "PASS" : "FAIL";
        out.append("<td class=\"")
            .append(cls)
            .append("\">")
            .append(Text.html(cell == null ? "-" : cell.text()))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n</body>\n</html>\n");
    return out.toString();
  }
}
