package org.rspharness.load;

import java.time.Duration;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.util.Records;

/**
 * What a load run does.
 *
 * @param devices virtual devices (each its own eUICC; a device runs one activation at a time)
 * @param concurrency activations in flight at most (bounded concurrent downloads)
 * @param rampUp time over which the concurrency grows from 1 to {@code concurrency} (zero: none)
 * @param duration stop starting activations after this long, or null to run {@code count}
 * @param count activations to run when {@code duration} is null
 * @param curve the curve of the eUICCs (and of the SM-DP+ port they use)
 * @param enable whether each successful download is followed by an enable
 * @param attempts download attempts per activation (a failed one is retried with a new order)
 * @param seed seed of the device keys and EIDs and of the embedded SM-DP+
 * @param recordApdus whether APDU exchanges are kept for the per-ES10-command breakdown (about 20
 *     small events per download; off for very long runs)
 * @param binding the ES9+ binding of the virtual devices: {@code json} or {@code asn1} (SGP.22 v3
 *     section 6.6)
 * @param firstDevice the index of this run's first device among all devices (a shard's devices are
 *     {@code firstDevice .. firstDevice + devices - 1}; their keys and EIDs follow the index)
 * @param allDevices the devices of all shards together (names are padded to its width)
 */
public record LoadConfig(
    int devices,
    int concurrency,
    Duration rampUp,
    Duration duration,
    int count,
    Curve curve,
    boolean enable,
    int attempts,
    long seed,
    boolean recordApdus,
    String binding,
    int firstDevice,
    int allDevices) {

  /** A run of its own (not a shard) in {@code binding}. */
  public LoadConfig(
      int devices,
      int concurrency,
      Duration rampUp,
      Duration duration,
      int count,
      Curve curve,
      boolean enable,
      int attempts,
      long seed,
      boolean recordApdus,
      String binding) {
    this(
        devices,
        concurrency,
        rampUp,
        duration,
        count,
        curve,
        enable,
        attempts,
        seed,
        recordApdus,
        binding,
        0,
        devices);
  }

  /** A configuration in the JSON binding. */
  public LoadConfig(
      int devices,
      int concurrency,
      Duration rampUp,
      Duration duration,
      int count,
      Curve curve,
      boolean enable,
      int attempts,
      long seed,
      boolean recordApdus) {
    this(
        devices,
        concurrency,
        rampUp,
        duration,
        count,
        curve,
        enable,
        attempts,
        seed,
        recordApdus,
        "json");
  }

  public LoadConfig {
    binding = binding == null ? "json" : binding;
    if (!binding.equals("json") && !binding.equals("asn1")) {
      throw new IllegalArgumentException("binding: expected json or asn1, got '" + binding + "'");
    }
    if (firstDevice < 0 || allDevices < firstDevice + devices) {
      throw new IllegalArgumentException(
          "devices: a shard's devices "
              + firstDevice
              + ".."
              + (firstDevice + devices - 1)
              + " must lie within 0.."
              + (allDevices - 1));
    }
    if (devices < 1) {
      throw new IllegalArgumentException("devices: at least 1, got " + devices);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency: at least 1, got " + concurrency);
    }
    if (rampUp == null || rampUp.isNegative()) {
      throw new IllegalArgumentException("rampUp: a duration of 0 or more");
    }
    if (duration == null && count < 1) {
      throw new IllegalArgumentException("count: at least 1 when no duration is given");
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("duration: must be positive");
    }
    if (curve == null) {
      throw new IllegalArgumentException("curve: missing");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts: at least 1, got " + attempts);
    }
  }

  /** {@code count} activations by {@code devices} devices, {@code concurrency} at a time. */
  public static LoadConfig count(int devices, int concurrency, int count) {
    return new LoadConfig(
        devices, concurrency, Duration.ZERO, null, count, Curve.NIST_P256, false, 1, 1, true);
  }

  public LoadConfig withRampUp(Duration d) {
    return Records.with(this, "rampUp", d);
  }

  public LoadConfig withDuration(Duration d) {
    return Records.with(this, "duration", d);
  }

  public LoadConfig withCurve(Curve c) {
    return Records.with(this, "curve", c);
  }

  public LoadConfig withEnable(boolean e) {
    return Records.with(this, "enable", e);
  }

  public LoadConfig withAttempts(int a) {
    return Records.with(this, "attempts", a);
  }

  public LoadConfig withSeed(long s) {
    return Records.with(this, "seed", s);
  }

  public LoadConfig withRecordApdus(boolean r) {
    return Records.with(this, "recordApdus", r);
  }

  /** The same run in another ES9+ binding ({@code json} or {@code asn1}). */
  public LoadConfig withBinding(String b) {
    return Records.with(this, "binding", b);
  }

  /** The same run on devices {@code first .. first + devices - 1} of {@code all}. */
  public LoadConfig withDeviceRange(int first, int all) {
    return Records.with(this, java.util.Map.of("firstDevice", first, "allDevices", all));
  }
}
