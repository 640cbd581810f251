package org.rspharness.core.fault;

import java.time.Duration;

/**
 * A network condition for a whole run, e.g. "3G-poor": every exchange of the LPA's client gets a
 * latency of {@code latency +- jitter} before its request, and {@code resetPercent} percent of the
 * exchanges are reset before their response, drawn from the run's seed.
 *
 * @param name the profile's name, for reports
 * @param latency base latency per exchange
 * @param jitter uniform jitter around the latency
 * @param resetPercent share of exchanges reset, 0 to 100
 */
public record NetworkProfile(String name, Duration latency, Duration jitter, double resetPercent) {

  /** Checks the values. */
  public NetworkProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: missing");
    }
    new Fault.Latency(latency, jitter); // same rules as a latency fault
    jitter = jitter == null ? Duration.ZERO : jitter;
    if (!(resetPercent >= 0 && resetPercent <= 100)) {
      throw new IllegalArgumentException("resetPercent: expected 0 to 100");
    }
  }

  /** A built-in profile by name: {@code 3g-poor}, {@code 4g}, {@code lossy}; null if unknown. */
  public static NetworkProfile named(String name) {
    return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
      case "3g-poor" -> new NetworkProfile("3g-poor", ms(400), ms(200), 5);
      case "4g" -> new NetworkProfile("4g", ms(50), ms(20), 0);
      case "lossy" -> new NetworkProfile("lossy", ms(100), ms(50), 20);
      default -> null;
    };
  }

  private static Duration ms(long m) {
    return Duration.ofMillis(m);
  }
}
