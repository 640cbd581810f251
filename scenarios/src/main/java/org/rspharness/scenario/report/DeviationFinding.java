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
    Tally t = new Tally(scenario, false);
    events.forEach(t::accept);
    return t.findings();
  }

  /**
   * Deviation events counted as they happen, one finding per distinct kind: what a load run keeps
   * instead of its events. With {@code perKindOfObserver}, observers are named without the device
   * ({@code lpa/dev0042} counts as {@code lpa}), so a fleet's deviations stay a handful of kinds.
   */
  public static final class Tally implements org.rspharness.core.event.EventSink {

    private final String scenario;
    private final boolean perKindOfObserver;
    private final Map<List<Object>, int[]> counts = new LinkedHashMap<>();
    private final Map<List<Object>, DeviationFinding> first = new LinkedHashMap<>();

    public Tally(String scenario, boolean perKindOfObserver) {
      this.scenario = scenario;
      this.perKindOfObserver = perKindOfObserver;
    }

    @Override
    public void accept(Event e) {
      // every event of a load passes here: only deviations take the lock
      if (e.payload() instanceof EventPayload.Deviation d) {
        count(e, d);
      }
    }

    private synchronized void count(Event e, EventPayload.Deviation d) {
      String observer = e.source().replaceFirst("@.*$", "");
      if (perKindOfObserver) {
        observer = observer.replaceFirst("/.*$", "");
      }
      List<Object> key =
          List.of(observer, d.who(), d.clause(), d.rule(), d.observed(), d.limit(), d.tolerated());
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

    /** The findings so far, with their counts. */
    public synchronized List<DeviationFinding> findings() {
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
