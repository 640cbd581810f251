package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.CommandApdu;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.FileStateStore;
import org.rspharness.euicc.store.NotificationRecord;
import org.rspharness.euicc.store.StateStore;

/**
 * SGP.22 section 5.7.6: installation is atomic. The package load is cut at every APDU index, by a
 * power cycle and by another ES10 command: each cut leaves no partial profile, the existing profile
 * and notifications intact, at most one new notification (the failed result with
 * installFailedDueToInterruption), and a card that still downloads.
 */
class AtomicityTest {

  private static EuiccState baseline;

  @BeforeAll
  static void installFirstProfile() {
    Euicc euicc = Fixture.euicc(StateStore.inMemory());
    Fixture.install(euicc, Fixture.iccid(100), new Profiles.Meta());
    LpaLink link = new LpaLink(euicc).open();
    byte[] enable =
        TlvBuilder.constructed(0xBF31)
            .add(TlvBuilder.constructed(0xA0).add(0x5A, Iccid.of(Fixture.iccid(100)).toEfIccid()))
            .add(0x81, new byte[] {(byte) 0xFF})
            .build();
    assertThat(Hex.encode(link.call(enable))).isEqualTo("BF3103800100");
    baseline = euicc.state();
    assertThat(baseline.profiles()).hasSize(1);
    assertThat(baseline.notifications()).hasSize(2);
  }

  private record Cut(Euicc euicc, Fixture.Download download, List<CommandApdu> apdus) {}

  private static Cut prepare(StateStore store, int seed) {
    store.save(baseline);
    Euicc euicc =
        Euicc.builder(Fixture.IDENTITY).store(store).random(RandomSource.seeded(seed)).build();
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    String iccid = Fixture.iccid(200);
    TestSmdp.Options o = new TestSmdp.Options();
    o.replaceSessionKeys = true;
    o.metadataChunk = 60;
    TestSmdp.Bpp bpp =
        d.smdp.bind(d.euiccOtpk, Profiles.metadata(iccid), Profiles.upp(iccid, 1800), o);
    List<CommandApdu> apdus = new ArrayList<>();
    for (byte[] s : bpp.sequences()) {
      apdus.addAll(d.link.blocks(s));
    }
    return new Cut(euicc, d, apdus);
  }

  private static void assertIntact(EuiccState state, String where) {
    assertThat(state.profiles()).as(where + ": profiles").isEqualTo(baseline.profiles());
    List<NotificationRecord> n = state.notifications();
    assertThat(n.subList(0, 2))
        .as(where + ": old notifications")
        .isEqualTo(baseline.notifications());
    assertThat(n.size()).as(where + ": new notifications").isLessThanOrEqualTo(3);
    if (n.size() == 3) {
      Tlv pirData = Tlv.parse(Hex.decode(n.get(2).signed()));
      Tlv error = pirData.get(0xA2).get(0xA1);
      assertThat(error.get(0x81).value()).as(where + ": errorReason").containsExactly(11);
    }
  }

  private static void assertStillDownloads(Euicc euicc) {
    Fixture.Download again = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    String iccid = Fixture.iccid(300);
    byte[] pir =
        again.load(
            again.smdp.bind(
                again.euiccOtpk,
                Profiles.metadata(iccid),
                Profiles.upp(iccid, 200),
                new TestSmdp.Options()));
    assertThat(Tlv.parse(pir).get(0xBF27).get(0xA2).find(0xA0)).isPresent();
  }

  @Test
  void powerCycleAtEveryApduLeavesNoPartialProfile(@TempDir Path dir) {
    int total = prepare(StateStore.inMemory(), 0).apdus().size();
    assertThat(total).isGreaterThan(20);
    for (int k = 0; k < total; k++) {
      Path file = dir.resolve("card-" + k + ".json");
      Cut cut = prepare(new FileStateStore(file), k);
      for (int i = 0; i < k; i++) {
        byte[] r = cut.download().link.raw(cut.apdus().get(i).toBytes());
        int sw = LpaLink.sw(r);
        assertThat(sw == 0x9000 || (sw & 0xFF00) == 0x6100)
            .as("APDU " + i + " before the cut")
            .isTrue();
      }
      cut.euicc().reset();
      assertIntact(cut.euicc().state(), "power cycle at APDU " + k);
      // A restart from the file is the same card.
      Euicc restarted = Euicc.builder(Fixture.IDENTITY).store(new FileStateStore(file)).build();
      assertThat(restarted.state()).isEqualTo(cut.euicc().state());
      if (k % 8 == 0) {
        assertStillDownloads(cut.euicc());
      }
    }
    // Uncut, the same sequence installs the profile.
    Cut whole = prepare(StateStore.inMemory(), total);
    LpaLink.Response last = null;
    for (CommandApdu a : whole.apdus()) {
      last = whole.download().link.collect(whole.download().link.raw(a.toBytes()));
    }
    assertThat(Tlv.parse(last.data()).get(0xBF27).get(0xA2).find(0xA0)).isPresent();
    assertThat(whole.euicc().state().profiles()).hasSize(2);
  }

  @Test
  void anotherCommandAtEveryApduInterruptsWithoutPartialProfile() {
    int total = prepare(StateStore.inMemory(), 0).apdus().size();
    for (int k = 1; k < total; k++) {
      Cut cut = prepare(StateStore.inMemory(), 1000 + k);
      for (int i = 0; i < k; i++) {
        cut.download().link.raw(cut.apdus().get(i).toBytes());
      }
      byte[] profiles = Fixture.getProfiles(cut.download().link);
      assertThat(Tlv.parse(profiles).get(0xA0).children()).as("listed at " + k).hasSize(1);
      assertIntact(cut.euicc().state(), "interrupted at APDU " + k);
      // The rest of the package finds no load in progress.
      int sw = LpaLink.sw(cut.download().link.raw(cut.apdus().get(k).toBytes()));
      assertThat(sw).as("APDU after the interruption at " + k).isIn(0x6A88, 0x6A86, 0x9000, 0x6985);
      assertThat(cut.euicc().state().profiles()).isEqualTo(baseline.profiles());
    }
  }
}
