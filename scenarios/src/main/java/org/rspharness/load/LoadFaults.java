package org.rspharness.load;

import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.random.RandomSource;
import org.rspharness.scenario.model.Faults;

/**
 * A load run's fault plan split by side: each virtual device gets the network profile and the card
 * and client-network rules that name no device (occurrences counted per device, its fault events
 * named after it), the SM-DP+ the protocol and server-network rules. Draws come from {@code random}
 * and the device's name, so the same seed and device make the same draws in any process.
 */
public final class LoadFaults {

  private final Faults faults;
  private final RandomSource random;

  /** The plan {@code faults} (may be {@link Faults#NONE}), drawing from {@code random}. */
  public LoadFaults(Faults faults, RandomSource random) {
    this.faults = faults == null ? Faults.NONE : faults;
    this.random = random;
  }

  /** The whole plan. */
  public Faults faults() {
    return faults;
  }

  /** The plan of device {@code name}, recording into {@code events}. */
  public FaultPlan device(String name, EventLog events) {
    List<FaultRule> rules = new ArrayList<>();
    for (Faults.Rule r : faults.rules()) {
      if (!r.smdpSide() && (r.device() == null || r.device().equals(name))) {
        rules.add(r.rule());
      }
    }
    if (rules.isEmpty() && faults.profile() == null) {
      return FaultPlan.none();
    }
    return new FaultPlan(rules, faults.profile(), random.derive("faults/" + name), events, name);
  }

  /** The SM-DP+'s plan (the embedded one applies it), recording into {@code events}. */
  public FaultPlan smdp(EventLog events) {
    List<FaultRule> rules = new ArrayList<>();
    for (Faults.Rule r : faults.rules()) {
      if (r.smdpSide()) {
        rules.add(r.rule());
      }
    }
    return rules.isEmpty()
        ? FaultPlan.none()
        : new FaultPlan(rules, null, random.derive("faults/smdp"), events);
  }

  /** Lines for the {@code stress: } notes: the network profile and the rules, or none. */
  public List<String> describe(String source) {
    List<String> out = new ArrayList<>();
    if (faults.profile() != null) {
      out.add("network " + faults.profile().describe());
    }
    if (!faults.rules().isEmpty()) {
      List<String> rules = new ArrayList<>();
      for (Faults.Rule r : faults.rules()) {
        FaultRule f = r.rule();
        rules.add(
            f.layer().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " "
                + f.target()
                + " "
                + f.point().fileName()
                + " "
                + f.fault().describe());
      }
      out.add(
          "fault rules"
              + (source == null ? "" : " from " + source)
              + ": "
              + String.join("; ", rules));
    }
    return out;
  }
}
