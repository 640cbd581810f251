package org.rspharness.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.rspharness.scenario.kpi.KpiTable;

/** Receives the progress of a load run, about once a second and once at the end. */
@FunctionalInterface
public interface LoadProgress {

  /** Called from the run's timer thread. */
  void update(Snapshot snapshot);

  /**
   * The run so far.
   *
   * @param elapsed since the run started
   * @param started activations started
   * @param succeeded activations that ended with a successful download (and enable, if asked)
   * @param failed activations that failed
   * @param inFlight activations running now
   * @param perSecond activations finished per second over the last interval
   * @param p95Nanos 95th percentile (nearest rank) of the wall time of the last 1024 successful
   *     activations (client set-up included, so a little above the KPI's time to activate), or -1
   *     when none yet
   */
  record Snapshot(
      Duration elapsed,
      long started,
      long succeeded,
      long failed,
      int inFlight,
      double perSecond,
      long p95Nanos) {

    /** One line for a terminal. */
    public String line() {
      long done = succeeded + failed;
      return String.format(
          Locale.ROOT,
          "[%5ds] %d done, %s ok, %d failed, %d in flight, %.1f/s, p95 %s",
          elapsed.toSeconds(),
          done,
          done == 0 ? "-" : KpiTable.percent((double) succeeded / done),
          failed,
          inFlight,
          perSecond,
          p95Nanos < 0 ? "-" : KpiTable.time(p95Nanos));
    }
  }

  /** Says nothing (tests). */
  static LoadProgress quiet() {
    return s -> {};
  }

  /** One line per update on {@code out} (stderr for the command line). */
  static LoadProgress lines(PrintStream out) {
    return s -> out.println(s.line());
  }
}
