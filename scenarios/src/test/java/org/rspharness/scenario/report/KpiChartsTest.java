package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.scenario.kpi.Kpis;

class KpiChartsTest {

  /** Hand-built events: each at a given millisecond, numbered in call order. */
  static final class Log {
    final List<Event> list = new ArrayList<>();

    Log emit(long ms, String source, EventPayload p) {
      list.add(
          new Event(
              list.size() + 1,
              ms * 1_000_000,
              Instant.parse("2026-11-25T12:00:00Z").plusMillis(ms),
              source,
              p));
      return this;
    }

    Log start(long ms, String device, String action) {
      return emit(
          ms,
          "lpa/" + device,
          new EventPayload.StepStarted("load", device + " " + action, action, device));
    }

    Log end(long ms, String device, String action, boolean ok, String code) {
      return emit(
          ms,
          "lpa/" + device,
          new EventPayload.StepFinished("load", device + " " + action, ok, code, ok ? null : "no"));
    }

    Log http(long ms, String function, long millis) {
      return emit(
          ms,
          "lpa-es9/x",
          new EventPayload.HttpExchange(
              function, "https://x/" + function, 200, null, null, millis * 1_000_000, null));
    }

    List<KpiChart> charts() {
      return KpiCharts.of(list, Kpis.of(list));
    }
  }

  /**
   * Download-only run (an activation ends with the download): a 0-100 ok, b 0-150 ok, d 20-500 ok,
   * e 50-300 failed 8.1/4.2, c 100-320 ok. Activations 100, 150, 220, 480 ms.
   */
  static Log fiveDownloads() {
    return new Log()
        .start(0, "a", "download")
        .start(0, "b", "download")
        .start(20, "d", "download")
        .start(50, "e", "download")
        .end(100, "a", "download", true, null)
        .start(100, "c", "download")
        .end(150, "b", "download", true, null)
        .end(300, "e", "download", false, "8.1/4.2")
        .end(320, "c", "download", true, null)
        .end(500, "d", "download", true, null)
        .http(30, "initiateAuthentication", 10)
        .http(40, "initiateAuthentication", 30)
        .http(60, "authenticateClient", 20);
  }

  private static KpiChart titled(List<KpiChart> charts, String prefix) {
    return charts.stream().filter(c -> c.title().startsWith(prefix)).findFirst().orElseThrow();
  }

  private static List<Double> values(KpiChart c) {
    return c.rows().stream().map(r -> r.samples().get(0)).toList();
  }

  @Test
  void histogramBucketsTimeToActivateByARoundWidth() {
    KpiChart h = titled(fiveDownloads().charts(), "Time to activate histogram");
    assertThat(h.kind()).isEqualTo(KpiChart.Kind.HISTOGRAM);
    assertThat(h.title()).isEqualTo("Time to activate histogram (4 activations)");
    assertThat(h.unit()).isEqualTo("ms");
    // range 380 ms / 5 buckets = 76 ms, rounded up to 100 ms; from 100 ms up to 480 ms
    assertThat(h.rows())
        .extracting(KpiChart.Row::label)
        .containsExactly("100\u2013200", "200\u2013300", "300\u2013400", "400\u2013500");
    assertThat(values(h)).containsExactly(2.0, 1.0, 0.0, 1.0);
    assertThat(h.note()).isEqualTo("p50 150.0ms, p95 480.0ms, max 480.0ms");
  }

  @Test
  void niceWidthsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(KpiCharts.niceWidth(76_000_000)).isEqualTo(100_000_000);
    assertThat(KpiCharts.niceWidth(11)).isEqualTo(20);
    assertThat(KpiCharts.niceWidth(3)).isEqualTo(5);
    assertThat(KpiCharts.niceWidth(1)).isEqualTo(1);
  }

  @Test
  void timeToActivateAndSuccessRatePerInterval() {
    List<KpiChart> charts = fiveDownloads().charts();
    // 5 attempts -> 5 intervals of 100 ms over 0..500 ms, each sample in the interval of its end
    KpiChart tta = titled(charts, "Time to activate per interval");
    assertThat(tta.kind()).isEqualTo(KpiChart.Kind.SERIES);
    assertThat(tta.xLabels()).containsExactly("100 ms", "200 ms", "300 ms", "400 ms", "500 ms");
    assertThat(tta.rows().get(0).label()).isEqualTo("p50");
    assertThat(tta.rows().get(0).samples())
        .containsExactly(Double.NaN, 100.0, Double.NaN, 220.0, 480.0);
    assertThat(tta.rows().get(1).samples())
        .containsExactly(Double.NaN, 150.0, Double.NaN, 220.0, 480.0);

    KpiChart rate = titled(charts, "Download success rate per interval");
    assertThat(rate.unit()).isEqualTo("%");
    assertThat(rate.rows().get(0).samples())
        .containsExactly(Double.NaN, 100.0, Double.NaN, 50.0, 100.0);
    assertThat(rate.note()).endsWith("overall 4 of 5 ok (80.0 %)");
  }

  @Test
  void failuresByStatusCodeAndInterruptionPoint() {
    List<KpiChart> charts = fiveDownloads().charts();
    KpiChart byCode = titled(charts, "Failed downloads by status code");
    assertThat(byCode.rows()).extracting(KpiChart.Row::label).containsExactly("8.1/4.2");
    assertThat(values(byCode)).containsExactly(1.0);
    KpiChart byPoint = titled(charts, "Failed downloads by interruption point");
    assertThat(byPoint.rows()).extracting(KpiChart.Row::label).containsExactly("(no fault)");
  }

  @Test
  void latencyPerFunctionIsP50P95Max() {
    KpiChart http = titled(fiveDownloads().charts(), "ES9+/ES2+ function latency");
    assertThat(http.kind()).isEqualTo(KpiChart.Kind.PERCENTILES);
    assertThat(http.unit()).isEqualTo("ms");
    assertThat(http.rows())
        .extracting(KpiChart.Row::label)
        .containsExactly("authenticateClient (n=1)", "initiateAuthentication (n=2)");
    assertThat(http.rows().get(1).samples()).containsExactly(10.0, 30.0, 30.0);
  }

  @Test
  void oneDownloadIsSaidInWordsNotDrawn() {
    Log one = new Log().start(0, "a", "download").end(1200, "a", "download", true, null);
    List<KpiChart> charts = one.charts();
    assertThat(charts).allMatch(c -> c.kind() == KpiChart.Kind.TEXT);
    assertThat(charts)
        .extracting(KpiChart::note)
        .containsExactly(
            "1 activation: 1.20 s.",
            "1 download: 1.20 s, ok.",
            "None: 1 download attempt, all ok.");
  }

  @Test
  void equalTimesAreNoHistogram() {
    Log two =
        new Log()
            .start(0, "a", "download")
            .start(0, "b", "download")
            .end(300, "a", "download", true, null)
            .end(300, "b", "download", true, null);
    assertThat(two.charts().get(0).note())
        .isEqualTo("2 activations, each 0.30 s (no spread to chart).");
  }

  @Test
  void aRunWithoutDownloadSaysSo() {
    assertThat(new Log().charts())
        .extracting(KpiChart::note)
        .containsExactly("No profile download in this run.");
  }
}
