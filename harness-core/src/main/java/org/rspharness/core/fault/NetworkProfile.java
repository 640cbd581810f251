package org.rspharness.core.fault;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network condition for a whole run, e.g. "3G-poor", applied by the LPA's client to each of its
 * exchanges: a latency of {@code latency +- jitter} before the request, request and response bodies
 * paced at {@code bytesPerSecond}, a lost segment in {@code lossPercent} percent of the exchanges
 * (which costs one retransmission timeout, {@link #retransmissionTimeout()}, before the request),
 * and {@code resetPercent} percent of the exchanges reset before their response; all drawn from the
 * run's seed.
 *
 * @param name the profile's name, for reports
 * @param latency base latency per exchange
 * @param jitter uniform jitter around the latency
 * @param resetPercent share of exchanges reset, 0 to 100
 * @param bytesPerSecond bandwidth of each body, or 0 for unlimited
 * @param lossPercent share of exchanges that lose a segment, 0 to 100
 */
public record NetworkProfile(
    String name,
    Duration latency,
    Duration jitter,
    double resetPercent,
    long bytesPerSecond,
    double lossPercent) {

  /** The built-in profiles' names. */
  public static final List<String> NAMES = List.of("3g-poor", "3g", "4g", "lossy");

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
    if (!(lossPercent >= 0 && lossPercent <= 100)) {
      throw new IllegalArgumentException("lossPercent: expected 0 to 100");
    }
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bandwidth: expected 0 (unlimited) or more bytes/s");
    }
  }

  /** Latency, jitter and resets only (no bandwidth limit, no loss). */
  public NetworkProfile(String name, Duration latency, Duration jitter, double resetPercent) {
    this(name, latency, jitter, resetPercent, 0, 0);
  }

  /**
   * A built-in profile by name: {@code 3g-poor} (400 ms +- 200 ms, 384 kbit/s, 1 % loss, 5 %
   * resets), {@code 3g} (150 ms +- 50 ms, 2 Mbit/s, 0.5 % loss), {@code 4g} (50 ms +- 20 ms),
   * {@code lossy} (100 ms +- 50 ms, 5 % loss, 20 % resets); null if unknown.
   */
  public static NetworkProfile named(String name) {
    return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "3g-poor" -> new NetworkProfile("3g-poor", ms(400), ms(200), 5, 48_000, 1);
      case "3g" -> new NetworkProfile("3g", ms(150), ms(50), 0, 250_000, 0.5);
      case "4g" -> new NetworkProfile("4g", ms(50), ms(20), 0);
      case "lossy" -> new NetworkProfile("lossy", ms(100), ms(50), 20, 0, 5);
      default -> null;
    };
  }

  private static final Pattern ITEM =
      Pattern.compile("(latency|jitter|bandwidth|loss|reset)=([^,]+)");

  /**
   * A profile from the command line: a built-in name, or {@code
   * latency=300ms,jitter=100ms,bandwidth=384kbit,loss=1%,reset=2%} (any of the items, at least one;
   * bandwidth in {@code bit}, {@code kbit}, {@code mbit} per second or {@code B}, {@code KB} bytes
   * per second). IllegalArgumentException says what is wrong.
   */
  public static NetworkProfile parse(String text) {
    NetworkProfile named = named(text);
    if (named != null) {
      return named;
    }
    if (text == null || text.isBlank() || !text.contains("=")) {
      throw new IllegalArgumentException(
          "expected one of "
              + NAMES
              + " or latency=300ms,jitter=100ms,bandwidth=384kbit,loss=1%,reset=2%, got '"
              + text
              + "'");
    }
    Duration latency = Duration.ZERO;
    Duration jitter = Duration.ZERO;
    long bandwidth = 0;
    double loss = 0;
    double reset = 0;
    for (String part : text.split(",")) {
      Matcher m = ITEM.matcher(part.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'"
                + part.trim()
                + "': expected latency=, jitter=, bandwidth=, loss= or reset= (e.g."
                + " latency=300ms,loss=1%)");
      }
      String v = m.group(2).trim();
      switch (m.group(1)) {
        case "latency" -> latency = duration("latency", v);
        case "jitter" -> jitter = duration("jitter", v);
        case "bandwidth" -> bandwidth = bandwidth(v);
        case "loss" -> loss = percent("loss", v);
        default -> reset = percent("reset", v);
      }
    }
    return new NetworkProfile(text, latency, jitter, reset, bandwidth, loss);
  }

  /** One line for reports, e.g. {@code 3g-poor (latency 400ms +- 200ms, 384 kbit/s, ...)}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(name).append(" (latency ");
    sb.append(latency.toMillis()).append("ms");
    if (!jitter.isZero()) {
      sb.append(" +- ").append(jitter.toMillis()).append("ms");
    }
    sb.append(", bandwidth ")
        .append(bytesPerSecond == 0 ? "unlimited" : (bytesPerSecond * 8 / 1000) + " kbit/s");
    sb.append(", loss ").append(number(lossPercent)).append(" %");
    sb.append(", resets ").append(number(resetPercent)).append(" %)");
    return sb.toString();
  }

  /** What a lost segment costs: one retransmission timeout, max(200 ms, 2 x latency). */
  public Duration retransmissionTimeout() {
    Duration twice = latency.multipliedBy(2);
    return twice.compareTo(ms(200)) > 0 ? twice : ms(200);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s)");
  private static final Pattern RATE =
      Pattern.compile("([0-9]{1,12})(bit|kbit|mbit|B|KB|MB)", Pattern.CASE_INSENSITIVE);

  private static Duration duration(String what, String v) {
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(what + ": expected e.g. 300ms or 2s, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
  }

  private static long bandwidth(String v) {
    Matcher m = RATE.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bandwidth: expected e.g. 384kbit, 2mbit or 48KB (per second), got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    long bytes =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "bit" -> n / 8;
          case "kbit" -> n * 1000 / 8;
          case "mbit" -> n * 1_000_000 / 8;
          case "b" -> n;
          case "kb" -> n * 1000;
          default -> n * 1_000_000;
        };
    if (bytes < 1) {
      throw new IllegalArgumentException("bandwidth: at least 8bit, got '" + v + "'");
    }
    return bytes;
  }

  private static double percent(String what, String v) {
    String t = v.endsWith("%") ? v.substring(0, v.length() - 1) : v;
    try {
      double d = Double.parseDouble(t);
      if (d >= 0 && d <= 100) {
        return d;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(what + ": expected a percentage 0..100, got '" + v + "'");
  }

  private static Duration ms(long m) {
    return Duration.ofMillis(m);
  }
}
