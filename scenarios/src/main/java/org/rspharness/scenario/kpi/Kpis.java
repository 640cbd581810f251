package org.rspharness.scenario.kpi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;

/**
 * The key performance indicators of a run, computed once from its events alone; every report
 * (console, HTML, JSON, JUnit, metrics) reads this one result (see {@link KpiValues}).
 *
 * <p><b>Steps.</b> Every device operation is a step: {@code StepStarted(scenario, step, action,
 * device)} then {@code StepFinished(scenario, step, ok, statusCode, message, outcome)}, paired by
 * scenario and step name first in, first out. A device is a (scenario, device) pair, so the "phone"
 * of one scenario is not the "phone" of another. A step never finished is a failed attempt ({@code
 * (unfinished)}).
 *
 * <p><b>Download attempt outcome</b>: the step's {@code outcome}: {@code success}, {@code failure},
 * or {@code expected-failure} (a scenario step that expected the download to fail, e.g. a refusal
 * with 8.2.7/3.8, and saw it fail); without an outcome, {@code ok} decides.
 *
 * <p><b>Activation</b>: a device's download attempts up to and including its next successful one;
 * it ends with that download, or with the successful {@code enable} that is the device's next step
 * after it. Its outcome is success; attempts that never reach a success (the device's last ones, or
 * those closed by an {@code activation} step that did not succeed, as the load generator writes
 * when an activation gives up) are one failed activation, an <em>expected failure</em> when every
 * failed attempt in it was expected. <b>Success rate</b> = successful activations / (successful +
 * failed activations); expected failures count in neither. <b>Time to activate</b>: from the start
 * of an activation's first attempt to its end (retries and failed attempts included, as the user
 * waits through them). <b>Retries</b>: download attempts beyond the first of each activation.
 *
 * <p><b>Time to recover</b>: for each failure of a device (its first failed attempt, expected or
 * not, since its last successful activation) to the end of its next successful activation; a
 * failure never followed by one is <em>unrecovered</em>. <b>MTTR</b> is the mean time to recover;
 * it is "not measured" when nothing failed ({@link #nothingFailed()}), and when nothing recovered.
 *
 * <p><b>Latency breakdown</b> (nanoseconds): HttpExchange {@code nanos} by function; ES10 commands
 * by name: the {@code nanos} of each Es10Command event logged after a command's APDUs (its STORE
 * DATA blocks, the GET RESPONSEs that drain it and, for LoadBoundProfilePackage, all its STORE DATA
 * sequences; the channel management as ManageChannel and Select). Our LPA and our eUICC both log
 * one per command, each naming itself as its {@code observer}; a log counts one side only ({@link
 * #es10Observer}): the LPA's when the log holds any record of the LPA (a scenario run has both, so
 * each call counts once), else the eUICC's (our card driven by another LPA). APDUs are never
 * regrouped: a log without Es10Command events (older than them) has no ES10 breakdown. TLS:
 * successful TlsHandshake {@code nanos}.
 *
 * <p><b>Failures</b>: failed download attempts (expected ones included) by status code ({@code (no
 * code)} when none) and by interruption point: the point of the last FaultInjected event inside the
 * failed attempt that can break an exchange (a reset, a close, a refusal, a card fault...; the
 * pacing faults latency, bandwidth and stall only when the attempt had no other) ({@code (no
 * fault)} when none; attribution among overlapping attempts by the fault's source device, else by
 * the device whose events are nearest, else {@link #unattributedFaults()}).
 *
 * <p><b>Stress</b>: the {@code stress: ...} notes of the run (the load generator writes what
 * network profile and fault rules it applied), so every report says what conditions held.
 *
 * <p>Percentiles are nearest-rank (see {@link Percentiles}).
 *
 * @param devices devices with at least one step
 * @param activations successful + failed + expected-failure activations
 * @param activationSuccesses successful activations
 * @param activationFailures failed activations (not expected)
 * @param expectedFailures activations whose failure a scenario expected
 * @param downloadAttempts download steps (finished or not)
 * @param downloadSuccesses download steps whose download succeeded
 * @param failedAttempts download steps whose download failed (expected ones included)
 * @param expectedFailedAttempts failed download steps that expected to fail
 * @param timeToActivate time-to-activate samples, ns
 * @param timeToRecover time-to-recover samples, ns
 * @param failuresToRecover device failures (each starts a recovery; see the class comment)
 * @param stepsByAction durations of finished steps by action, ns
 * @param httpByFunction HTTP exchange times by ES9+/ES2+ function, ns
 * @param apduByCommand ES10 command times by command name, ns
 * @param tlsHandshake successful TLS handshake times, ns
 * @param failuresByStatusCode failed download attempts by SGP.22 status code
 * @param failuresByInterruptionPoint failed download attempts by the fault point that interrupted
 * @param faults FaultInjected events in the log
 * @param unattributedFaults faults inside failed attempts not attributable to one attempt
 * @param spanNanos from the first download start to the last download end, ns
 * @param stress what stress the run applied (one line each), in log order
 */
