package org.rspharness.core.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.random.RandomSource;

/**
 * The faults of a run, asked by each layer at its points. A layer calls {@link #begin} once per
 * exchange (an HTTP exchange of a function, an ES10 command on the card), which fixes the
 * occurrence number, then asks the returned {@link Exchange} at each point; every fault it hands
 * out is recorded as a {@code FaultInjected} event, so reports see exactly what was applied.
 *
 * <p>Randomness of a {@link NetworkProfile} is drawn from a stream derived from the seed, the
 * layer, the target and the occurrence, so the same run makes the same draws whatever the thread
 * interleaving.
 */
public final class FaultPlan {

  private static final FaultPlan NONE = new FaultPlan(List.of(), null, null, EventLog.disabled());

  private final List<FaultRule> rules;
  private final NetworkProfile profile;
  private final RandomSource random;
  private final EventLog events;
  private final String device;
  private final Map<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();

  /**
   * A plan of {@code rules} and an optional run-wide network {@code profile} (applied on the
   * client's network layer), drawing from {@code random}, recording into {@code events}.
   */
  public FaultPlan(
      List<FaultRule> rules, NetworkProfile profile, RandomSource random, EventLog events) {
    this(rules, profile, random, events, null);
  }

  /**
   * The same for one device of many: its fault events name it ({@code fault/LAYER/DEVICE}), so
   * reports can tell whose connection a fault hit.
   */
  public FaultPlan(
      List<FaultRule> rules,
      NetworkProfile profile,
      RandomSource random,
      EventLog events,
      String device) {
    this.rules = List.copyOf(rules);
    this.profile = profile;
    this.random = random == null ? RandomSource.seeded(0) : random;
    this.events = events;
    this.device = device;
  }

  /** The plan with no faults. */
  public static FaultPlan none() {
    return NONE;
  }

  /** True when this plan can never inject anything. */
  public boolean isEmpty() {
    return rules.isEmpty() && profile == null;
  }

  /** The rules, in order. */
  public List<FaultRule> rules() {
    return rules;
  }

  /** The network profile, or null. */
  public NetworkProfile profile() {
    return profile;
  }

  /** Starts one exchange of {@code target} on {@code layer}, numbering its occurrence from 1. */
  public Exchange begin(Layer layer, String target) {
    if (isEmpty()) {
      return Exchange.NONE;
    }
    String key = layer + "/" + target.toLowerCase(Locale.ROOT);
    int n = occurrences.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    return new Exchange(this, layer, target, n);
  }

  /** How many exchanges of {@code target} {@code layer} has begun so far. */
  public int occurrences(Layer layer, String target) {
    AtomicInteger n = occurrences.get(layer + "/" + target.toLowerCase(Locale.ROOT));
    return n == null ? 0 : n.get();
  }

  /** One exchange: the faults for it at each of its points. */
  public static final class Exchange {
    static final Exchange NONE = new Exchange(null, null, "", 0);

    private final FaultPlan plan;
    private final Layer layer;
    private final String target;
    private final int occurrence;
    private List<Fault> drawn;

    Exchange(FaultPlan plan, Layer layer, String target, int occurrence) {
      this.plan = plan;
      this.layer = layer;
      this.target = target;
      this.occurrence = occurrence;
    }

    /** The occurrence number of this exchange (from 1; 0 for the empty plan). */
    public int occurrence() {
      return occurrence;
    }

    /** The faults at a point of a network or protocol exchange (usually none). */
    public List<Fault> at(FaultPoint point) {
      return atApdu(point, -1);
    }

    /** The faults at a point of APDU {@code apdu} (from 0) of a card command. */
    public synchronized List<Fault> atApdu(FaultPoint point, int apdu) {
      if (plan == null) {
        return List.of();
      }
      List<Fault> out = new ArrayList<>(1);
      for (FaultRule r : plan.rules) {
        if (r.layer() == layer && r.matches(target, occurrence, point, apdu)) {
          out.add(r.fault());
        }
      }
      if (plan.profile != null && layer == Layer.NETWORK_CLIENT) {
        out.addAll(profileFaults(point));
      }
      for (Fault f : out) {
        plan.events.emit(
            "fault/"
                + layer.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (plan.device == null ? "" : "/" + plan.device),
            new EventPayload.FaultInjected(
                target + " " + point.fileName() + (apdu >= 0 ? " apdu " + apdu : ""),
                f.describe(),
                occurrence));
      }
      return out;
    }

    private List<Fault> profileFaults(FaultPoint point) {
      if (drawn == null) {
        // one draw per exchange: latency before the request, maybe a reset before the response
        RandomSource r = plan.random.derive(layer + "/" + target + "/" + occurrence);
        NetworkProfile p = plan.profile;
        byte[] b = r.bytes(8);
        double u1 = ((b[0] & 0xff) << 8 | (b[1] & 0xff)) / 65536.0;
        double u2 = ((b[2] & 0xff) << 8 | (b[3] & 0xff)) / 65536.0;
        long jitter = p.jitter().toNanos();
        long delay = p.latency().toNanos() + Math.round((u1 * 2 - 1) * jitter);
        double u3 = ((b[4] & 0xff) << 8 | (b[5] & 0xff)) / 65536.0;
        drawn = new ArrayList<>(4);
        drawn.add(new Fault.Latency(Duration.ofNanos(Math.max(0, delay)), Duration.ZERO));
        if (u3 * 100 < p.lossPercent()) {
          drawn.add(new Fault.Stall(p.retransmissionTimeout()));
        }
        if (p.bytesPerSecond() > 0) {
          drawn.add(new Fault.Bandwidth(p.bytesPerSecond()));
        }
        if (u2 * 100 < p.resetPercent()) {
          drawn.add(new Fault.Reset());
        }
      }
      List<Fault> out = new ArrayList<>(1);
      for (Fault f : drawn) {
        if (((f instanceof Fault.Latency || f instanceof Fault.Stall)
                && point == FaultPoint.REQUEST_START)
            || (f instanceof Fault.Bandwidth
                && (point == FaultPoint.REQUEST_BODY || point == FaultPoint.RESPONSE_BODY))
            || (f instanceof Fault.Reset && point == FaultPoint.RESPONSE_START)) {
          out.add(f);
        }
      }
      return out;
    }
  }
}
