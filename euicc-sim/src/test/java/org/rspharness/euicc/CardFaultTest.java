package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.CommandApdu;
import org.rspharness.euicc.card.LpaApdus;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.FileStateStore;
import org.rspharness.euicc.store.NotificationRecord;
import org.rspharness.euicc.store.StateStore;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es10.Es10Exception;

/**
 * Issue 6: each card fault of a {@link FaultPlan} at its point, with its FaultInjected event, and
 * the state after a power loss and restart.
 */
class CardFaultTest {

  private static final String LBPP = "LoadBoundProfilePackage";

  private final RecordingSink sink = new RecordingSink();
  private final EventLog events = EventLog.system().addSink(sink);
  private final List<Duration> slept = new ArrayList<>();
  private static int firstSequenceBlocks;

  private FaultPlan plan(FaultRule... rules) {
    return new FaultPlan(List.of(rules), null, RandomSource.seeded(1), events);
  }

  private static FaultRule rule(String target, int occurrence, FaultPoint p, int apdu, Fault f) {
    return new FaultRule(Layer.CARD, target, occurrence, p, apdu, f);
  }

  private Euicc euicc(StateStore store, FaultPlan plan) {
    return Euicc.builder(Fixture.IDENTITY)
        .store(store)
        .random(RandomSource.seeded(7))
        .faults(plan)
        .sleeper(slept::add)
        .build();
  }

  private List<EventPayload.FaultInjected> injected() {
    return sink.payloads(EventPayload.FaultInjected.class).toList();
  }

  /** A second download up to the package: the BPP's APDUs, as the LPA sends them. */
  private static List<CommandApdu> packageApdus(Fixture.Download d, String iccid) {
    TestSmdp.Options o = new TestSmdp.Options();
    o.replaceSessionKeys = true;
    o.metadataChunk = 60;
    TestSmdp.Bpp bpp =
        d.smdp.bind(d.euiccOtpk, Profiles.metadata(iccid), Profiles.upp(iccid, 1800), o);
    firstSequenceBlocks = d.link.blocks(bpp.sequences().get(0)).size();
    List<CommandApdu> apdus = new ArrayList<>();
    for (byte[] s : bpp.sequences()) {
      apdus.addAll(d.link.blocks(s));
    }
    return apdus;
  }

  @ParameterizedTest(name = "{0} APDU {1}")
  @CsvSource({
    "BEFORE_APDU, 0",
    "BEFORE_APDU, 4",
    "AFTER_APDU, 4",
    "BEFORE_APDU, -1",
    "AFTER_APDU, -2",
    "AFTER_APDU, -1"
  })
  void powerLossInSecondPackageLoadRestartsFromPersistentState(
      FaultPoint point, int k, @TempDir Path dir) {
    Path file = dir.resolve("card.json");
    // k < 0 counts from the end of the package: -1 is the last APDU
    int total =
        packageApdus(
                downloadReady(euicc(StateStore.inMemory(), FaultPlan.none())), Fixture.iccid(201))
            .size();
    int at = k < 0 ? total + k : k;
    FaultPlan plan = plan(rule(LBPP, 2, point, at, new Fault.PowerLoss()));
    Euicc euicc = euicc(new FileStateStore(file), plan);
    Fixture.install(euicc, Fixture.iccid(100), new Profiles.Meta());
    EuiccState before = euicc.state();
    assertThat(before.profiles()).hasSize(1);

    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    List<CommandApdu> apdus = packageApdus(d, Fixture.iccid(201));
    assertThat(apdus).hasSize(total);
    for (int i = 0; i < at; i++) {
      byte[] r = d.link.raw(apdus.get(i).toBytes());
      assertThat(LpaLink.sw(r)).as("APDU " + i).isEqualTo(0x9000);
    }
    assertThat(euicc.powered()).isTrue();
    assertThat(d.link.raw(apdus.get(at).toBytes())).as("the cut APDU's answer").isEmpty();
    assertThat(euicc.powered()).isFalse();
    // unpowered: every APDU goes unanswered, whatever it is
    assertThat(euicc.transmit(LpaApdus.openChannel().toBytes())).isEmpty();
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected(
                LBPP + " " + point.fileName() + " apdu " + at, "power-loss", 2));

