package org.rspharness.scenario.model;

import java.util.List;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.fault.NetworkProfile;

/**
 * The fault plan of a scenario: rules saying where which fault happens, and an optional network
 * profile for the whole run. Card and client-network rules apply to one device (or, without a
 * device, to each device, counting occurrences per device); SM-DP+ rules (protocol, server network)
 * to the embedded SM-DP+.
 *
 * @param profile the run's network condition on every device's client side, or null
 * @param rules the rules, in file order
 */
public record Faults(NetworkProfile profile, List<Rule> rules) {

  /** No faults. */
  public static final Faults NONE = new Faults(null, List.of());

  /** Copies the rules. */
  public Faults {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  /** True when nothing is injected. */
  public boolean isEmpty() {
    return profile == null && rules.isEmpty();
  }

  /**
   * One rule and the device it is for.
   *
   * @param device the device name (card and client-network rules), or null for every device
   * @param rule the rule
   */
  public record Rule(String device, FaultRule rule) {
    /** Only device-side rules name a device. */
    public Rule {
      if (rule == null) {
        throw new IllegalArgumentException("fault: missing");
      }
      if (device != null && rule.layer() != Layer.CARD && rule.layer() != Layer.NETWORK_CLIENT) {
        throw new IllegalArgumentException(
            "device: only card and network-client rules belong to a device");
      }
    }

    /** Whether this rule acts on the SM-DP+ side. */
    public boolean smdpSide() {
      return rule.layer() == Layer.PROTOCOL || rule.layer() == Layer.NETWORK_SERVER;
    }
  }
}
