package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.IsdRCard;
import org.rspharness.euicc.store.StateStore;

/**
 * SGP.22 section 5.7: the eUICC logs each ES10 command it runs as an {@code es10} event of its own
 * (observer {@code euicc}), so a log of our card driven by any LPA names its commands: here the
 * card is driven by raw APDUs, with no LPA of ours.
 */
class CardEs10EventsTest {

  private final RecordingSink sink = new RecordingSink();
  private final Euicc euicc = Fixture.recording(sink, false, 3);

  private List<EventPayload.Es10Command> commands() {
    return sink.payloads(EventPayload.Es10Command.class).toList();
  }

  @Test
  void eachCommandIsOneEventNamedAsFaultRulesNameItWithItsResult() {
    LpaLink link = new LpaLink(euicc).open();
    link.call(Hex.decode("BF2E00")); // GetEuiccChallenge
    link.call(Hex.decode("BF2000")); // GetEuiccInfo1
    byte[] enableUnknown =
        TlvBuilder.constructed(0xBF31)
            .add(TlvBuilder.constructed(0xA0).add(0x5A, Hex.decode(Fixture.iccid(9))))
            .add(0x81, new byte[] {0})
            .build();
    link.call(enableUnknown); // 9000 with enableResult iccidOrAidNotFound(1)
    assertThat(link.send(Hex.decode("BF7F00")).sw()).isEqualTo(0x6A88);

    assertThat(commands())
        .extracting(
            EventPayload.Es10Command::function,
            EventPayload.Es10Command::result,
            EventPayload.Es10Command::observer)
        .containsExactly(
            tuple("ManageChannel", "ok", "euicc"),
            tuple("Select", "ok", "euicc"),
            tuple("GetEuiccChallenge", "ok", "euicc"),
            tuple("GetEuiccInfo1", "ok", "euicc"),
            tuple("EnableProfile", "enableResult 1", "euicc"),
            tuple("BF7F", "SW 6A88", "euicc"));
    EventPayload.Es10Command challenge = commands().get(2);
    assertThat(challenge.channel()).isEqualTo(link.channel());
    assertThat(challenge.apdus()).isEqualTo(1);
    assertThat(Hex.encode(challenge.command())).isEqualTo("BF2E00");
    assertThat(challenge.response()).startsWith(Hex.decode("BF2E12"));
    assertThat(challenge.responseBytes()).isEqualTo(challenge.response().length);
    assertThat(commands().get(5).response()).isNull(); // refused: no response data, as the LPA logs
  }

  @Test
  void aCommandIsLoggedAfterItsOwnApdusGetResponsesIncluded() {
    // a T=0 style card: every answer with data comes through 61xx and GET RESPONSE
    Euicc t0 =
        Euicc.builder(Fixture.IDENTITY)
            .store(StateStore.inMemory())
            .random(RandomSource.seeded(3))
            .events(EventLog.system().addSink(sink))
            .cardConfig(IsdRCard.Config.defaults().withAlwaysGetResponse(true))
            .build();
    LpaLink link = new LpaLink(t0).open();
    byte[] challenge = link.call(Hex.decode("BF2E00"));

    EventPayload.Es10Command c = commands().get(commands().size() - 1);
    assertThat(c.function()).isEqualTo("GetEuiccChallenge");
    assertThat(c.apdus()).isEqualTo(2); // STORE DATA, GET RESPONSE
    assertThat(c.response()).isEqualTo(challenge);
    // every es10 event closes the run of APDUs just before it
    int apdus = 0;
    for (Event e : sink.events()) {
      if (e.payload() instanceof EventPayload.ApduExchange) {
        apdus++;
      } else if (e.payload() instanceof EventPayload.Es10Command done) {
        assertThat(done.apdus()).as(done.function()).isEqualTo(apdus);
        apdus = 0;
      }
    }
    assertThat(apdus).isZero();
  }

  @Test
  void aPackageRefusedForWantOfASessionIsOneLoadBoundProfilePackageWithItsStatusWord() {
    LpaLink link = new LpaLink(euicc).open();
    byte[] bpp =
        TlvBuilder.constructed(0xBF36)
            .add(TlvBuilder.constructed(0xBF23).add(0x82, new byte[] {1}))
            .build();
    assertThat(link.send(bpp).sw()).isEqualTo(0x6985);
    EventPayload.Es10Command load = commands().get(commands().size() - 1);
    assertThat(load.function()).isEqualTo("LoadBoundProfilePackage");
    assertThat(load.result()).isEqualTo("SW 6985");
    assertThat(load.command()).isEqualTo(bpp);
  }
}
