package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es9.InitiateAuthenticationTest.assertFailed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rspharness.asn1.rsp.StoreMetadataRequest;
import org.rspharness.certs.TestPki;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.euicc.config.EuiccConfig.RatRule;
import org.rspharness.euicc.testkit.EuiccPeer;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.ProfileState;

class AuthenticateClientTest {

  private static final String MID = "MID-1";

  private static SmdpFixture released() {
    SmdpFixture f =
        new SmdpFixture().start(SmdpFixture.released("894900000000000001", MID).build());
    f.euicc.matchingId = MID;
    return f;
  }

  @Test
  void answersMetadataAndSmdpSigned2SignedWithDpPb() {
    SmdpFixture f = released();
    InitiateAuthenticationResponse ia = f.initiate();
    AuthenticateClientResponseEs9 ac = f.authenticate(ia);

    assertThat(ac.header().executed()).isTrue();
    assertThat(ac.transactionId()).isEqualTo(ia.transactionId());
    StoreMetadataRequest smr = Asn1Codec.decode(ac.profileMetadata(), StoreMetadataRequest::new);
    assertThat(Iccid.fromEfIccid(smr.getIccid().value))
        .isEqualTo(Iccid.withCheckDigit("894900000000000001"));
    assertThat(smr.getServiceProviderName().toString()).isEqualTo("RSP Harness");
    Tlv ss2 = Tlv.parse(ac.smdpSigned2());
    assertThat(ss2.get(0x80).value()).isEqualTo(ia.transactionId().bytes());
    assertThat(ss2.get(0x01).value()).containsExactly(0x00); // ccRequiredFlag false
    assertThat(ss2.find(0x5F49)).isEmpty();
    // the test eUICC checks smdpSignature2 over smdpSigned2 || euiccSignature1 with CERT.DPpb
    f.euicc.prepareDownload(ac, f.lastAsr, null);
    assertThat(f.operator.points()).containsExactly(NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK);
    assertThat(f.operator.received().get(0).status().status().executed()).isTrue();
    assertThat(f.smdp.orders().find(Iccid.withCheckDigit("894900000000000001")).get().eid())
        .isEqualTo(Eid.of(TestPki.builder().build().eid().value()));
  }

  @Test
  void refusesAnUnknownOrExpiredTransactionId() {
    SmdpFixture f = released();
    InitiateAuthenticationResponse ia = f.initiate();
    byte[] asr = f.euicc.authenticateServer(ia);
    AuthenticateClientResponseEs9 unknown =
        f.smdp
            .es9()
            .authenticateClient(
                new AuthenticateClientRequest(TransactionId.of(new byte[] {1, 2, 3}), asr));
    assertFailed(unknown.header(), StatusCodes.TRANSACTION_ID_UNKNOWN);
    f.clock.advance(Duration.ofMinutes(6));
    AuthenticateClientResponseEs9 expired =
        f.smdp.es9().authenticateClient(new AuthenticateClientRequest(ia.transactionId(), asr));
    assertFailed(expired.header(), StatusCodes.TRANSACTION_ID_UNKNOWN);
  }

  @Test
  void refusesASecondAuthenticationInTheSameSession() {
    SmdpFixture f = released();
    InitiateAuthenticationResponse ia = f.initiate();
    assertThat(f.authenticate(ia).header().executed()).isTrue();
    // the LPA sends the same AuthenticateServerResponse again
    assertFailed(
        f.smdp
            .es9()
            .authenticateClient(new AuthenticateClientRequest(ia.transactionId(), f.lastAsr))
            .header(),
        StatusCodes.TRANSACTION_ID_UNKNOWN);
  }

