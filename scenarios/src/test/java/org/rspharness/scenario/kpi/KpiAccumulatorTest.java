package org.rspharness.scenario.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.OrderedSink;

class KpiAccumulatorTest {

  /** 30,000 downloads of 100 devices, some refused, some with faults, 5 in flight at once. */
  private static Events bigRun(List<Long> downloadMillis) {
    Events ev = new Events();
    Random r = new Random(5);
    long t = 0;
    int[] job = new int[100];
    for (int round = 0; round < 6000; round++) {
      List<String> inFlight = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        int d = (round * 5 + k) % 100;
        String dev = "dev" + d;
        String step = "download " + dev + " #" + job[d]++;
        ev.at(t++).start(dev, step, Kpis.DOWNLOAD);
        inFlight.add(dev + "|" + step);
      }
      if (round % 97 == 0) {
        ev.at(t++).fault("es9.getBoundProfilePackage");
      }
      for (String f : inFlight) {
        String[] p = f.split("\\|");
        long took = 50 + r.nextInt(5000);
        t += took;
        ev.at(t).http("lpa-es9/" + p[0], "authenticateClient", took / 3);
        if (r.nextInt(50) == 0) {
          ev.at(t).fail(p[0], p[1], "8.1/3.8");
        } else {
          ev.at(t).ok(p[0], p[1]);
        }
        downloadMillis.add(took);
      }
    }
    ev.at(t).start("dev7", "download dev7 cut", Kpis.DOWNLOAD); // never finished
    return ev;
  }

  @Test
  void fedOutOfOrderThroughAnOrderedSinkItGivesWhatTheWholeListGives() {
    Events ev = bigRun(new ArrayList<>());
    List<Event> delivered = new ArrayList<>(ev.list);
    // concurrent emitters deliver a little out of order: shuffle within windows of 8
    Random r = new Random(1);
    for (int i = 0; i + 8 <= delivered.size(); i += 8) {
      Collections.shuffle(delivered.subList(i, i + 8), r);
    }
    KpiAccumulator acc = new KpiAccumulator(true);
    OrderedSink sink = new OrderedSink(acc::accept, 1);
    delivered.forEach(sink::accept);
    sink.close();
    Kpis streamed = acc.finish();
    Kpis batch = Kpis.of(ev.list);
    assertThat(streamed).isEqualTo(batch);
    assertThat(streamed.downloadAttempts()).isEqualTo(30_001);
    assertThat(streamed.failuresByStatusCode()).containsKeys("8.1/3.8", "(unfinished)");
    assertThat(streamed.failuresByInterruptionPoint()).containsKey("(no fault)");
  }

  @Test
  void pastTenThousandSamplesPercentilesComeFromAHistogramWithinOnePerMille() {
    Distribution d = new Distribution();
    Random r = new Random(3);
    long[] all = new long[50_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = 1_000_000L + (long) (r.nextGaussian() * 200_000) + r.nextInt(5_000_000);
      d.add(all[i]);
    }
    Percentiles exact = Percentiles.of(all);
    Percentiles bounded = d.percentiles();
    assertThat(bounded.count()).isEqualTo(exact.count());
    assertThat(bounded.max()).isEqualTo(exact.max());
    assertThat(bounded.mean()).isCloseTo(exact.mean(), within(1.0));
    for (String p : List.of("p50", "p90", "p95", "p99")) {
      assertThat(bounded.get(p)).as(p).isCloseTo(exact.get(p), within(exact.get(p) * 0.001));
    }
  }

  @Test
  void upToTenThousandSamplesPercentilesAreExactNearestRank() {
    Distribution d = new Distribution();
    long[] all = new long[Distribution.EXACT_LIMIT];
    for (int i = 0; i < all.length; i++) {
      all[i] = (i * 7919L) % 10_007;
      d.add(all[i]);
    }
    assertThat(d.percentiles()).isEqualTo(Percentiles.of(all));
  }
}
