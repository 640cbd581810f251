package org.rspharness.scenario.model;

import java.util.List;

/**
 * What a scenario runs against: one SM-DP+, one or more devices, and the PKI.
 *
 * @param smdp the SM-DP+, embedded or remote
 * @param pki the PKI (a generated one when absent)
 * @param devices the devices, names unique
 */
public record Topology(Smdp smdp, Pki pki, List<Device> devices) {

  /** Checks the parts and the device names. */
  public Topology {
    if (smdp == null) {
      throw new IllegalArgumentException("smdp: missing; expected embedded or remote");
    }
    if (pki == null) {
      pki = new Pki.Generated(null);
    }
    if (devices == null || devices.isEmpty()) {
      throw new IllegalArgumentException("devices: expected at least one device");
    }
    devices = List.copyOf(devices);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      if (!seen.add(devices.get(i).name())) {
        throw new IllegalArgumentException(
            "devices[" + i + "].name: '" + devices.get(i).name() + "' appears twice");
      }
    }
  }
}
