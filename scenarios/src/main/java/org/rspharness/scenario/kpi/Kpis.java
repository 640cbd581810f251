package org.rspharness.scenario.kpi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
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
 * The key performance indicators of a run, computed from its events alone.
 *
 * <p><b>Steps.</b> Every device operation is a step: {@code StepStarted(scenario, step, action,
 * device)} then {@code StepFinished(scenario, step, ok, statusCode, message)}, paired by scenario
 * and step name first in, first out (as the run summary pairs them). Steps without an action or a
 * device are ignored here. A step never finished counts as a failed attempt ({@code (unfinished)}).
 *
 * <p><b>Success rate</b>: download steps that ended ok / all download steps. <b>Retries per
 * success</b>: (download attempts - successful downloads) / successful downloads (NaN without a
 * success).
 *
 * <p><b>Time to activate</b>, one sample per activation of a device: from the start of the first
 * download step since the device's previous activation (so failed attempts and retries count, as
 * the user waits through them) to the end of the next successful {@code enable} step after a
 * successful download of that device. When the run has no {@code enable} step at all (a load run
 * that only downloads), an activation ends with the successful download itself; {@link
 * #activationEnd()} says which rule applied.
 *
 * <p><b>MTTR</b>: mean over the devices that had a failed download of (start of their first failed
 * download step -> end of their next activation). Devices that never recovered are left out of the
 * mean and counted in {@link #unrecoveredDevices()}; null when no device recovered.
 *
 * <p><b>Latency breakdown</b> (nanoseconds): HttpExchange {@code nanos} by function; ES10 commands
 * by name, where a command is its STORE DATA blocks (the first one, block number 0, carries the tag
 * that names it, as {@link Es10CommandNames} names ES10 commands for fault rules too), the GET
 * RESPONSEs that drain it and, for LoadBoundProfilePackage, all its STORE DATA sequences, summed
 * per command on one source and channel; other APDUs under their instruction name ({@code
 * ManageChannel}, {@code Select}, ...). When the log has APDUs from both the LPA side and the card
 * side ({@code euicc...} sources), only the LPA side counts, so no APDU counts twice. TLS:
 * successful TlsHandshake {@code nanos}. Step durations by action.
 *
 * <p><b>Failures</b>: failed download steps by status code ({@code (no code)} when the step gave
 * none) and by interruption point: the point of the last FaultInjected event attributed to the
 * failed step ({@code (no fault)} when none). A fault is attributed to a failed download step whose
 * span (start to end) contains it; among several such steps, to the one whose device the fault's
 * source names (the text after its last '/' or ':', e.g. {@code lpa/dev-7}), else to the one whose
 * device emitted the event nearest to the fault in sequence order; still ambiguous, it is counted
 * in {@link #unattributedFaults()}.
 *
 * <p>Percentiles are nearest-rank (see {@link Percentiles}).
 *
 * @param activationEnd {@code enable} or {@code download}: what ends an activation in this run
 * @param devices devices with at least one step
 * @param downloadAttempts download steps (finished or not)
 * @param downloadSuccesses download steps that ended ok
 * @param timeToActivate time-to-activate samples, ns
 * @param mttrNanos mean time to recover, ns, or null when no device failed and recovered
 * @param recoveredDevices devices that failed a download and later activated
 * @param unrecoveredDevices devices that failed a download and never activated afterwards
 * @param stepsByAction durations of finished steps by action, ns
 * @param httpByFunction HTTP exchange times by ES9+/ES2+ function, ns
 * @param apduByCommand ES10 command times by command name, ns
 * @param tlsHandshake successful TLS handshake times, ns
 * @param failuresByStatusCode failed download steps by SGP.22 status code
 * @param failuresByInterruptionPoint failed download steps by the fault point that interrupted them
 * @param faults FaultInjected events in the log
 * @param unattributedFaults faults inside failed download spans not attributable to one step
 * @param spanNanos from the first download start to the last download end, ns
 */
public record Kpis(
    String activationEnd,
    int devices,
    int downloadAttempts,
    int downloadSuccesses,
    Percentiles timeToActivate,
    Long mttrNanos,
    int recoveredDevices,
    int unrecoveredDevices,
    Map<String, Percentiles> stepsByAction,
    Map<String, Percentiles> httpByFunction,
    Map<String, Percentiles> apduByCommand,
    Percentiles tlsHandshake,
    Map<String, Integer> failuresByStatusCode,
    Map<String, Integer> failuresByInterruptionPoint,
    int faults,
    int unattributedFaults,
    long spanNanos) {

  /** The step action of a profile download. */
  public static final String DOWNLOAD = "download";

  /**
   * The action of an SM-DS discovery step, which downloads the events it finds: it counts as a
   * download attempt, so a discovery-to-install activation is an activation.
   */
  public static final String DISCOVER = "discover";

  /** The step action of a profile enable. */
  public static final String ENABLE = "enable";

  public Kpis {
    stepsByAction = Map.copyOf(stepsByAction);
    httpByFunction = Map.copyOf(httpByFunction);
    apduByCommand = Map.copyOf(apduByCommand);
    failuresByStatusCode = Map.copyOf(failuresByStatusCode);
    failuresByInterruptionPoint = Map.copyOf(failuresByInterruptionPoint);
  }

  /** Successful downloads / download attempts, 0..1; NaN without any attempt. */
  public double successRate() {
    return downloadAttempts == 0 ? Double.NaN : (double) downloadSuccesses / downloadAttempts;
  }

  /** Failed attempts per successful download; NaN without a success. */
  public double retriesPerSuccess() {
    return downloadSuccesses == 0
        ? Double.NaN
        : (double) (downloadAttempts - downloadSuccesses) / downloadSuccesses;
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
      case "downloadsPerSecond" ->
          downloadAttempts == 0 ? OptionalDouble.empty() : OptionalDouble.of(downloadsPerSecond());
      case "attempts" -> OptionalDouble.of(downloadAttempts);
      case "mttr" ->
          mttrNanos == null ? OptionalDouble.empty() : OptionalDouble.of(mttrNanos / 1e9);
      case "timeToActivate" -> seconds(timeToActivate, n.stat());
      case "tls" -> seconds(tlsHandshake, n.stat());
      case "step" -> seconds(stepsByAction.get(n.key()), n.stat());
      case "http" -> seconds(httpByFunction.get(n.key()), n.stat());
      case "apdu" -> seconds(apduByCommand.get(n.key()), n.stat());
      case "failures" ->
          OptionalDouble.of(
              n.key() == null
                  ? downloadAttempts - downloadSuccesses
                  : failuresByStatusCode.getOrDefault(n.key(), 0));
      default -> throw new IllegalStateException("KPI family without a value: " + n.family());
    };
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
      String statusCode) {}

  private record ActivationEnd(long endSeq, long endNanos) {}

  private record Open(Event start, EventPayload.StepStarted payload) {}

  /**
   * One download step of a device, as the KPIs count it.
   *
   * @param device the device
   * @param startNanos when the step started, ns on the run's monotonic clock
   * @param endNanos when it finished (for a step never finished: the last event of the log)
   * @param ok whether it ended ok
   * @param statusCode the status code of a failure, or null
   */
  public record Attempt(
      String device, long startNanos, long endNanos, boolean ok, String statusCode) {}

  /**
   * One activation of a device (see the class comment for where it starts and ends).
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
   * @param activations every activation, by end
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

    // Steps.
    List<Step> steps = new ArrayList<>();
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
                  o.payload.device(),
                  o.payload.action(),
                  o.start.seq(),
                  e.seq(),
                  o.start.elapsedNanos(),
                  e.elapsedNanos(),
                  f.ok(),
                  true,
                  f.statusCode()));
        }
      }
    }
    Event last = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
    for (Deque<Open> q : open.values()) {
      for (Open o : q) {
        if (o.payload.action() != null && o.payload.device() != null) {
          steps.add(
              new Step(
                  o.payload.device(),
                  o.payload.action(),
                  o.start.seq(),
                  last.seq(),
                  o.start.elapsedNanos(),
                  last.elapsedNanos(),
                  false,
                  false,
                  null));
        }
      }
    }
    steps.sort(Comparator.comparingLong(Step::startSeq));
    Set<String> devices = new LinkedHashSet<>();
    for (Step s : steps) {
      devices.add(s.device);
    }

    // Downloads, step durations.
    int attempts = 0;
    int successes = 0;
    long firstDownload = Long.MAX_VALUE;
    long lastDownload = Long.MIN_VALUE;
    boolean anyEnable = false;
    Map<String, List<Long>> byAction = new TreeMap<>();
    List<Step> failedDownloads = new ArrayList<>();
    for (Step s : steps) {
      if (s.finished) {
        byAction.computeIfAbsent(s.action, k -> new ArrayList<>()).add(s.endNanos - s.startNanos);
      }
      if (s.action.equals(ENABLE)) {
        anyEnable = true;
      }
      if (isDownload(s.action)) {
        downloadsOut.add(new Attempt(s.device, s.startNanos, s.endNanos, s.ok, s.statusCode));
        attempts++;
        if (s.ok) {
          successes++;
        } else {
          failedDownloads.add(s);
        }
        firstDownload = Math.min(firstDownload, s.startNanos);
        lastDownload = Math.max(lastDownload, s.endNanos);
      }
    }
    String activationEnd = anyEnable ? ENABLE : DOWNLOAD;

    // Activations per device, time to activate, MTTR.
    Map<String, List<Step>> stepsByDevice = new HashMap<>();
    for (Step s : steps) {
      stepsByDevice.computeIfAbsent(s.device, k -> new ArrayList<>()).add(s);
    }
    List<Long> tta = new ArrayList<>();
    long mttrSum = 0;
    int recovered = 0;
    int unrecovered = 0;
    for (String device : devices) {
      List<ActivationEnd> activations = new ArrayList<>();
      Long chainStart = null;
      boolean downloaded = false;
      for (Step s : stepsByDevice.get(device)) {
        if (isDownload(s.action)) {
          if (chainStart == null) {
            chainStart = s.startNanos;
          }
          if (s.ok) {
            downloaded = true;
            if (!anyEnable) {
              tta.add(s.endNanos - chainStart);
              activationsOut.add(new Activation(device, chainStart, s.endNanos));
              activations.add(new ActivationEnd(s.endSeq, s.endNanos));
              chainStart = null;
              downloaded = false;
            }
          }
        } else if (s.action.equals(ENABLE) && s.ok && downloaded && chainStart != null) {
          tta.add(s.endNanos - chainStart);
          activationsOut.add(new Activation(device, chainStart, s.endNanos));
          activations.add(new ActivationEnd(s.endSeq, s.endNanos));
          chainStart = null;
          downloaded = false;
        }
      }
      Step firstFailure =
          stepsByDevice.get(device).stream()
              .filter(s -> isDownload(s.action) && !s.ok)
              .findFirst()
              .orElse(null);
      if (firstFailure != null) {
        ActivationEnd after =
            activations.stream()
                .filter(a -> a.endSeq > firstFailure.endSeq)
                .findFirst()
                .orElse(null);
        if (after == null) {
          unrecovered++;
        } else {
          recovered++;
          mttrSum += after.endNanos - firstFailure.startNanos;
        }
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
    FaultAttribution faults = FaultAttribution.of(sorted, failedDownloads, devices);
    Map<String, Integer> byPoint = new TreeMap<>();
    for (Step s : failedDownloads) {
      String point = faults.lastPoint.get(s.startSeq);
      byPoint.merge(point == null ? "(no fault)" : point, 1, Integer::sum);
    }

    return new Kpis(
        activationEnd,
        devices.size(),
        attempts,
        successes,
        Percentiles.of(longs(tta)),
        recovered == 0 ? null : Math.round((double) mttrSum / recovered),
        recovered,
        unrecovered,
        percentiles(byAction),
        percentiles(http),
        percentiles(apdus.finish()),
        Percentiles.of(longs(tls)),
        byCode,
        byPoint,
        faultCount,
        faults.unattributed,
        attempts == 0 ? 0 : lastDownload - firstDownload);
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
          List<Step> bySource = inSpan.stream().filter(s -> s.device.equals(named)).toList();
          if (bySource.size() == 1) {
            owner = bySource.get(0);
          }
        }
        if (owner == null) {
          owner = nearest(inSpan, seqsByDevice, e.seq());
        }
        if (owner == null) {
          out.unattributed++;
        } else {
          out.lastPoint.put(owner.startSeq, f.point());
        }
      }
      return out;
    }

    private static Step nearest(List<Step> candidates, Map<String, long[]> seqs, long seq) {
      Step best = null;
      long bestDistance = Long.MAX_VALUE;
      boolean tie = false;
      for (Step s : candidates) {
        long[] list = seqs.get(s.device);
        if (list == null) {
          continue;
        }
        long d = distance(list, seq);
        if (d < bestDistance) {
          best = s;
          bestDistance = d;
          tie = false;
        } else if (d == bestDistance && !s.device.equals(best.device)) {
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
