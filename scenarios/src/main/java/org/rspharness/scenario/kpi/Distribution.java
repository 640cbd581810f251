package org.rspharness.scenario.kpi;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Samples of one KPI in bounded memory: the first {@value #EXACT_LIMIT} samples are kept as they
 * are (so small runs get exact nearest-rank percentiles, {@link Percentiles#of}); beyond that they
 * move into an HdrHistogram with 3 significant digits, whose nearest-rank percentiles are within
 * 0.1 % of the exact ones. Count, max and mean stay exact in both modes. Not thread-safe.
 */
public final class Distribution {

  /** Samples kept exactly before switching to the histogram. */
  public static final int EXACT_LIMIT = 10_000;

  private long[] exact = new long[8];
  private int n;
  private Histogram histogram;
  private long count;
  private long max = Long.MIN_VALUE;
  private long sum;

  /** Adds one sample (negative samples count as 0 once in the histogram). */
  public void add(long v) {
    count++;
    sum += v;
    max = Math.max(max, v);
    if (histogram != null) {
      histogram.recordValue(Math.max(0, v));
      return;
    }
    if (n == exact.length) {
      if (n >= EXACT_LIMIT) {
        histogram = new Histogram(3);
        for (int i = 0; i < n; i++) {
          histogram.recordValue(Math.max(0, exact[i]));
        }
        histogram.recordValue(Math.max(0, v));
        exact = null;
        n = 0;
        return;
      }
      exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, n * 2));
    }
    exact[n++] = v;
  }

  /** How many samples. */
  public long count() {
    return count;
  }

  /** The percentiles (see the class comment for their precision). */
  public Percentiles percentiles() {
    if (histogram == null) {
      return Percentiles.of(Arrays.copyOf(exact, n));
    }
    return new Percentiles(
        count, rank(50), rank(90), rank(95), rank(99), max, (double) sum / count);
  }

  /** Nearest rank ceil(p/100 * count), read from the histogram (capped at the exact maximum). */
  private long rank(int p) {
    long r = Math.max(1, (long) Math.ceil(p / 100.0 * count));
    long seen = 0;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      seen += v.getCountAtValueIteratedTo();
      if (seen >= r) {
        return Math.min(max, histogram.highestEquivalentValue(v.getValueIteratedTo()));
      }
    }
    return max;
  }
}