    euicc.reset();
    assertThat(euicc.powered()).isTrue();
    EuiccState after = euicc.state();
    boolean installed = point == FaultPoint.AFTER_APDU && at == total - 1;
    // the load began once the BF36 sequence (InitialiseSecureChannel) was processed
    int lastOfFirst = firstSequenceBlocks - 1;
    boolean began = point == FaultPoint.BEFORE_APDU ? at > lastOfFirst : at >= lastOfFirst;
    List<NotificationRecord> n = after.notifications();
    assertThat(n.subList(0, before.notifications().size())).isEqualTo(before.notifications());
    if (!began) {
      assertThat(after).as("no load began: nothing to report").isEqualTo(before);
      return;
    }
    assertThat(n).hasSize(before.notifications().size() + 1);
    Tlv pirData = Tlv.parse(Hex.decode(n.get(n.size() - 1).signed()));
    if (installed) {
      // processed, only the answer was lost: the profile is there, its result pending
      assertThat(after.profiles()).hasSize(2);
      assertThat(after.profiles().get(1).iccid()).isEqualTo(Fixture.iccid(201));
      assertThat(pirData.get(0xA2).find(0xA0)).isPresent();
    } else {
      assertThat(after.profiles()).isEqualTo(before.profiles());
      assertThat(pirData.get(0xA2).get(0xA1).get(0x81).value())
          .as("installFailedDueToInterruption")
          .containsExactly(11);
    }
    // the persistent state is exactly what a restart from the file finds
    Euicc restarted = Euicc.builder(Fixture.IDENTITY).store(new FileStateStore(file)).build();
    assertThat(restarted.state()).isEqualTo(after);
    // and the card downloads again after the power-on
    Fixture.install(euicc, Fixture.iccid(300), new Profiles.Meta());
    assertThat(euicc.state().profiles()).hasSize(installed ? 3 : 2);
  }

  private static Fixture.Download downloadReady(Euicc euicc) {
    return Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
  }

  @Test
  void powerLossLeavesTheLpaWithAMalformedAnswerUntilReset() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(rule("GetEID", 1, FaultPoint.AFTER_APDU, 0, new Fault.PowerLoss())));
    Es10Client lpa = new Es10Client(euicc, EventLog.disabled());
    assertThatThrownBy(lpa::getEid)
        .isInstanceOf(Es10Exception.class)
        .satisfies(e -> assertThat(((Es10Exception) e).statusWord()).isEqualTo(-1));
    assertThatThrownBy(lpa::getEuiccChallenge).isInstanceOf(Es10Exception.class);
    euicc.reset();
    lpa.forgetChannel();
    assertThat(lpa.getEid()).isEqualTo(euicc.eid());
  }

  @Test
  void statusWordAnswersInsteadOfTheCommandOnce() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(
                rule(
                    "GetEuiccChallenge",
                    1,
                    FaultPoint.BEFORE_APDU,
                    0,
                    new Fault.CardStatusWord(0x6A84))));
    LpaLink link = new LpaLink(euicc).open();
    LpaLink.Response refused = link.send(Fixture.challenge());
    assertThat(refused.sw()).isEqualTo(0x6A84);
    assertThat(refused.data()).isEmpty();
    LpaLink.Response ok = link.send(Fixture.challenge());
    assertThat(ok.sw()).isEqualTo(0x9000);
    assertThat(Tlv.parse(ok.data()).get(0x80).value()).hasSize(16);
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected(
                "GetEuiccChallenge before-apdu apdu 0", "status-word 6A84", 1));
  }

  @Test
  void statusWordOnALaterBlockDropsThePackageChain() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(rule(LBPP, 1, FaultPoint.BEFORE_APDU, 1, new Fault.CardStatusWord(0x6F00))));
    Fixture.Download d = downloadReady(euicc);
    List<CommandApdu> apdus = packageApdus(d, Fixture.iccid(201));
    assertThat(apdus.get(1).p2()).as("second block of the BF36 sequence").isEqualTo(1);
    assertThat(LpaLink.sw(d.link.raw(apdus.get(0).toBytes()))).isEqualTo(0x9000);
    assertThat(LpaLink.sw(d.link.raw(apdus.get(1).toBytes()))).isEqualTo(0x6F00);
    // the refused block was not processed, its chain is gone: the BF36 sequence never reached the
    // eUICC, so the next sequence (A0) finds no load in progress
    assertThat(apdus.get(2).p2()).isZero();
    assertThat(LpaLink.sw(d.link.raw(apdus.get(2).toBytes()))).isEqualTo(0x6A88);
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected(LBPP + " before-apdu apdu 1", "status-word 6F00", 1));
  }

  @Test
  void memoryFullFailsTheInstallWithInsufficientMemory() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(rule(LBPP, 1, FaultPoint.BEFORE_APDU, 0, new Fault.MemoryFull())));
    Fixture.Download d = downloadReady(euicc);
    LpaLink.Response last = null;
    int sent = 0;
    List<CommandApdu> apdus = packageApdus(d, Fixture.iccid(100));
    for (CommandApdu a : apdus) {
      last = d.link.collect(d.link.raw(a.toBytes()));
      sent++;
      if (last.data().length > 0) {
        break;
      }
    }
    assertThat(sent).as("the result comes with the A0 sequence").isLessThan(apdus.size());
    Tlv error = Tlv.parse(last.data()).get(0xBF27).get(0xA2).get(0xA1);
    assertThat(error.get(0x80).value()).as("bppCommandId configureISDP").containsExactly(1);
    assertThat(error.get(0x81).value())
        .as("installFailedDueToInsufficientMemoryForProfile")
        .containsExactly(10);
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected(LBPP + " before-apdu apdu 0", "memory-full", 1));
    // the fault lasted that command only: the next install succeeds
    byte[] ok = Fixture.install(euicc, Fixture.iccid(101), new Profiles.Meta());
    assertThat(Tlv.parse(ok).get(0xBF27).get(0xA2).find(0xA0)).isPresent();
  }

  @Test
  void memoryFullInTheLastSegmentFailsLoadProfileElements() {
    int total =
        packageApdus(
                downloadReady(euicc(StateStore.inMemory(), FaultPlan.none())), Fixture.iccid(201))
            .size();
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(rule(LBPP, 1, FaultPoint.BEFORE_APDU, total - 1, new Fault.MemoryFull())));
    Fixture.Download d = downloadReady(euicc);
    LpaLink.Response last = null;
    for (CommandApdu a : packageApdus(d, Fixture.iccid(201))) {
      last = d.link.collect(d.link.raw(a.toBytes()));
    }
    Tlv error = Tlv.parse(last.data()).get(0xBF27).get(0xA2).get(0xA1);
    assertThat(error.get(0x80).value()).as("bppCommandId loadProfileElements").containsExactly(5);
    assertThat(error.get(0x81).value()).containsExactly(10);
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void memoryFullLeavesOtherCommandsWorking() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(rule("GetEID", 0, FaultPoint.BEFORE_APDU, 0, new Fault.MemoryFull())));
    Es10Client lpa = new Es10Client(euicc, EventLog.disabled());
    assertThat(lpa.getEid()).isEqualTo(euicc.eid());
    assertThat(lpa.getProfilesInfo()).isEmpty();
    assertThat(injected()).hasSize(1);
  }

  @Test
  void slowCardWaitsThroughTheSleeperPerApdu() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(
                rule(
                    LBPP, 0, FaultPoint.BEFORE_APDU, -1, new Fault.SlowCard(Duration.ofMillis(40))),
                rule(
                    "GetEuiccChallenge",
                    1,
                    FaultPoint.AFTER_APDU,
                    0,
                    new Fault.SlowCard(Duration.ofMillis(700)))));
    LpaLink link = new LpaLink(euicc).open();
    link.call(Fixture.challenge());
    assertThat(slept).containsExactly(Duration.ofMillis(700));
    slept.clear();
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    List<CommandApdu> apdus = packageApdus(d, Fixture.iccid(201));
    for (CommandApdu a : apdus) {
      d.link.collect(d.link.raw(a.toBytes()));
    }
    assertThat(slept).hasSize(apdus.size()).containsOnly(Duration.ofMillis(40));
    assertThat(euicc.state().profiles()).hasSize(1);
    assertThat(injected().stream().filter(e -> e.fault().equals("slow-card 40 ms")).count())
        .isEqualTo(apdus.size());
  }

  @Test
  void channelLeftOpenSurvivesItsCloseUntilChannelsRunOut() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(rule("GetEID", 0, FaultPoint.AFTER_APDU, 0, new Fault.ChannelLeftOpen())));
    List<Integer> channels = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Es10Client lpa = new Es10Client(euicc, EventLog.disabled());
      assertThat(lpa.getEid()).isEqualTo(euicc.eid());
      channels.add(lpa.channel());
      lpa.close(); // answered 9000, yet the channel stays open
    }
    assertThat(channels).containsExactly(1, 2, 3);
    byte[] open = euicc.transmit(LpaApdus.openChannel().toBytes());
    assertThat(Hex.encode(open)).as("no free channel").isEqualTo("6A81");
    // a leaked channel still has the ISD-R selected
    byte[] challenge =
        euicc.transmit(LpaApdus.storeData(2, Fixture.challenge(), 120).get(0).toBytes());
    assertThat(Hex.encode(challenge)).startsWith("BF2E128010").endsWith("9000");
    // a second close of a leaked channel does close it
    assertThat(Hex.encode(euicc.transmit(LpaApdus.closeChannel(2).toBytes()))).isEqualTo("9000");
    assertThat(Hex.encode(euicc.transmit(LpaApdus.openChannel().toBytes()))).isEqualTo("029000");
    assertThat(injected()).hasSize(3);
    assertThat(injected().get(0))
        .isEqualTo(
            new EventPayload.FaultInjected("GetEID after-apdu apdu 0", "channel-left-open", 1));
  }

  @Test
  void withoutChannelLeftOpenTheSameChannelIsReused() {
    Euicc euicc = euicc(StateStore.inMemory(), FaultPlan.none());
    for (int i = 0; i < 3; i++) {
      Es10Client lpa = new Es10Client(euicc, EventLog.disabled());
      lpa.getEid();
      assertThat(lpa.channel()).isEqualTo(1);
      lpa.close();
    }
  }

  @Test
  void manageChannelAndSelectAreCommandsOfTheirOwn() {
    Euicc euicc =
        euicc(
            StateStore.inMemory(),
            plan(rule("Select", 1, FaultPoint.BEFORE_APDU, 0, new Fault.CardStatusWord(0x6A82))));
    byte[] open = euicc.transmit(LpaApdus.openChannel().toBytes());
    assertThat(Hex.encode(open)).isEqualTo("019000");
    byte[] select =
        euicc.transmit(LpaApdus.select(1, org.rspharness.euicc.card.IsdRCard.isdRAid()).toBytes());
    assertThat(Hex.encode(select)).isEqualTo("6A82");
    FaultPlan p = euicc.card().faultPlan();
    assertThat(p.occurrences(Layer.CARD, "ManageChannel")).isEqualTo(1);
    assertThat(p.occurrences(Layer.CARD, "Select")).isEqualTo(1);
  }
}
