package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.profile.ProfileInfos;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.ProfileRecord;
import org.rspharness.euicc.store.StateStore;

/** SGP.22 section 5.7.15-5.7.21 (ES10c) and 5.7.3-5.7.4 (ES10a), at APDU level. */
class Es10cTest {

  private static final String A = Fixture.iccid(1);
  private static final String B = Fixture.iccid(2);
  private static final String C = Fixture.iccid(3);

  private final StateStore store = StateStore.inMemory();
  private Euicc euicc;
  private LpaLink link;

  private static ProfileRecord profile(String iccid, int index, boolean enabled, Profiles.Meta m) {
    return new ProfileRecord(
        iccid,
        ProfileInfos.isdpAid(index),
        enabled,
        null,
        m.profileClass == null ? 2 : m.profileClass,
        m.ppr1,
        m.ppr2,
        Hex.encode(Profiles.metadata(iccid, m)),
        null,
        1000,
        "00");
  }

  private void card(ProfileRecord... profiles) {
    store.save(
        EuiccState.initial(null, "testrootsmds.example.com")
            .withProfiles(List.of(profiles))
            .withNextIsdpIndex(profiles.length));
    euicc = Fixture.euicc(store);
    link = new LpaLink(euicc).open();
  }

  private static byte[] byIccid(int tag, String iccid, boolean withRefresh) {
    TlvBuilder b =
        TlvBuilder.constructed(tag)
            .add(TlvBuilder.constructed(0xA0).add(0x5A, Iccid.of(iccid).toEfIccid()));
    if (withRefresh) {
      b.add(0x81, new byte[] {0});
    }
    return b.build();
  }

  private int result(byte[] response) {
    return Tlv.parse(response).get(0x80).value()[0];
  }

  private int enable(String iccid) {
    return result(link.call(byIccid(0xBF31, iccid, true)));
  }

  private int disable(String iccid) {
    return result(link.call(byIccid(0xBF32, iccid, true)));
  }

  private int delete(String iccid) {
    return result(
        link.call(TlvBuilder.constructed(0xBF33).add(0x5A, Iccid.of(iccid).toEfIccid()).build()));
  }

  private boolean enabled(String iccid) {
    return euicc.state().profileByIccid(iccid).orElseThrow().enabled();
  }

  @Test
  void enablingOneProfileDisablesTheEnabledOneWithBothNotifications() {
    card(profile(A, 0, true, new Profiles.Meta()), profile(B, 1, false, new Profiles.Meta()));
    assertThat(enable(B)).isZero();
    assertThat(enabled(A)).isFalse();
    assertThat(enabled(B)).isTrue();
    assertThat(euicc.state().notifications())
        .extracting(n -> n.event())
        .containsExactly(2, 1); // disable A, enable B
    // Each is an OtherSignedNotification signed over the whole BF2F with CERT.EUICC.
    List<Tlv> pending = SignedParts.pendingNotifications(link.call(Hex.decode("BF2B00")));
    assertThat(pending).hasSize(2);
    for (Tlv n : pending) {
      SignedPart p = SignedParts.tbsOtherNotification(n);
      EcPublicKey key = EcPublicKey.of(TestSmdp.certificate(n.child(2).encoded()));
      assertThat(Ecdsa.verify(key, p.signedBytes(), p.signature())).isTrue();
      assertThat(new String(p.tbs().get(0x0C).value())).isEqualTo("notify.example.com");
    }
    assertThat(Hex.encode(pending.get(0).child(0).get(0x81).value())).isEqualTo("0520");
  }

  @Test
  void enableErrorCodes() {
    Profiles.Meta ppr1 = new Profiles.Meta();
    ppr1.ppr1 = true;
    card(profile(A, 0, true, ppr1), profile(B, 1, false, new Profiles.Meta()));
    assertThat(enable(C)).isEqualTo(1);
    assertThat(enable(A)).isEqualTo(2);
    assertThat(enable(B)).isEqualTo(3); // the enabled profile has PPR1
    assertThat(euicc.state().notifications()).isEmpty();
  }

