package org.rspharness.lpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.certs.TestPki;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.store.StateStore;
import org.rspharness.lpa.es10.Es10Client;

/**
 * The LPA against the software eUICC (over APDUs, 120-byte blocks, logical channel) and an SM-DP+
 * with real cryptography: the whole SGP.22 download, notifications and profile operations.
 */
class LpaEndToEndTest {

  static final TestPki PKI = SharedPki.PKI;
  static final ActivationCode AC = ActivationCode.parse("LPA:1$testsmdpplus1.example.com$E2E-1");
  static final Iccid ICCID = Iccid.withCheckDigit("8949000000000000042");

  private static Euicc euicc() {
    return Euicc.builder(EuiccIdentity.from(PKI))
        .config(EuiccConfig.defaults())
        .store(StateStore.inMemory())
        .random(RandomSource.seeded(7))
        .build();
  }

  private static Lpa lpa(Euicc euicc, CryptoSmdp smdp) {
    return new Lpa(
        new Es10Client(euicc, EventLog.disabled()),
        smdp,
        EventLog.disabled(),
        Lpa.Config.defaults());
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void downloadsAProfileIntoTheSoftwareEuiccAndDeliversTheResult(Curve curve) {
    Euicc euicc = euicc();
    CryptoSmdp smdp = new CryptoSmdp(PKI, curve, ICCID);
    Lpa lpa = lpa(euicc, smdp);

    DownloadResult r = lpa.download(AC, null, ConsentHook.ACCEPT_ALL);

    assertThat(r.outcome()).as(r.describe()).isEqualTo(DownloadOutcome.INSTALLED);
    assertThat(r.iccid()).isEqualTo(ICCID);
    assertThat(r.notificationDelivered()).isTrue();
    assertThat(smdp.calls)
        .containsExactly(
            "initiateAuthentication",
            "authenticateClient",
            "getBoundProfilePackage",
            "handleNotification");
    // The PIR reached the SM-DP+ signed by the eUICC and as the card sent it.
    byte[] pir = smdp.notifications.get(0);
    assertThat(Tlv.parse(pir).tagHex()).isEqualTo("BF37");
    assertThat(SignedParts.profileInstallationResultData(pir).tbs().get(0xA2).child(0).tagHex())
        .isEqualTo("A0");
    // Installed, and the notification removed from the eUICC.
    var profiles = lpa.es10().getProfilesInfo();
    assertThat(profiles).hasSize(1);
    assertThat(Iccid.fromEfIccidUnchecked(profiles.get(0).getIccid().value)).isEqualTo(ICCID);
    assertThat(lpa.es10().listNotification()).isEmpty();
  }

  @Test
  void downloadsFromTheDefaultSmdpWithoutAMatchingId() {
    Euicc euicc =
        Euicc.builder(EuiccIdentity.from(PKI))
            .config(EuiccConfig.defaults().withDefaultSmdpAddress("testsmdpplus1.example.com"))
            .store(StateStore.inMemory())
            .random(RandomSource.seeded(7))
            .build();
    CryptoSmdp smdp = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);

    DownloadResult r = lpa(euicc, smdp).downloadFromDefaultSmdp(null, ConsentHook.ACCEPT_ALL);

    assertThat(r.installed()).as(r.describe()).isTrue();
    assertThat(smdp.lastCtxParams1.find(0x80)).isEmpty();
  }

  @Test
  void checksTheSmdpOidOfTheActivationCodeAgainstCertDpAuth() {
    String oid =
        org.rspharness.core.pki.CertFacts.registeredIds(PKI.dpAuth(Curve.NIST_P256).certificate())
            .get(0);
    CryptoSmdp smdp = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);
    DownloadResult wrong =
        lpa(euicc(), smdp)
            .download(
                ActivationCode.parse("LPA:1$testsmdpplus1.example.com$E2E-1$1.3.6.1.4.1.99999"),
                null,
                ConsentHook.ACCEPT_ALL);
    assertThat(wrong.failedStep()).isEqualTo(DownloadStep.INITIATE_AUTHENTICATION);
    assertThat(wrong.message()).contains("1.3.6.1.4.1.99999").contains(oid);
    assertThat(wrong.cancelReason()).isNull();