  @Test
  void refusesAnotherServerChallenge() {
    SmdpFixture f = released();
    f.euicc.serverChallengeOverride = new byte[16];
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EUICC_SIGNATURE_INVALID);
  }

  @Test
  void refusesAnotherTransactionIdInsideEuiccSigned1() {
    SmdpFixture f = released();
    f.euicc.transactionIdOverride = new byte[] {9, 9, 9};
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.TRANSACTION_ID_UNKNOWN);
  }

  @Test
  void refusesABadEuiccSignature1() {
    SmdpFixture f = released();
    f.euicc.corruptSignatures = true;
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EUICC_SIGNATURE_INVALID);
  }

  @Test
  void refusesASelfSignedEumCertificate() {
    SmdpFixture f = released();
    f.euicc.eumCert =
        SmdpFixture.PKI
            .variant(BadVariant.SELF_SIGNED_EUM, Curve.NIST_P256)
            .orElseThrow()
            .certificate();
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EUM_CERTIFICATE_INVALID);
  }

  @Test
  void refusesAnEumCertificateOutsideItsValidity() {
    SmdpFixture f = released();
    InitiateAuthenticationResponse ia = f.initiate();
    f.clock.set(Instant.parse("2024-06-01T00:00:00Z")); // before the PKI's validity
    assertFailed(f.authenticate(ia).header(), StatusCodes.EUM_CERTIFICATE_EXPIRED);
  }

  @Test
  void refusesAnExpiredEuiccCertificate() {
    SmdpFixture f = released();
    f.euicc.reissueEuicc(
        SmdpFixture.PKI.eum(Curve.NIST_P256).requirePrivateKey(),
        Instant.parse("2025-02-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:00:00Z"));
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EUICC_CERTIFICATE_EXPIRED);
  }

  @Test
  void acceptsAReissuedEuiccCertificateInsideItsValidity() {
    SmdpFixture f = released();
    f.euicc.reissueEuicc(
        SmdpFixture.PKI.eum(Curve.NIST_P256).requirePrivateKey(),
        Instant.parse("2025-02-01T00:00:00Z"),
        Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();
  }

  @Test
  void refusesAnEidOutsideTheEumRangeAndASelfSignedEuicc() {
    for (BadVariant v :
        new BadVariant[] {BadVariant.EID_OUTSIDE_EUM_RANGE, BadVariant.SELF_SIGNED_EUICC}) {
      SmdpFixture f = released();
      Credential bad = SmdpFixture.PKI.variant(v, Curve.NIST_P256).orElseThrow();
      f.euicc.euiccCert = bad.certificate();
      f.euicc.euiccKey = bad.requirePrivateKey();
      assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EUICC_CERTIFICATE_INVALID);
    }
  }

  @Test
  void refusesAnEumOfAnUnknownCi() {
    TestPki foreign =
        TestPki.builder()
            .random(RandomSource.seeded(99))
            .validFrom(Instant.parse("2025-01-01T00:00:00Z"))
            .curves(Set.of(Curve.NIST_P256))
            .build();
    SmdpFixture f = released();
    f.euicc.euiccCert = foreign.euicc(Curve.NIST_P256).certificate();
    f.euicc.eumCert = foreign.eum(Curve.NIST_P256).certificate();
    f.euicc.euiccKey = foreign.euicc(Curve.NIST_P256).requirePrivateKey();
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.CI_PUBLIC_KEY_UNKNOWN);
  }

  @Test
  void refusesAnUnknownMatchingId() {
    SmdpFixture f = released();
    f.euicc.matchingId = "NOPE";
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.MATCHING_ID_REFUSED);
  }

  @Test
  void refusesAnOrderLinkedToAnotherEid() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.released("894900000000000001", MID)
                    .eid(Eid.withCheckDigits("890490321234512345123456789099"))
                    .build());
    f.euicc.matchingId = MID;
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EID_REFUSED);
  }

  @Test
  void refusesAConfirmedButUnreleasedProfile() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.released("894900000000000001", MID)
                    .state(ProfileState.CONFIRMED)
                    .build());
    f.euicc.matchingId = MID;
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.PROFILE_NOT_RELEASED);
    assertThat(f.operator.received().get(0).status().status().executed()).isFalse();
  }

  @Test
  void refusesAnInstalledProfileUnlessReusable() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.released("894900000000000001", MID)
                    .state(ProfileState.INSTALLED)
                    .build(),
                SmdpFixture.released("894900000000000002", "LAB")
                    .state(ProfileState.INSTALLED)
                    .reusable(true)
                    .build());
    f.euicc.matchingId = MID;
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.MATCHING_ID_REFUSED);
    f.euicc.matchingId = "LAB";
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();
  }

  @Test
  void refusesAnExpiredOrder() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.released("894900000000000001", MID)
                    .expiry(SmdpFixture.NOW.plusSeconds(60))
                    .build());
    f.euicc.matchingId = MID;
    f.clock.advance(Duration.ofMinutes(2));
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.DOWNLOAD_ORDER_EXPIRED);
  }

  @Test
  void refusesWhenDownloadAttemptsAreUsedUp() {
    SmdpFixture f =
        new SmdpFixture()
            .start(SmdpFixture.released("894900000000000001", MID).maxDownloadAttempts(1).build());
    f.euicc.matchingId = MID;
    assertThat(f.getBpp(f.authenticate(f.initiate()), null).header().executed()).isTrue();
    assertFailed(
        f.authenticate(f.initiate()).header(), StatusCodes.DOWNLOAD_ORDER_RETRIES_EXCEEDED);
  }

  @Test
  void refusesAProfileWithAPprTheEuiccForbids() {
    SmdpFixture f =
        new SmdpFixture()
            .start(SmdpFixture.released("894900000000000001", MID).pprs(Set.of(1)).build());
    f.euicc.matchingId = MID;
    f.euicc.configure(c -> c.withRat(List.of(new RatRule(false, true, List.of("EEEEEE"), false))));
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.NO_ELIGIBLE_PROFILE);
    f.euicc.configure(c -> c.withRat(List.of(new RatRule(true, false, List.of("EEEEEE"), false))));
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();
  }

  @Test
  void refusesWhenTheEuiccLacksMemory() {
    SmdpFixture f = released();
    f.euicc.configure(c -> c.withMemoryBudget(10));
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EUICC_INSUFFICIENT_MEMORY);
  }

  @Test
  void refusesATestProfileWithoutTestProfileSupport() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.released("894900000000000001", MID)
                    .metadata(new OrderMetadata("Lab", "Test", "test", null, null, null))
                    .build());
    f.euicc.matchingId = MID;
    f.euicc.configure(EuiccPeer::noTestProfiles);
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.NO_ELIGIBLE_PROFILE);
  }

  @Test
  void findsTheDefaultSmdpProfileByEidWithoutMatchingId() {
    Eid eid = Eid.of(SmdpFixture.PKI.eid().value());
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.available("894900000000000003", "lab")
                    .state(ProfileState.RELEASED)
                    .eid(eid)
                    .defaultSmdp(true)
                    .build());
    f.euicc.matchingId = null;
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();
  }

  @Test
  void refusesAnEmptyMatchingIdWithoutDefaultProfileWithEidRefused() {
    // SGP.22 5.6.3 (default SM-DP+): no matchingId and no pending order for the EID: 8.1.1/3.8
    SmdpFixture f = released();
    f.euicc.matchingId = "";
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EID_REFUSED);
    f.euicc.matchingId = null;
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.EID_REFUSED);
  }

  @Test
  void acceptsAnSmdsEventIdAsMatchingId() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.available("894900000000000004", "lab")
                    .state(ProfileState.RELEASED)
                    .smdsEventId("EVENT-77")
                    .build());
    f.euicc.matchingId = "EVENT-77";
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();
  }
}