  @Test
  void disableErrorCodesAndPpr1() {
    Profiles.Meta ppr1 = new Profiles.Meta();
    ppr1.ppr1 = true;
    card(profile(A, 0, true, ppr1), profile(B, 1, false, new Profiles.Meta()));
    assertThat(disable(C)).isEqualTo(1);
    assertThat(disable(B)).isEqualTo(2);
    assertThat(disable(A)).isEqualTo(3);
    card(profile(A, 0, true, new Profiles.Meta()));
    assertThat(disable(A)).isZero();
    assertThat(enabled(A)).isFalse();
  }

  @Test
  void deleteErrorCodesPpr2AndByAid() {
    Profiles.Meta ppr2 = new Profiles.Meta();
    ppr2.ppr2 = true;
    card(
        profile(A, 0, true, new Profiles.Meta()),
        profile(B, 1, false, ppr2),
        profile(C, 2, false, new Profiles.Meta()));
    assertThat(delete(Fixture.iccid(9))).isEqualTo(1);
    assertThat(delete(A)).isEqualTo(2);
    assertThat(delete(B)).isEqualTo(3);
    byte[] byAid =
        TlvBuilder.constructed(0xBF33).add(0x4F, Hex.decode(ProfileInfos.isdpAid(2))).build();
    assertThat(result(link.call(byAid))).isZero();
    assertThat(euicc.state().profileByIccid(C)).isEmpty();
    assertThat(euicc.state().notifications()).extracting(n -> n.event()).containsExactly(3);
  }

  @Test
  void noNotificationWithoutAConfiguredAddress() {
    Profiles.Meta quiet = new Profiles.Meta();
    quiet.notifyAddress = null;
    card(profile(A, 0, false, quiet));
    assertThat(enable(A)).isZero();
    assertThat(euicc.state().notifications()).isEmpty();
  }

  @Test
  void profilesInfoBySearchCriteriaAndTagList() {
    Profiles.Meta test = new Profiles.Meta();
    test.profileClass = 0;
    card(profile(A, 0, true, new Profiles.Meta()), profile(B, 1, false, test));
    Tlv all = Tlv.parse(Fixture.getProfiles(link)).get(0xA0);
    assertThat(all.children()).hasSize(2);
    Tlv first = all.child(0);
    assertThat(first.children())
        .extracting(Tlv::tag)
        .containsExactly(0x5A, 0x4F, 0x9F70, 0x91, 0x92, 0x95, 0xB6);

    byte[] byIccid =
        TlvBuilder.constructed(0xBF2D)
            .add(TlvBuilder.constructed(0xA0).add(0x5A, Iccid.of(B).toEfIccid()))
            .add(0x5C, Hex.decode("5A9F70"))
            .build();
    Tlv one = Tlv.parse(link.call(byIccid)).get(0xA0);
    assertThat(Hex.encode(one.encoded()))
        .isEqualTo("A012E3105A0A" + Hex.encode(Iccid.of(B).toEfIccid()) + "9F700100");

    byte[] byAid =
        TlvBuilder.constructed(0xBF2D)
            .add(TlvBuilder.constructed(0xA0).add(0x4F, Hex.decode(ProfileInfos.isdpAid(0))))
            .build();
    assertThat(Tlv.parse(link.call(byAid)).get(0xA0).child(0).get(0x5A).value())
        .isEqualTo(Iccid.of(A).toEfIccid());

    byte[] byClass =
        TlvBuilder.constructed(0xBF2D)
            .add(TlvBuilder.constructed(0xA0).add(0x95, new byte[] {0}))
            .build();
    assertThat(Tlv.parse(link.call(byClass)).get(0xA0).children()).hasSize(1);

    byte[] bad =
        TlvBuilder.constructed(0xBF2D)
            .add(TlvBuilder.constructed(0xA0).add(0x80, new byte[] {0}))
            .build();
    assertThat(Hex.encode(link.call(bad))).isEqualTo("BF2D03810101");
  }

