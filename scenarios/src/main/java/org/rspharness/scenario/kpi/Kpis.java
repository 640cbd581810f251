package org.rspharness.scenario.kpi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.euicc.card.Es10CommandNames;

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
 * by name, where a command is its STORE DATA blocks, the GET RESPONSEs that drain it and, for
 * LoadBoundProfilePackage, all its STORE DATA sequences, summed per command on one source and
 * channel ({@link Es10CommandNames} names them as fault rules do); other APDUs under their
 * instruction name. When the log has APDUs from both the LPA and the card side ({@code euicc...}
 * sources), only the LPA side counts. TLS: successful TlsHandshake {@code nanos}.
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
    stepsByAction = Map.copyOf(stepsByAction);
    httpByFunction = Map.copyOf(httpByFunction);
    apduByCommand = Map.copyOf(apduByCommand);
    failuresByStatusCode = Map.copyOf(failuresByStatusCode);
    failuresByInterruptionPoint = Map.copyOf(failuresByInterruptionPoint);
    stress = List.copyOf(stress);
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

  /** One device operation, paired from its start and finish events. */
  private record Step(
      String device,
      String action,
      long startSeq,
      long endSeq,
      long startNanos,
      long endNanos,
      boolean ok,
      boolean finished,
      String statusCode,
      String outcome) {

    boolean succeeded() {
      return EventPayload.StepFinished.SUCCESS.equals(outcome);
    }

    boolean expectedFailure() {
      return EventPayload.StepFinished.EXPECTED_FAILURE.equals(outcome);
    }
  }

  private record Open(Event start, EventPayload.StepStarted payload) {}

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
    return compute(events, new ArrayList<>(), new ArrayList<>());
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

  private static boolean isDownload(String action) {
    return action.equals(DOWNLOAD) || action.equals(DISCOVER);
  }

  private static Kpis compute(
      List<Event> events, List<Attempt> downloadsOut, List<Activation> activationsOut) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(Event::seq));

    // Steps, and the stress notes.
    List<Step> steps = new ArrayList<>();
    List<String> stress = new ArrayList<>();
    Map<String, Deque<Open>> open = new HashMap<>();
    for (Event e : sorted) {
      if (e.payload() instanceof EventPayload.StepStarted s) {
        open.computeIfAbsent(key(s.scenario(), s.step()), k -> new ArrayDeque<>())
            .addLast(new Open(e, s));
      } else if (e.payload() instanceof EventPayload.StepFinished f) {
        Deque<Open> q = open.get(key(f.scenario(), f.step()));
        Open o = q == null ? null : q.pollFirst();
        if (o != null && o.payload.action() != null && o.payload.device() != null) {
          steps.add(
              new Step(
                  device(o.payload),
                  o.payload.action(),
                  o.start.seq(),
                  e.seq(),
                  o.start.elapsedNanos(),
                  e.elapsedNanos(),
                  f.ok(),
                  true,
                  f.statusCode(),
                  f.actionOutcome()));
        }
      } else if (e.payload() instanceof EventPayload.Note n
          && n.text() != null
          && n.text().startsWith(STRESS_NOTE)
          && !stress.contains(n.text().substring(STRESS_NOTE.length()))) {
        stress.add(n.text().substring(STRESS_NOTE.length()));
      }
    }
    Event last = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
    for (Deque<Open> q : open.values()) {
      for (Open o : q) {
        if (o.payload.action() != null && o.payload.device() != null) {
          steps.add(
              new Step(
                  device(o.payload),
                  o.payload.action(),
                  o.start.seq(),
                  last.seq(),
                  o.start.elapsedNanos(),
                  last.elapsedNanos(),
                  false,
                  false,
                  null,
                  EventPayload.StepFinished.FAILURE));
        }
      }
    }
    // by end: an activation step closes after the attempts inside it
    steps.sort(Comparator.comparingLong(Step::endSeq));
    Set<String> devices = new LinkedHashSet<>();
    for (Step s : steps) {
      devices.add(s.device);
    }

    // Downloads, step durations.
    int attempts = 0;
    int successes = 0;
    int failed = 0;
    int expectedFailed = 0;
    long firstDownload = Long.MAX_VALUE;
    long lastDownload = Long.MIN_VALUE;
    Map<String, List<Long>> byAction = new TreeMap<>();
    List<Step> failedDownloads = new ArrayList<>();
    for (Step s : steps) {
      if (s.finished) {
        byAction.computeIfAbsent(s.action, k -> new ArrayList<>()).add(s.endNanos - s.startNanos);
      }
      if (isDownload(s.action)) {
        downloadsOut.add(
            new Attempt(
                shortName(s.device), s.startNanos, s.endNanos, s.succeeded(), s.statusCode));
        attempts++;
        if (s.succeeded()) {
          successes++;
        } else {
          failed++;
          failedDownloads.add(s);
          if (s.expectedFailure()) {
            expectedFailed++;
          }
        }
        firstDownload = Math.min(firstDownload, s.startNanos);
        lastDownload = Math.max(lastDownload, s.endNanos);
      }
    }

    // Activations, time to activate, time to recover, per device.
    Map<String, List<Step>> stepsByDevice = new LinkedHashMap<>();
    for (Step s : steps) {
      stepsByDevice.computeIfAbsent(s.device, k -> new ArrayList<>()).add(s);
    }
    List<Long> tta = new ArrayList<>();
    List<Long> ttr = new ArrayList<>();
    int[] outcomes = new int[3]; // success, failure, expected failure
    int failures = 0;
    for (List<Step> list : stepsByDevice.values()) {
      Chain chain = new Chain();
      Long failingSince = null;
      for (int i = 0; i < list.size(); i++) {
        Step s = list.get(i);
        if (isDownload(s.action)) {
          if (chain.start == null) {
            chain.start = s.startNanos;
          }
          if (!s.succeeded()) {
            chain.allExpected &= s.expectedFailure();
            if (failingSince == null) {
              failingSince = s.startNanos;
              failures++;
            }
            continue;
          }
          long end = s.endNanos;
          Step next = nextOperation(list, i);
          if (next != null && next.action.equals(ENABLE) && next.succeeded()) {
            end = next.endNanos;
          }
          tta.add(end - chain.start);
          activationsOut.add(new Activation(shortName(s.device), chain.start, end));
          outcomes[0]++;
          if (failingSince != null) {
            ttr.add(end - failingSince);
            failingSince = null;
          }
          chain = new Chain();
        } else if (s.action.equals(ACTIVATION)) {
          if (chain.start != null) {
            outcomes[chain.allExpected ? 2 : 1]++;
          }
          chain = new Chain();
        }
      }
      if (chain.start != null) {
        outcomes[chain.allExpected ? 2 : 1]++;
      }
    }

    // Latency breakdowns.
    Map<String, List<Long>> http = new TreeMap<>();
    List<Long> tls = new ArrayList<>();
    boolean lpaSideApdus = false;
    for (Event e : sorted) {
      if (e.payload() instanceof EventPayload.ApduExchange && !isCardSource(e.source())) {
        lpaSideApdus = true;
        break;
      }
    }
    ApduGrouper apdus = new ApduGrouper();
    int faultCount = 0;
    for (Event e : sorted) {
      EventPayload p = e.payload();
      if (p instanceof EventPayload.HttpExchange h) {
        http.computeIfAbsent(
                h.function() == null ? "(unknown)" : h.function(), k -> new ArrayList<>())
            .add(h.nanos());
      } else if (p instanceof EventPayload.TlsHandshake t) {
        if (t.error() == null) {
          tls.add(t.nanos());
        }
      } else if (p instanceof EventPayload.ApduExchange a) {
        if (!lpaSideApdus || !isCardSource(e.source())) {
          apdus.add(e.source(), a);
        }
      } else if (p instanceof EventPayload.FaultInjected) {
        faultCount++;
      }
    }

    // Failures.
    Map<String, Integer> byCode = new TreeMap<>();
    for (Step s : failedDownloads) {
      String code = s.statusCode != null ? s.statusCode : s.finished ? "(no code)" : "(unfinished)";
      byCode.merge(code, 1, Integer::sum);
    }
    Set<String> shortDevices = new LinkedHashSet<>();
    for (String d : devices) {
      shortDevices.add(shortName(d));
    }
    FaultAttribution faults = FaultAttribution.of(sorted, failedDownloads, shortDevices);
    Map<String, Integer> byPoint = new TreeMap<>();
    for (Step s : failedDownloads) {
      String point = faults.lastPoint.get(s.startSeq);
      byPoint.merge(point == null ? "(no fault)" : point, 1, Integer::sum);
    }

    return new Kpis(
        devices.size(),
        outcomes[0] + outcomes[1] + outcomes[2],
        outcomes[0],
        outcomes[1],
        outcomes[2],
        attempts,
        successes,
        failed,
        expectedFailed,
        Percentiles.of(longs(tta)),
        Percentiles.of(longs(ttr)),
        failures,
        percentiles(byAction),
        percentiles(http),
        percentiles(apdus.finish()),
        Percentiles.of(longs(tls)),
        byCode,
        byPoint,
        faultCount,
        faults.unattributed,
        attempts == 0 ? 0 : lastDownload - firstDownload,
        stress);
  }

  /** The download attempts of one activation so far. */
  private static final class Chain {
    Long start;
    boolean allExpected = true;
  }

  /** The device's next download or enable step after index {@code i}, or null. */
  private static Step nextOperation(List<Step> list, int i) {
    for (int j = i + 1; j < list.size(); j++) {
      String a = list.get(j).action;
      if (isDownload(a) || a.equals(ENABLE)) {
        return list.get(j);
      }
    }
    return null;
  }

  /** A device across the run: its scenario and its name. */
  private static String device(EventPayload.StepStarted s) {
    return (s.scenario() == null ? "" : s.scenario()) + '\u0000' + s.device();
  }

  private static String shortName(String device) {
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

  private static boolean isCardSource(String source) {
    return source != null && source.startsWith("euicc");
  }

  /** The device a source names: the text after its last '/' or ':' (null when none). */
  static String deviceToken(String source) {
    if (source == null) {
      return null;
    }
    int cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf(':'));
    return cut < 0 || cut == source.length() - 1 ? null : source.substring(cut + 1);
  }

  private static String key(String scenario, String step) {
    return (scenario == null ? "" : scenario) + '\u0000' + (step == null ? "" : step);
  }

  private static Map<String, Percentiles> percentiles(Map<String, List<Long>> samples) {
    Map<String, Percentiles> out = new TreeMap<>();
    samples.forEach((k, v) -> out.put(k, Percentiles.of(longs(v))));
    return out;
  }

  private static long[] longs(List<Long> list) {
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  /**
   * Groups the APDUs of each source and channel into ES10 commands, named as the card's fault rules
   * name them ({@link Es10CommandNames}).
   */
  private static final class ApduGrouper {
    private final Map<String, List<Long>> samples = new TreeMap<>();
    private final Map<String, String> currentName = new HashMap<>();
    private final Map<String, Long> currentNanos = new HashMap<>();

    void add(String source, EventPayload.ApduExchange a) {
      String lane = source + '\u0000' + a.channel();
      byte[] c = a.command();
      if (c == null || c.length < 4) {
        flush(lane);
        sample("(malformed)", a.nanos());
        return;
      }
      int ins = c[1] & 0xFF;
      if (ins == 0xE2) {
        int blockNumber = c[3] & 0xFF;
        if (blockNumber == 0) {
          String tag = firstTag(c);
          if (tag != null
              // SGP.22 section 2.5.5: the BPP's later STORE DATA sequences (A0..A3, 86..88)
              && Es10CommandNames.continuesPackage(Integer.parseInt(tag, 16))
              && Es10CommandNames.LOAD_BOUND_PROFILE_PACKAGE.equals(currentName.get(lane))) {
            extend(lane, a.nanos());
            return;
          }
          flush(lane);
          currentName.put(
              lane,
              tag == null
                  ? Es10CommandNames.STORE_DATA
                  : Es10CommandNames.of(Integer.parseInt(tag, 16)));
          currentNanos.put(lane, a.nanos());
          return;
        }
        if (!currentName.containsKey(lane)) {
          currentName.put(lane, Es10CommandNames.STORE_DATA);
          currentNanos.put(lane, 0L);
        }
        extend(lane, a.nanos());
        return;
      }
      if (ins == 0xC0 && currentName.containsKey(lane)) {
        extend(lane, a.nanos());
        return;
      }
      flush(lane);
      sample(
          switch (ins) {
            case 0x70 -> Es10CommandNames.MANAGE_CHANNEL;
            case 0xA4 -> Es10CommandNames.SELECT;
            case 0xAA -> Es10CommandNames.TERMINAL_CAPABILITY;
            case 0xC0 -> Es10CommandNames.GET_RESPONSE;
            default -> String.format("INS-%02X", ins);
          },
          a.nanos());
    }

    private void extend(String lane, long nanos) {
      currentNanos.merge(lane, nanos, Long::sum);
    }

    private void flush(String lane) {
      String name = currentName.remove(lane);
      Long nanos = currentNanos.remove(lane);
      if (name != null) {
        sample(name, nanos);
      }
    }

    private void sample(String name, long nanos) {
      samples.computeIfAbsent(name, k -> new ArrayList<>()).add(nanos);
    }

    Map<String, List<Long>> finish() {
      for (String lane : List.copyOf(currentName.keySet())) {
        flush(lane);
      }
      return samples;
    }

    /** The first tag of the command data (short or extended Lc), upper-case hex; null if none. */
    private static String firstTag(byte[] c) {
      int at;
      if (c.length > 5 && c[4] != 0) {
        at = 5;
      } else if (c.length > 7 && c[4] == 0) {
        at = 7;
      } else {
        return null;
      }
      int b = c[at] & 0xFF;
      if ((b & 0x1F) == 0x1F && at + 1 < c.length) {
        return String.format("%02X%02X", b, c[at + 1] & 0xFF);
      }
      return String.format("%02X", b);
    }
  }

  /** Which failed download step each fault interrupted. */
  private static final class FaultAttribution {
    final Map<Long, String> lastPoint = new HashMap<>();
    final Set<Long> breaking = new java.util.HashSet<>();
    int unattributed;

    static FaultAttribution of(List<Event> sorted, List<Step> failed, Set<String> devices) {
      FaultAttribution out = new FaultAttribution();
      if (failed.isEmpty()) {
        return out;
      }
      // Sequence numbers of the events each device's components emitted, for "nearest" lookups.
      Map<String, List<Long>> lists = new HashMap<>();
      for (Event e : sorted) {
        String d = deviceToken(e.source());
        if (d != null && devices.contains(d)) {
          lists.computeIfAbsent(d, k -> new ArrayList<>()).add(e.seq());
        }
      }
      Map<String, long[]> seqsByDevice = new HashMap<>();
      lists.forEach((d, l) -> seqsByDevice.put(d, longs(l)));
      for (Event e : sorted) {
        if (!(e.payload() instanceof EventPayload.FaultInjected f)) {
          continue;
        }
        List<Step> inSpan = new ArrayList<>();
        for (Step s : failed) {
          if (s.startSeq < e.seq() && e.seq() < s.endSeq) {
            inSpan.add(s);
          }
        }
        if (inSpan.isEmpty()) {
          continue; // a fault the run recovered from, or one outside any download
        }
        Step owner = inSpan.size() == 1 ? inSpan.get(0) : null;
        if (owner == null) {
          String named = deviceToken(e.source());
          List<Step> bySource =
              inSpan.stream().filter(s -> shortName(s.device).equals(named)).toList();
          if (bySource.size() == 1) {
            owner = bySource.get(0);
          }
        }
        if (owner == null) {
          owner = nearest(inSpan, seqsByDevice, e.seq());
        }
        if (owner == null) {
          out.unattributed++;
        } else if (!pacing(f.fault()) || !out.breaking.contains(owner.startSeq)) {
          out.lastPoint.put(owner.startSeq, f.point());
          if (!pacing(f.fault())) {
            out.breaking.add(owner.startSeq);
          }
        }
      }
      return out;
    }

    private static Step nearest(List<Step> candidates, Map<String, long[]> seqs, long seq) {
      Step best = null;
      long bestDistance = Long.MAX_VALUE;
      boolean tie = false;
      for (Step s : candidates) {
        long[] list = seqs.get(shortName(s.device));
        if (list == null) {
          continue;
        }
        long d = distance(list, seq);
        if (d < bestDistance) {
          best = s;
          bestDistance = d;
          tie = false;
        } else if (d == bestDistance && !shortName(s.device).equals(shortName(best.device))) {
          tie = true;
        }
      }
      return tie ? null : best;
    }

    private static long distance(long[] a, long seq) {
      int i = Arrays.binarySearch(a, seq);
      if (i >= 0) {
        return 0;
      }
      int ins = -i - 1;
      long d = Long.MAX_VALUE;
      if (ins < a.length) {
        d = a[ins] - seq;
      }
      if (ins > 0) {
        d = Math.min(d, seq - a[ins - 1]);
      }
      return d;
    }
  }
}
