package org.rspharness.scenario.kpi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Publishes a run's KPIs as gauges, read from the same {@link KpiValues} every report prints: one
 * gauge {@code rsp.kpi} per KPI with the tag {@code kpi} (its name; in Prometheus {@code
 * rsp_kpi{kpi="successRate"}}), in the KPI's base unit; KPIs not measured are left out. A KPI's
 * name is low-cardinality: a fixed set, plus one per status code and interruption point seen.
 */
public final class KpiMeters {

  /** The gauge's name. */
  public static final String NAME = "rsp.kpi";

  private KpiMeters() {}

  /** Registers (or updates) the gauges of {@code kpis} in {@code registry}. */
  public static void bind(Kpis kpis, MeterRegistry registry) {
    List<KpiValues.Entry> entries = KpiValues.of(kpis).entries();
    for (KpiValues.Entry e : entries) {
      if (e.value() == null) {
        continue;
      }
      double v = e.value();
      Gauge.builder(NAME, () -> v)
          .description("KPI of the finished run (README, KPI definitions), in its base unit")
          .tag("kpi", e.name())
          .register(registry);
    }
  }
}
