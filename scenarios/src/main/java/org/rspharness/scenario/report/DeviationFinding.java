package org.rspharness.scenario.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;

/**
 * One kind of deviation from SGP.22 seen in a scenario: who deviated, the clause, what was seen and
 * what the clause allows, who saw it, whether it was tolerated (default) or failed (strict), and
 * how often. Every report lists these (console, HTML, JSON, JUnit properties).
 */
public record DeviationFinding(
    String scenario,
    String observer,
    String who,
    String clause,
    String rule,
    String observed,
    String limit,
    boolean tolerated,
    int count) {

  /**
   * The deviations among {@code events}, one finding per distinct kind, in order of first sight.
   */
  public static List<DeviationFinding> of(String scenario, List<Event> events) {
    Map<List<Object>, int[]> counts = new LinkedHashMap<>();
    Map<List<Object>, DeviationFinding> first = new LinkedHashMap<>();
    for (Event e : events) {
      if (e.payload() instanceof EventPayload.Deviation d) {
        String observer = e.source().replaceFirst("@.*$", "");
        List<Object> key =
            List.of(
                observer, d.who(), d.clause(), d.rule(), d.observed(), d.limit(), d.tolerated());
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        first.putIfAbsent(
            key,
            new DeviationFinding(
                scenario,
                observer,
                d.who(),
                d.clause(),
                d.rule(),
                d.observed(),
                d.limit(),
                d.tolerated(),
                0));
      }
    }
    List<DeviationFinding> out = new ArrayList<>();
    first.forEach(
        (k, f) ->
            out.add(
                new DeviationFinding(
                    f.scenario,
                    f.observer,
                    f.who,
                    f.clause,
                    f.rule,
                    f.observed,
                    f.limit,
                    f.tolerated,
                    counts.get(k)[0])));
    return out;
  }

  /** One line: "SM-DP+ broke SGP.22 2.5.5 (BSP segment length): 1036 bytes, limit 1020 bytes". */
  public String line() {
    return who
        + " broke "
        + clause
        + " ("
        + rule
        + "): "
        + observed
        + ", limit "
        + limit
        + (count > 1 ? " x" + count : "")
        + (tolerated ? "" : " [failed: strict]")
        + "; seen by "
        + observer;
  }
}
