package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.store.StateStore;

/** Fleet-scale footprint of idle cards, and the events a card reports. */
class FootprintAndEventsTest {

  @Test
  void hundredThousandIdleCardsFitInAFewHundredBytesEach() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    List<Euicc> fleet = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      fleet.add(Euicc.builder(Fixture.IDENTITY).build());
    }
    System.gc();
    long after = rt.totalMemory() - rt.freeMemory();
    long perCard = (after - before) / fleet.size();
    // Shared identity; per card only the ISD-R front end, the context and a small state.
    assertThat(perCard).as("bytes per idle card").isLessThan(2_000);
    assertThat(fleet.get(99_999).state().profiles()).isEmpty();
  }

  @Test
  void apduExchangesAndStateTransitionsGoToTheEventLog() {
    RecordingSink sink = new RecordingSink();
    EventLog log = EventLog.system().addSink(sink);
    Euicc euicc =
        Euicc.builder(Fixture.IDENTITY)
            .store(StateStore.inMemory())
            .random(RandomSource.seeded(11))
            .events(log)
            .build();
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    String iccid = Fixture.iccid(77);
    d.load(
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(iccid),
            Profiles.upp(iccid, 100),
            new TestSmdp.Options()));
    List<EventPayload.ApduExchange> apdus = sink.payloads(EventPayload.ApduExchange.class).toList();
    assertThat(apdus).hasSize(d.link.apduCount);
    assertThat(apdus.get(1).channel()).isEqualTo(1);
    assertThat(sink.payloads(EventPayload.StateTransition.class))
        .anySatisfy(
            t -> {
              assertThat(t.entity()).isEqualTo("profile");
              assertThat(t.id()).isEqualTo(iccid);
              assertThat(t.to()).isEqualTo("disabled");
            });
    assertThat(sink.events())
        .allSatisfy(e -> assertThat(e.source()).isEqualTo("euicc:" + euicc.eid().value()));
  }
}
