package org.rspharness.scenario.kpi;

import java.util.Arrays;

/**
 * A distribution summarised by nearest-rank percentiles: the p-th percentile of n sorted samples is
 * the sample of rank {@code ceil(p / 100 * n)} (1-based), so every reported value is a value that
 * was actually measured (no interpolation) and p100 is the maximum.
 *
 * @param count number of samples (0: every other component is 0)
 * @param p50 median
 * @param p90 90th percentile
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest sample
 * @param mean arithmetic mean (0 when empty)
 */
public record Percentiles(
    long count, long p50, long p90, long p95, long p99, long max, double mean) {

  /** No samples. */
  public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0);

  /** The percentiles of {@code samples} (copied, not modified). */
  public static Percentiles of(long[] samples) {
    if (samples.length == 0) {
      return EMPTY;
    }
    long[] s = samples.clone();
    Arrays.sort(s);
    double sum = 0;
    for (long v : s) {
      sum += v;
    }
    return new Percentiles(
        s.length,
        rank(s, 50),
        rank(s, 90),
        rank(s, 95),
        rank(s, 99),
        s[s.length - 1],
        sum / s.length);
  }

  /** Nearest rank: the sample of rank ceil(p/100 * n) of the sorted samples. */
  static long rank(long[] sorted, int p) {
    return sorted[index(sorted.length, p)];
  }

  /**
   * The 0-based index of the {@code p}-th percentile among {@code n > 0} sorted samples: rank
   * {@code ceil(p / 100 * n)}, at least 1 (the one rule for every percentile a report shows).
   */
  public static int index(int n, int p) {
    if (n <= 0) {
      throw new IllegalArgumentException("no samples");
    }
    int r = (int) Math.ceil(p / 100.0 * n);
    return Math.min(n, Math.max(1, r)) - 1;
  }

  /** True when there is no sample. */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * The statistic named {@code stat}: {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code
   * max}, {@code mean} or {@code count}; IllegalArgumentException for any other name.
   */
  public double get(String stat) {
    return switch (stat) {
      case "p50" -> p50;
      case "p90" -> p90;
      case "p95" -> p95;
      case "p99" -> p99;
      case "max" -> max;
      case "mean" -> mean;
      case "count" -> count;
      default ->
          throw new IllegalArgumentException(
              "statistic: expected one of p50, p90, p95, p99, max, mean, count, got '"
                  + stat
                  + "'");
    };
  }
}
