package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.store.ProfileRecord;
import org.rspharness.euicc.store.StateStore;

/** SGP.22 section 3.1.3: a whole profile download at APDU level, as a real LPA frames it. */
class DownloadTest {

  @ParameterizedTest
  @EnumSource(Curve.class)
  void installsAProfileEndToEndOnEachCurve(Curve curve) {
    Euicc euicc = Fixture.euicc(StateStore.inMemory());
    Fixture.Download d = Fixture.start(euicc, curve).authenticate().prepare();
    String iccid = Fixture.iccid(1);
    TestSmdp.Options o = new TestSmdp.Options();
    o.replaceSessionKeys = true;
    o.metadataChunk = 40;
    byte[] upp = Profiles.upp(iccid, 4000);
    TestSmdp.Bpp bpp = d.smdp.bind(d.euiccOtpk, Profiles.metadata(iccid), upp, o);
    byte[] pir = d.load(bpp);

    // euiccSignPIR covers the whole BF27 TLV, with SK.EUICC of the curve the session used.
    SignedPart part = SignedParts.profileInstallationResultData(pir);
    assertThat(
            Ecdsa.verify(
                EcPublicKey.of(d.smdp.euiccCertificate), part.signedBytes(), part.signature()))
        .isTrue();
    Tlv data = part.tbs();
    assertThat(data.get(0x80).value()).isEqualTo(d.smdp.transactionId);
    Tlv success = data.get(0xA2).get(0xA0);
    assertThat(Hex.encode(success.get(0x4F).value())).isEqualTo("A0000005591010FFFFFFFF8900001000");
    assertThat(Hex.encode(data.get(0x06).value()))
        .isEqualTo("88370A"); // 2.999.10 (2*40+999 = 0x437)
    Tlv meta = data.get(0xBF2F);
    assertThat(Hex.encode(meta.get(0x81).value())).isEqualTo("0780");
    assertThat(new String(meta.get(0x0C).value())).isEqualTo("testsmdpplus1.example.com");

    ProfileRecord p = euicc.state().profiles().get(0);
    assertThat(p.iccid()).isEqualTo(iccid);
    assertThat(p.enabled()).isFalse();
    assertThat(p.size()).isEqualTo(upp.length);
    assertThat(euicc.state().notifications()).hasSize(1);

    // The profile is listed at APDU level, with its state and the metadata names.
    Tlv list = Tlv.parse(Fixture.getProfiles(d.link)).get(0xA0);
    assertThat(list.children()).hasSize(1);
    Tlv info = list.child(0);
    assertThat(info.tag()).isEqualTo(0xE3);
    assertThat(info.get(0x9F70).value()).containsExactly(0);
    assertThat(new String(info.get(0x91).value())).isEqualTo("Harness SP");

    // The PIR is pending until NotificationSent.
    byte[] retrieved = d.link.call(Hex.decode("BF2B00"));
    List<Tlv> pending = SignedParts.pendingNotifications(retrieved);
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).encoded()).isEqualTo(pir);
    byte[] sent = d.link.call(TlvBuilder.constructed(0xBF30).add(0x80, new byte[] {0}).build());
    assertThat(Hex.encode(sent)).isEqualTo("BF3003800100");
    assertThat(euicc.state().notifications()).isEmpty();
  }

  @Test
  void earlyResultEndsThePackageAndLaterSegmentsGet6A88() {
    Euicc euicc = Fixture.euicc(StateStore.inMemory());
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    String iccid = Fixture.iccid(2);
    TestSmdp.Bpp bpp =
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(iccid),
            Profiles.upp(iccid, 3000),
            new TestSmdp.Options());
    List<byte[]> seq = new java.util.ArrayList<>(bpp.sequences());
    int firstProfileSegment = seq.size() - 3;
    byte[] bad = seq.get(firstProfileSegment).clone();
    bad[bad.length - 1] ^= 0x01; // the C-MAC
    seq.set(firstProfileSegment, bad);
    LpaLink.Response r = null;
    for (int i = 0; i <= firstProfileSegment; i++) {
      r = d.link.send(seq.get(i));
    }
    Tlv error = Tlv.parse(r.data()).get(0xBF27).get(0xA2).get(0xA1);
    assertThat(error.get(0x80).value()).containsExactly(5); // loadProfileElements
    assertThat(error.get(0x81).value()).containsExactly(8); // scp03tSecurityError
    assertThat(d.link.send(seq.get(firstProfileSegment + 1)).sw()).isEqualTo(0x6A88);
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(euicc.state().notifications()).hasSize(1);
  }
}