    DownloadResult right =
        lpa(euicc(), new CryptoSmdp(PKI, Curve.NIST_P256, ICCID))
            .download(
                ActivationCode.parse("LPA:1$testsmdpplus1.example.com$E2E-1$" + oid),
                null,
                ConsentHook.ACCEPT_ALL);
    assertThat(right.installed()).as(right.describe()).isTrue();
  }

  @Test
  void downloadsWithAConfirmationCode() {
    Euicc euicc = euicc();
    CryptoSmdp smdp = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);
    smdp.ccRequired = true;
    smdp.expectedCc = "314159";

    DownloadResult r = lpa(euicc, smdp).download(AC, "314159", ConsentHook.ACCEPT_ALL);

    assertThat(r.installed()).as(r.describe()).isTrue();
  }

  @Test
  void refusedConsentSendsTheEuiccsSignedCancelSessionToTheSmdp() {
    Euicc euicc = euicc();
    CryptoSmdp smdp = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);

    DownloadResult r = lpa(euicc, smdp).download(AC, null, metadata -> Consent.REJECT);

    assertThat(r.outcome()).isEqualTo(DownloadOutcome.REJECTED);
    assertThat(smdp.cancelled).hasSize(1);
    var signed = SignedParts.euiccCancelSessionSigned(smdp.cancelled.get(0));
    assertThat(signed.tbs().get(0x82).value()).containsExactly(Lpa.END_USER_REJECTION);
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void enableDisableAndDeleteEachDeliverTheirNotification() {
    Euicc euicc = euicc();
    CryptoSmdp smdp = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);
    Lpa lpa = lpa(euicc, smdp);
    assertThat(lpa.download(AC, null, ConsentHook.ACCEPT_ALL).installed()).isTrue();

    ProfileOperationResult enable = lpa.enable(ICCID);
    assertThat(enable.ok()).as(enable.resultName()).isTrue();
    assertThat(enable.notifications())
        .singleElement()
        .satisfies(n -> assertThat(n.operation()).isEqualTo("enable"))
        .satisfies(n -> assertThat(n.delivered()).isTrue());

    assertThat(lpa.enable(ICCID).resultName()).isEqualTo("profileNotInDisabledState");

    ProfileOperationResult disable = lpa.disable(ICCID);
    assertThat(disable.ok()).isTrue();
    assertThat(disable.notifications())
        .extracting(NotificationDelivery::operation)
        .containsExactly("disable");

    assertThat(lpa.setNickname(ICCID, "work").ok()).isTrue();
    assertThat(lpa.es10().getProfilesInfo().get(0).getProfileNickname()).hasToString("work");

    ProfileOperationResult delete = lpa.delete(ICCID);
    assertThat(delete.ok()).isTrue();
    assertThat(delete.notifications())
        .extracting(NotificationDelivery::operation)
        .containsExactly("delete");
    assertThat(lpa.es10().getProfilesInfo()).isEmpty();
    assertThat(lpa.es10().listNotification()).isEmpty();
    assertThat(smdp.notifications).hasSize(4); // install, enable, disable, delete
  }

  @Test
  void refusesAnSmdpThatSignsAnotherServerAddressButAcceptsOtherCase() {
    CryptoSmdp impostor = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);
    impostor.serverAddressOverride = "other.example.com";
    DownloadResult r = lpa(euicc(), impostor).download(AC, null, ConsentHook.ACCEPT_ALL);
    assertThat(r.outcome()).isEqualTo(DownloadOutcome.FAILED);
    assertThat(r.failedStep()).isEqualTo(org.rspharness.lpa.DownloadStep.INITIATE_AUTHENTICATION);
    assertThat(r.message()).contains("other.example.com");
    assertThat(impostor.calls).containsExactly("initiateAuthentication");

    CryptoSmdp shouting = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);
    shouting.serverAddressOverride = AC.smdpAddress().host().toUpperCase(java.util.Locale.ROOT);
    assertThat(lpa(euicc(), shouting).download(AC, null, ConsentHook.ACCEPT_ALL).outcome())
        .isEqualTo(DownloadOutcome.INSTALLED);
  }
}