  @Test
  void nicknameIsSetListedAndCleared() {
    card(profile(A, 0, false, new Profiles.Meta()));
    byte[] set =
        TlvBuilder.constructed(0xBF29)
            .add(0x5A, Iccid.of(A).toEfIccid())
            .add(0x90, "work".getBytes())
            .build();
    assertThat(Hex.encode(link.call(set))).isEqualTo("BF2903800100");
    assertThat(
            new String(Tlv.parse(Fixture.getProfiles(link)).get(0xA0).child(0).get(0x90).value()))
        .isEqualTo("work");
    byte[] unknown =
        TlvBuilder.constructed(0xBF29)
            .add(0x5A, Iccid.of(B).toEfIccid())
            .add(0x90, new byte[0])
            .build();
    assertThat(Hex.encode(link.call(unknown))).isEqualTo("BF2903800101");
  }

  @Test
  void memoryResetDeletesOperationalProfilesAndResetsTheAddress() {
    Profiles.Meta test = new Profiles.Meta();
    test.profileClass = 0;
    Profiles.Meta ppr2 = new Profiles.Meta();
    ppr2.ppr2 = true;
    card(profile(A, 0, true, ppr2), profile(B, 1, false, test));
    byte[] reset = TlvBuilder.constructed(0xBF34).add(0x82, new byte[] {5, (byte) 0xA0}).build();
    assertThat(Hex.encode(link.call(reset))).isEqualTo("BF3403800100");
    assertThat(euicc.state().profiles()).extracting(ProfileRecord::iccid).containsExactly(B);
    assertThat(Hex.encode(link.call(reset))).isEqualTo("BF3403800101");
  }

  @Test
  void eidIsTheCertificateSerialNumber() {
    card();
    assertThat(Hex.encode(link.call(Hex.decode("BF3E035C015A"))))
        .isEqualTo("BF3E125A10" + Fixture.IDENTITY.eid().value());
    assertThat(Fixture.IDENTITY.eid().value()).isEqualTo("89049032123451234512345678901235");
  }

  @Test
  void configuredAddressesAndSetDefaultDpAddress() {
    card();
    assertThat(Hex.encode(link.call(Hex.decode("BF3C00"))))
        .isEqualTo("BF3C1A8118" + Hex.encode("testrootsmds.example.com".getBytes()));
    byte[] set = TlvBuilder.constructed(0xBF3F).add(0x80, "smdp.example.com".getBytes()).build();
    assertThat(Hex.encode(link.call(set))).isEqualTo("BF3F03800100");
    Tlv addresses = Tlv.parse(link.call(Hex.decode("BF3C00")));
    assertThat(new String(addresses.get(0x80).value())).isEqualTo("smdp.example.com");
    assertThat(euicc.state().defaultDpAddress()).isEqualTo("smdp.example.com");
    byte[] reset = TlvBuilder.constructed(0xBF34).add(0x82, new byte[] {5, 0x20}).build();
    assertThat(Hex.encode(link.call(reset))).isEqualTo("BF3403800100");
    assertThat(Tlv.parse(link.call(Hex.decode("BF3C00"))).find(0x80)).isEmpty();
  }

  @Test
  void listAndRetrieveNotificationsByEventAndSequenceNumber() {
    card(profile(A, 0, true, new Profiles.Meta()), profile(B, 1, false, new Profiles.Meta()));
    enable(B); // seq 0 disable A, seq 1 enable B
    Tlv list = Tlv.parse(link.call(Hex.decode("BF280481020640"))).get(0xA0);
    assertThat(list.children()).hasSize(1);
    assertThat(list.child(0).get(0x80).value()).containsExactly(1);
    Tlv all = Tlv.parse(link.call(Hex.decode("BF2800"))).get(0xA0);
    assertThat(all.children()).hasSize(2);
    byte[] bySeq = Hex.decode("BF2B05A003800100");
    List<Tlv> zero = SignedParts.pendingNotifications(link.call(bySeq));
    assertThat(zero).hasSize(1);
    assertThat(Hex.encode(link.call(Hex.decode("BF2B05A003800107")))).isEqualTo("BF2B03810101");
    assertThat(Hex.encode(link.call(Hex.decode("BF3003800100")))).isEqualTo("BF3003800100");
    assertThat(Hex.encode(link.call(Hex.decode("BF3003800100")))).isEqualTo("BF3003800101");
    assertThat(euicc.state().notifications()).hasSize(1);
    // Sequence numbers keep counting after a removal.
    disable(B);
    assertThat(euicc.state().notifications().get(1).seqNumber()).isEqualTo(2);
  }
}