public record Kpis(
    int devices,
    int activations,
    int activationSuccesses,
    int activationFailures,
    int expectedFailures,
    int downloadAttempts,
    int downloadSuccesses,
    int failedAttempts,
    int expectedFailedAttempts,
    Percentiles timeToActivate,
    Percentiles timeToRecover,
    int failuresToRecover,
    Map<String, Percentiles> stepsByAction,
    Map<String, Percentiles> httpByFunction,
    Map<String, Percentiles> apduByCommand,
    Percentiles tlsHandshake,
    Map<String, Integer> failuresByStatusCode,
    Map<String, Integer> failuresByInterruptionPoint,
    int faults,
    int unattributedFaults,
    long spanNanos,
    List<String> stress) {

  /** The step action of a profile download. */
  public static final String DOWNLOAD = "download";

  /**
   * The action of an SM-DS discovery step, which downloads the events it finds: it counts as a
   * download attempt, so a discovery-to-install activation is an activation.
   */
  public static final String DISCOVER = "discover";

  /** The step action of a profile enable. */
  public static final String ENABLE = "enable";

  /**
   * The step action that wraps one activation of the load generator (its attempts and enable); its
   * end closes the activation, so a device that gives up and later starts again is two activations.
   */
  public static final String ACTIVATION = "activation";

  /** The prefix of the notes that say what stress a run applied. */
  public static final String STRESS_NOTE = "stress: ";

  public Kpis {
    stepsByAction = sorted(stepsByAction);
    httpByFunction = sorted(httpByFunction);
    apduByCommand = sorted(apduByCommand);
    failuresByStatusCode = sorted(failuresByStatusCode);
    failuresByInterruptionPoint = sorted(failuresByInterruptionPoint);
    stress = List.copyOf(stress);
  }

  /**
   * An unmodifiable copy in key order: every report lists these maps, and {@code Map.copyOf} would
   * iterate in an order that changes from one JVM to the next (reports must not).
   */
  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** Successful / (successful + failed) activations, 0..1; NaN when there is neither. */
  public double successRate() {
    int judged = activationSuccesses + activationFailures;
    return judged == 0 ? Double.NaN : (double) activationSuccesses / judged;
  }

  /** Download attempts beyond the first of each activation. */
  public int retries() {
    return downloadAttempts - activations;
  }

  /** Retries per successful activation; NaN without a success. */
  public double retriesPerSuccess() {
    return activationSuccesses == 0 ? Double.NaN : (double) retries() / activationSuccesses;
  }

  /** Failures that were followed by a successful activation of the same device. */
  public int recovered() {
    return (int) timeToRecover.count();
  }

  /** Failures never followed by a successful activation of the same device. */
  public int unrecovered() {
    return failuresToRecover - recovered();
  }

  /** Mean time to recover, ns, or null when no failure recovered. */
  public Long mttrNanos() {
    return timeToRecover.isEmpty() ? null : Math.round(timeToRecover.mean());
  }

  /** True when no download attempt failed: recovery KPIs are then "not measured", and rightly. */
  public boolean nothingFailed() {
    return failuresToRecover == 0;
  }

  /** Successful downloads per second over {@link #spanNanos}; 0 when the span is empty. */
  public double downloadsPerSecond() {
    return spanNanos <= 0 ? 0 : downloadSuccesses / (spanNanos / 1e9);
  }

  /**
   * The value of the KPI named {@code kpi}, in its base unit (ratio 0..1 for {@code successRate},
   * seconds for times, a plain number otherwise); empty when the run did not measure it. Names:
   * {@link KpiName}.
   *
   * @throws IllegalArgumentException for a name that is no KPI
   */
  public OptionalDouble value(String kpi) {
    KpiName n = KpiName.parse(kpi);
    return switch (n.family()) {
      case "successRate" -> nonNaN(successRate());
      case "retriesPerSuccess" -> nonNaN(retriesPerSuccess());
      case "retries" -> OptionalDouble.of(retries());
      case "downloadsPerSecond" ->
          downloadAttempts == 0 ? OptionalDouble.empty() : OptionalDouble.of(downloadsPerSecond());
      case "attempts" -> OptionalDouble.of(downloadAttempts);
      case "activations" -> OptionalDouble.of(activations);
      case "expectedFailures" -> OptionalDouble.of(expectedFailures);
      case "recoveries" -> OptionalDouble.of(recovered());
      case "unrecovered" -> OptionalDouble.of(unrecovered());
      case "mttr" -> seconds(timeToRecover, "mean");
      case "timeToActivate" -> seconds(timeToActivate, n.stat());
      case "timeToRecover" -> seconds(timeToRecover, n.stat());
      case "tls" -> seconds(tlsHandshake, n.stat());
      case "step" -> seconds(stepsByAction.get(n.key()), n.stat());
      case "http" -> seconds(httpByFunction.get(n.key()), n.stat());
      case "apdu" -> seconds(apduByCommand.get(n.key()), n.stat());
      case "failures" ->
          OptionalDouble.of(
              n.key() == null ? activationFailures : failuresByStatusCode.getOrDefault(n.key(), 0));
      default -> throw new IllegalStateException("KPI family without a value: " + n.family());
    };
  }

  /**
   * True when {@code kpi} measures recoveries ({@code mttr}, {@code timeToRecover.S}): with nothing
   * failed, there is nothing to recover from.
   */
  public static boolean isRecoveryKpi(String kpi) {
    String family = KpiName.parse(kpi).family();
    return family.equals("mttr") || family.equals("timeToRecover");
  }

  private static OptionalDouble nonNaN(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private static OptionalDouble seconds(Percentiles p, String stat) {
    if (p == null || p.isEmpty()) {
      return OptionalDouble.empty();
    }
    double v = p.get(stat);
    return OptionalDouble.of(stat.equals("count") ? v : v / 1e9);
  }

  // ---------------------------------------------------------------------------- computation

  /**
   * One download step of a device, as the KPIs count it.
   *
   * @param device the device
   * @param startNanos when the step started, ns on the run's monotonic clock
   * @param endNanos when it finished (for a step never finished: the last event of the log)
   * @param ok whether the download succeeded
   * @param statusCode the status code of a failure, or null
   */
  public record Attempt(
      String device, long startNanos, long endNanos, boolean ok, String statusCode) {}

  /**
   * One successful activation of a device (see the class comment for where it starts and ends).
   *
   * @param device the device
   * @param startNanos start of its first download attempt, ns on the run's monotonic clock
   * @param endNanos end of the step that completed the activation
   */
  public record Activation(String device, long startNanos, long endNanos) {
    /** The time to activate, ns. */
    public long nanos() {
      return endNanos - startNanos;
    }
  }

  /**
   * The samples behind the KPIs, in time, for charts over the run.
   *
   * @param downloads every download attempt, by start
   * @param activations every successful activation, by end
   */
  public record Timeline(List<Attempt> downloads, List<Activation> activations) {
    public Timeline {
      downloads = List.copyOf(downloads);
      activations = List.copyOf(activations);
    }
  }

  /** Computes the KPIs of {@code events} (any order; they are ordered by sequence number). */
  public static Kpis of(List<Event> events) {
    return compute(events, null, null);
  }

  /** The download attempts and activations of {@code events}, as {@link #of} counts them. */
  public static Timeline timeline(List<Event> events) {
    List<Attempt> downloads = new ArrayList<>();
    List<Activation> activations = new ArrayList<>();
    compute(events, downloads, activations);
    downloads.sort(Comparator.comparingLong(Attempt::startNanos));
    activations.sort(Comparator.comparingLong(Activation::endNanos));
    return new Timeline(downloads, activations);
  }

  /**
   * The observer whose Es10Command events KPIs and reports count in {@code events}: {@link
   * EventPayload.Es10Command#LPA} when the LPA logged any, else {@link
   * EventPayload.Es10Command#EUICC}.
   */
  public static String es10Observer(List<Event> events) {
    for (Event e : events) {
      if (e.payload() instanceof EventPayload.Es10Command c && c.observedByLpa()) {
        return EventPayload.Es10Command.LPA;
      }
    }
    return EventPayload.Es10Command.EUICC;
  }

  static boolean isDownload(String action) {
    return action.equals(DOWNLOAD) || action.equals(DISCOVER);
  }

  private static Kpis compute(
      List<Event> events, List<Attempt> downloadsOut, List<Activation> activationsOut) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(Event::seq));
    KpiAccumulator acc = new KpiAccumulator(true, downloadsOut, activationsOut);
    sorted.forEach(acc::accept);
    return acc.finish();
  }

  static String shortName(String device) {
    return device.substring(device.indexOf('\u0000') + 1);
  }

  /** Faults that slow an exchange down rather than break it (a network profile's pacing). */
  public static boolean pacing(String fault) {
    return fault != null
        && (fault.startsWith("latency")
            || fault.startsWith("bandwidth")
            || fault.startsWith("stall")
            || fault.startsWith("slow-card"));
  }

  /** The device a source names: the text after its last '/' or ':' (null when none). */
  static String deviceToken(String source) {
    if (source == null) {
      return null;
    }
    int cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf(':'));
    return cut < 0 || cut == source.length() - 1 ? null : source.substring(cut + 1);
  }
}
