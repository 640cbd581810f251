package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.IsdRCard;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.store.StateStore;

/**
 * SGP.22 section 5.7.6: LoadBoundProfilePackage errors, each answered at once with a signed
 * ProfileInstallationResult naming the BPP command and the reason.
 */
class BppTest {

  private Euicc euicc = Fixture.euicc(StateStore.inMemory());

  /** Sends sequences until a BF37 comes; returns {bppCommandId, errorReason} or null on success. */
  private static int[] load(Fixture.Download d, TestSmdp.Bpp bpp) {
    for (byte[] s : bpp.sequences()) {
      LpaLink.Response r = d.link.send(s);
      assertThat(r.sw()).isEqualTo(0x9000);
      if (r.data().length > 0) {
        Tlv result = Tlv.parse(r.data()).get(0xBF27).get(0xA2);
        if (result.find(0xA0).isPresent()) {
          return null;
        }
        Tlv err = result.get(0xA1);
        return new int[] {err.get(0x80).value()[0], err.get(0x81).value()[0]};
      }
    }
    throw new AssertionError("no ProfileInstallationResult");
  }

  private int[] download(String metaIccid, String uppIccid, int filler, TestSmdp.Options o) {
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    return load(
        d,
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(metaIccid, new Profiles.Meta()),
            Profiles.upp(uppIccid, filler),
            o));
  }

  @Test
  void badSmdpSignIsInvalidSignatureOnInitialiseSecureChannel() {
    TestSmdp.Options o = new TestSmdp.Options();
    o.corruptSmdpSign = true;
    assertThat(download(Fixture.iccid(1), Fixture.iccid(1), 100, o)).containsExactly(0, 2);
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(euicc.state().notifications()).hasSize(1);
  }

  @Test
  void otherTransactionIdIsInvalidTransactionId() {
    TestSmdp.Options o = new TestSmdp.Options();
    o.transactionId = new byte[16];
    assertThat(download(Fixture.iccid(1), Fixture.iccid(1), 100, o)).containsExactly(0, 3);
  }

  @Test
  void otherRemoteOperationIsUnsupported() {
    TestSmdp.Options o = new TestSmdp.Options();
    o.remoteOpId = 2;
    assertThat(download(Fixture.iccid(1), Fixture.iccid(1), 100, o)).containsExactly(0, 5);
  }

  @Test
  void profileHeaderIccidMustMatchTheMetadata() {
    assertThat(download(Fixture.iccid(1), Fixture.iccid(2), 100, new TestSmdp.Options()))
        .containsExactly(5, 13);
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void secondInstallOfAnIccidIsIccidAlreadyExists() {
    assertThat(download(Fixture.iccid(1), Fixture.iccid(1), 100, new TestSmdp.Options())).isNull();
    assertThat(download(Fixture.iccid(1), Fixture.iccid(1), 100, new TestSmdp.Options()))
        .containsExactly(2, 9);
    assertThat(euicc.state().profiles()).hasSize(1);
  }

  @Test
  void profileLargerThanTheFreeMemoryIsInsufficientMemory() {
    euicc = Fixture.euicc(StateStore.inMemory(), EuiccConfig.defaults().withMemoryBudget(3000));
    assertThat(download(Fixture.iccid(1), Fixture.iccid(1), 2000, new TestSmdp.Options())).isNull();
    assertThat(download(Fixture.iccid(2), Fixture.iccid(2), 2000, new TestSmdp.Options()))
        .containsExactly(5, 10);
    assertThat(euicc.state().profiles()).hasSize(1);
    Tlv info2 = Tlv.parse(new LpaLink(euicc).open().call(Hex.decode("BF2200")));
    long free =
        Long.parseLong(Hex.encode(Tlv.parseAll(info2.get(0x84).value()).get(1).value()), 16);
    assertThat(free).isEqualTo(3000 - euicc.state().profiles().get(0).size());
  }

  @Test
  void pprsTheRatDoesNotAllowArePprNotAllowed() {
    assertThat(loadWithRat(List.of(), false, true)).containsExactly(2, 15);
  }

  @Test
  void pprAllowedByTheRatForTheOwnerInstalls() {
    assertThat(
            loadWithRat(
                List.of(new EuiccConfig.RatRule(true, false, List.of("21F3EE"), false)),
                true,
                false))
        .isNull();
    assertThat(euicc.state().profiles().get(0).ppr1()).isTrue();
  }

  @Test
  void eachPprMayBeAllowedByARuleOfItsOwnWithWildcardMccMnc() {
    assertThat(
            loadWithRat(
                List.of(
                    new EuiccConfig.RatRule(true, false, List.of("21F3EE"), false),
                    new EuiccConfig.RatRule(false, true, List.of("EEEE54"), true)),
                true,
                true))
        .isNull();
    assertThat(euicc.state().profiles().get(0).ppr2()).isTrue();
  }

  @Test
  void aWildcardRuleForAnotherCountryLeavesThePprNotAllowed() {
    assertThat(
            loadWithRat(
                List.of(new EuiccConfig.RatRule(true, true, List.of("22F3EE"), false)),
                true,
                false))
        .containsExactly(2, 15);
  }

  /**
   * A fresh eUICC with {@code rat} loads a profile of owner 21F354 with the given PPRs; the result
   * as {@link #load} gives it (null when installed).
   */
  private int[] loadWithRat(List<EuiccConfig.RatRule> rat, boolean ppr1, boolean ppr2) {
    euicc = Fixture.euicc(StateStore.inMemory(), EuiccConfig.defaults().withRat(rat));
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    Profiles.Meta m = new Profiles.Meta();
    m.ppr1 = ppr1;
    m.ppr2 = ppr2;
    m.ownerMccMnc = "21F354";
    String iccid = Fixture.iccid(3);
    return load(
        d,
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(iccid, m),
            Profiles.upp(iccid, 100),
            new TestSmdp.Options()));
  }

  @Test
  void packageWithoutPrepareDownloadIsRefusedWith6985() {
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    TestSmdp.Bpp bpp =
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(Fixture.iccid(1)),
            Profiles.upp(Fixture.iccid(1), 10),
            new TestSmdp.Options());
    d.link.call(Hex.decode("BF2E00")); // a new session drops the prepared one
    assertThat(d.link.send(bpp.sequences().get(0)).sw()).isEqualTo(0x6985);
  }

  @Test
  void wholePackageInOneStoreDataSequenceInstalls() {
    Fixture.Download d = Fixture.start(euicc, Curve.BRAINPOOL_P256R1).authenticate().prepare();
    String iccid = Fixture.iccid(4);
    TestSmdp.Options o = new TestSmdp.Options();
    o.replaceSessionKeys = true;
    TestSmdp.Bpp bpp =
        d.smdp.bind(d.euiccOtpk, Profiles.metadata(iccid), Profiles.upp(iccid, 2500), o);
    byte[] pir = d.link.call(bpp.encoded());
    assertThat(Tlv.parse(pir).get(0xBF27).get(0xA2).find(0xA0)).isPresent();
    assertThat(euicc.state().profiles()).hasSize(1);
  }

  @Test
  void dpProprietaryDataOfConfigureIsdpIsListedInProfileInfo() {
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    String iccid = Fixture.iccid(5);
    TestSmdp.Options o = new TestSmdp.Options();
    o.dpOid = Hex.decode("88370A");
    load(d, d.smdp.bind(d.euiccOtpk, Profiles.metadata(iccid), Profiles.upp(iccid, 10), o));
    Tlv info = Tlv.parse(Fixture.getProfiles(d.link)).get(0xA0).child(0);
    assertThat(Hex.encode(info.get(0xB8).encoded())).isEqualTo("B805060388370A");
  }

  @Test
  void tEqualsZeroStyleCardDeliversTheResultThroughGetResponse() {
    euicc =
        Euicc.builder(Fixture.IDENTITY)
            .cardConfig(IsdRCard.Config.defaults().withAlwaysGetResponse(true))
            .random(RandomSource.seeded(5))
            .build();
    assertThat(download(Fixture.iccid(6), Fixture.iccid(6), 300, new TestSmdp.Options())).isNull();
  }

  @Test
  void cancelSessionDuringALoadInterruptsItAndStillSigns() {
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    String iccid = Fixture.iccid(7);
    TestSmdp.Bpp bpp =
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(iccid),
            Profiles.upp(iccid, 300),
            new TestSmdp.Options());
    assertThat(d.link.send(bpp.sequences().get(0)).data()).isEmpty();
    byte[] cancel =
        org.rspharness.core.tlv.TlvBuilder.constructed(0xBF41)
            .add(0x80, d.smdp.transactionId)
            .add(0x81, new byte[] {5})
            .build();
    Tlv response = Tlv.parse(d.link.call(cancel));
    assertThat(response.find(0xA0)).isPresent();
    assertThat(euicc.state().profiles()).isEmpty();
    Tlv pirData = Tlv.parse(Hex.decode(euicc.state().notifications().get(0).signed()));
    Tlv error = pirData.get(0xA2).get(0xA1);
    assertThat(error.get(0x80).value()).containsExactly(1); // configureISDP was next
    assertThat(error.get(0x81).value()).containsExactly(11); // interruption
    assertThat(d.link.send(bpp.sequences().get(1)).sw()).isEqualTo(0x6A88);
  }
}
