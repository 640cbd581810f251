package org.rspharness.smdp.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a registry's meters in the Prometheus text exposition format 0.0.4, written here so the
 * simulator needs no Prometheus client library: timers as summaries ({@code _count}, {@code _sum}
 * in seconds) plus a {@code _max} gauge, counters as {@code _total}, gauges as they are, and
 * distribution summaries like timers without the unit. Other meter types are skipped.
 */
public final class PrometheusText {

  /** The Content-Type of the text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  /** The scrape text of every meter, grouped by name, names and labels sorted. */
  public static String scrape(MeterRegistry registry) {
    Map<String, List<Meter>> byName = new LinkedHashMap<>();
    List<Meter> meters = new ArrayList<>(registry.getMeters());
    meters.sort(
        Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> labels(m)));
    for (Meter m : meters) {
      byName.computeIfAbsent(m.getId().getName(), k -> new ArrayList<>()).add(m);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<Meter>> e : byName.entrySet()) {
      String base = sanitize(e.getKey());
      Meter first = e.getValue().get(0);
      if (first instanceof Timer) {
        family(out, base + "_seconds", "summary", first);
        for (Meter m : e.getValue()) {
          Timer t = (Timer) m;
          line(out, base + "_seconds_count", labels(m), t.count());
          line(out, base + "_seconds_sum", labels(m), t.totalTime(TimeUnit.SECONDS));
        }
        family(out, base + "_seconds_max", "gauge", first);
        for (Meter m : e.getValue()) {
          line(out, base + "_seconds_max", labels(m), ((Timer) m).max(TimeUnit.SECONDS));
        }
      } else if (first instanceof Counter) {
        family(out, base + "_total", "counter", first);
        for (Meter m : e.getValue()) {
          line(out, base + "_total", labels(m), ((Counter) m).count());
        }
      } else if (first instanceof Gauge) {
        family(out, base, "gauge", first);
        for (Meter m : e.getValue()) {
          line(out, base, labels(m), ((Gauge) m).value());
        }
      } else if (first instanceof DistributionSummary) {
        family(out, base, "summary", first);
        for (Meter m : e.getValue()) {
          DistributionSummary d = (DistributionSummary) m;
          line(out, base + "_count", labels(m), d.count());
          line(out, base + "_sum", labels(m), d.totalAmount());
        }
      }
    }
    return out.toString();
  }

  private static void family(StringBuilder out, String name, String type, Meter m) {
    String help = m.getId().getDescription();
    if (help != null && !help.isBlank()) {
      out.append("# HELP ")
          .append(name)
          .append(' ')
          .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
    }
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder out, String name, String labels, double value) {
    out.append(name).append(labels).append(' ').append(number(value)).append('\n');
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String labels(Meter m) {
    List<Tag> tags = m.getId().getTags();
    if (tags.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < tags.size(); i++) {
      Tag t = tags.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append(sanitize(t.getKey()))
          .append("=\"")
          .append(t.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
          .append('"');
    }
    return b.append('}').toString();
  }

  static String sanitize(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == ':' ? c : '_');
    }
    if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
      b.insert(0, '_');
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
