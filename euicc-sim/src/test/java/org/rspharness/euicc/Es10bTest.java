package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.time.ManualClock;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.store.StateStore;

/** SGP.22 section 5.7.5-5.7.14: ES10b functions and their error codes, at APDU level. */
class Es10bTest {

  private final Euicc euicc = Fixture.euicc(StateStore.inMemory());
  private final Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256);

  private byte[] challenge() {
    return Tlv.parse(d.link.call(Hex.decode("BF2E00"))).get(0x80).value();
  }

  private static int authError(byte[] response) {
    Tlv err = Tlv.parse(response).get(0xA1);
    return err.get(0x02).value()[0];
  }

  private static int downloadError(byte[] response) {
    Tlv err = Tlv.parse(response).get(0xA1);
    return err.get(0x02).value()[0] & 0xFF;
  }

  @Test
  void challengeIsSixteenFreshBytes() {
    byte[] a = challenge();
    byte[] b = challenge();
    assertThat(a).hasSize(16);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void euiccInfo1ListsTheCiKeyIdsOfBothCurves() {
    byte[] info1 = d.link.call(Hex.decode("BF2000"));
    Tlv t = Tlv.parse(info1);
    assertThat(t.get(0x82).value()).containsExactly(2, 2, 2);
    assertThat(t.get(0xA9).children()).hasSize(2);
    assertThat(t.get(0xA9).child(0).value()).isEqualTo(d.smdp.ciPkId());
    assertThat(t.get(0xAA).encoded().length).isEqualTo(t.get(0xA9).encoded().length);
    assertThat(info1).isEqualTo(euicc.euiccInfo1());
  }

  @Test
  void euiccInfo2ReportsFreeMemoryAndVersions() {
    Tlv t = Tlv.parse(d.link.call(Hex.decode("BF2200")));
    assertThat(t.get(0x81).value()).containsExactly(2, 3, 1);
    assertThat(t.get(0x82).value()).containsExactly(2, 2, 2);
    Tlv ecr = Tlv.parseAll(t.get(0x84).value()).get(1);
    assertThat(Hex.encode(ecr.value())).isEqualTo("00100000");
    assertThat(new String(t.get(0x0C).value())).isEqualTo("RSP-HARNESS-SIM");
  }

  @Test
  void authenticateServerSignsEuiccSigned1WithInfo2AndTheCtxParamsAsSent() {
    byte[] ch = challenge();
    byte[] req = d.smdp.authenticateServerRequest(ch, "AC-TOKEN");
    byte[] resp = d.link.call(req);
    d.smdp.checkAuthenticateServerResponse(resp);
    SignedPart p = SignedParts.euiccSigned1(resp);
    assertThat(p.tbs().get(0xBF22).encoded()).isEqualTo(d.link.call(Hex.decode("BF2200")));
    assertThat(p.tbs().get(0xA0).encoded()).isEqualTo(TestSmdp.ctxParams1("AC-TOKEN"));
    assertThat(new String(p.tbs().get(0x83).value())).isEqualTo("testsmdpplus1.example.com");
    Tlv ok = Tlv.parse(resp).get(0xA0);
    assertThat(ok.child(2).encoded())
        .isEqualTo(TestSmdp.der(Fixture.PKI.euicc(Curve.NIST_P256).certificate()));
    assertThat(ok.child(3).encoded())
        .isEqualTo(TestSmdp.der(Fixture.PKI.eum(Curve.NIST_P256).certificate()));
  }

  @Test
  void unknownCiPkIdIsCiPkUnknown() {
    byte[] resp =
        d.link.call(
            d.smdp.authenticateServerRequest(
                challenge(), null, new byte[20], d.smdp.dpAuth, false));
    assertThat(authError(resp)).isEqualTo(7);
    assertThat(Tlv.parse(resp).get(0xA1).get(0x80).value()).isEqualTo(d.smdp.transactionId);
  }

  @Test
  void badServerSignatureIsInvalidSignature() {
    byte[] resp =
        d.link.call(
            d.smdp.authenticateServerRequest(
                challenge(), null, d.smdp.ciPkId(), d.smdp.dpAuth, true));
    assertThat(authError(resp)).isEqualTo(2);
  }

  @Test
  void certificateOfAnotherRoleIsInvalidCertificate() {
    byte[] resp =
        d.link.call(
            d.smdp.authenticateServerRequest(
                challenge(), null, d.smdp.ciPkId(), d.smdp.dpPb, false));
    assertThat(authError(resp)).isEqualTo(1);
  }

  @Test
  void expiredServerCertificateIsInvalidCertificate() {
    Euicc late =
        Euicc.builder(Fixture.IDENTITY)
            .clock(ManualClock.at(Instant.parse("2199-01-01T00:00:00Z")))
            .random(RandomSource.seeded(3))
            .build();
    Fixture.Download dl = Fixture.start(late, Curve.NIST_P256);
    byte[] ch = Tlv.parse(dl.link.call(Hex.decode("BF2E00"))).get(0x80).value();
    assertThat(authError(dl.link.call(dl.smdp.authenticateServerRequest(ch, null)))).isEqualTo(1);
  }

  @Test
  void serverCertificateOnACurveTheEuiccLacksIsUnsupportedCurve() {
    Euicc nistOnly =
        Euicc.builder(EuiccIdentity.from(Fixture.PKI, Set.of(Curve.NIST_P256)))
            .random(RandomSource.seeded(4))
            .build();
    Fixture.Download dl = Fixture.start(nistOnly, Curve.BRAINPOOL_P256R1);
    byte[] ch = Tlv.parse(dl.link.call(Hex.decode("BF2E00"))).get(0x80).value();
    byte[] nistCi = new TestSmdp(Fixture.PKI, Curve.NIST_P256, RandomSource.seeded(1)).ciPkId();
    byte[] resp =
        dl.link.call(dl.smdp.authenticateServerRequest(ch, null, nistCi, dl.smdp.dpAuth, false));
    assertThat(authError(resp)).isEqualTo(3);
  }

  @Test
  void otherChallengeOrNoChallengeIsEuiccChallengeMismatch() {
    challenge();
    byte[] resp = d.link.call(d.smdp.authenticateServerRequest(new byte[16], null));
    assertThat(authError(resp)).isEqualTo(6);
    // no challenge pending at all (the failed attempt consumed it)
    resp = d.link.call(d.smdp.authenticateServerRequest(new byte[16], null));
    assertThat(authError(resp)).isEqualTo(6);
  }

  @Test
  void challengeIsSingleUse() {
    byte[] ch = challenge();
    d.smdp.checkAuthenticateServerResponse(d.link.call(d.smdp.authenticateServerRequest(ch, null)));
    assertThat(authError(d.link.call(d.smdp.authenticateServerRequest(ch, null)))).isEqualTo(6);
  }

  @Test
  void prepareDownloadWithoutSessionIsNoSessionContext() {
    d.smdp.transactionId = new byte[16];
    d.smdp.euiccSignature1Tlv = Hex.decode("5F3700");
    byte[] resp = d.link.call(d.smdp.prepareDownloadRequest(null, false, null));
    assertThat(downloadError(resp)).isEqualTo(4);
  }

  @Test
  void prepareDownloadSignatureMustCoverEuiccSignature1() {
    d.authenticate();
    byte[] resp =
        d.link.call(
            d.smdp.prepareDownloadRequest(
                null, false, null, d.smdp.transactionId, d.smdp.dpPb, true));
    assertThat(downloadError(resp)).isEqualTo(2);
    // Signed over smdpSigned2 alone (without the euiccSignature1 TLV): refused too.
    d.smdp.euiccSignature1Tlv = new byte[0];
    resp = d.link.call(d.smdp.prepareDownloadRequest(null, false, null));
    assertThat(downloadError(resp)).isEqualTo(2);
  }

  @Test
  void prepareDownloadWithAnotherTransactionIdIsInvalidTransactionId() {
    d.authenticate();
    byte[] resp =
        d.link.call(
            d.smdp.prepareDownloadRequest(null, false, null, new byte[16], d.smdp.dpPb, false));
    assertThat(downloadError(resp)).isEqualTo(5);
  }

  @Test
  void prepareDownloadWithDpAuthInsteadOfDpPbIsInvalidCertificate() {
    d.authenticate();
    byte[] resp =
        d.link.call(
            d.smdp.prepareDownloadRequest(
                null, false, null, d.smdp.transactionId, d.smdp.dpAuth, false));
    assertThat(downloadError(resp)).isEqualTo(1);
  }

  @Test
  void confirmationCodeHashIsRequiredWhenFlaggedAndSignedWhenGiven() {
    d.authenticate();
    assertThat(downloadError(d.link.call(d.smdp.prepareDownloadRequest(null, true, null))))
        .isEqualTo(127);
    byte[] hashCc = ConfirmationCode.hashCc("1234", d.smdp.transactionId);
    byte[] resp = d.link.call(d.smdp.prepareDownloadRequest(hashCc, true, null));
    d.smdp.checkPrepareDownloadResponse(resp);
    assertThat(SignedParts.euiccSigned2(resp).tbs().get(0x04).value()).isEqualTo(hashCc);
  }

  @Test
  void rebindWithThePreviousOtpkReusesTheKeyPair() {
    d.authenticate().prepare();
    byte[] first = d.euiccOtpk;
    d.authenticate();
    byte[] again =
        d.smdp.checkPrepareDownloadResponse(
            d.link.call(d.smdp.prepareDownloadRequest(null, false, first)));
    assertThat(again).isEqualTo(first);
    d.authenticate();
    byte[] fresh =
        d.smdp.checkPrepareDownloadResponse(
            d.link.call(d.smdp.prepareDownloadRequest(null, false, null)));
    assertThat(fresh).isNotEqualTo(first);
  }

  @Test
  void cancelSessionSignsTransactionOidAndReasonAndEndsTheSession() {
    d.authenticate();
    byte[] req =
        TlvBuilder.constructed(0xBF41)
            .add(0x80, d.smdp.transactionId)
            .add(0x81, new byte[] {1})
            .build();
    byte[] resp = d.link.call(req);
    SignedPart p = SignedParts.euiccCancelSessionSigned(resp);
    assertThat(
            Ecdsa.verify(EcPublicKey.of(d.smdp.euiccCertificate), p.signedBytes(), p.signature()))
        .isTrue();
    assertThat(Hex.encode(p.tbs().encoded()))
        .isEqualTo(
            "30" + "1A" + "8010" + Hex.encode(d.smdp.transactionId) + "810388370A" + "820101");
    assertThat(downloadError(d.link.call(d.smdp.prepareDownloadRequest(null, false, null))))
        .isEqualTo(4);
    assertThat(Hex.encode(d.link.call(req))).isEqualTo("BF4103810105");
  }

  @Test
  void ratAllowsBothPprsForEveryOperatorByDefault() {
    assertThat(Hex.encode(d.link.call(Hex.decode("BF4300"))))
        .isEqualTo("BF4314A012301080020560A10730058003EEEEEE820100");
  }

  @Test
  void malformedAndUnknownCommandsGetIsoStatusWords() {
    assertThat(d.link.send(Hex.decode("BF7F00")).sw()).isEqualTo(0x6A88);
    assertThat(d.link.send(Hex.decode("BF3803300100")).sw()).isEqualTo(0x6A80);
    assertThat(d.link.send(Hex.decode("8603000000")).sw()).isEqualTo(0x6A88);
  }
}
