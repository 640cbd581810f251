package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

class InitiateAuthenticationTest {

  static void assertFailed(ResponseHeader h, StatusCode code) {
    assertThat(h.executed()).as("executed").isFalse();
    assertThat(
            h.functionExecutionStatus().statusCodeData().subjectCode()
                + "/"
                + h.functionExecutionStatus().statusCodeData().reasonCode())
        .isEqualTo(code.key());
  }

  @Test
  void signsServerSigned1WithDpAuthAndNamesTheChosenCi() {
    SmdpFixture f = new SmdpFixture().start();
    byte[] challenge = f.euicc.challenge();
    InitiateAuthenticationResponse r =
        f.smdp
            .es9()
            .initiateAuthentication(
                new InitiateAuthenticationRequest(
                    challenge, f.euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)));

    assertThat(r.header().executed()).isTrue();
    Tlv ss1 = Tlv.parse(r.serverSigned1());
    assertThat(ss1.get(0x80).value()).isEqualTo(r.transactionId().bytes());
    assertThat(ss1.get(0x81).value()).isEqualTo(challenge);
    assertThat(new String(ss1.get(0x83).value())).isEqualTo(SmdpFixture.HOST);
    assertThat(ss1.get(0x84).value()).hasSize(16);
    byte[] ciSki =
        CertFacts.subjectKeyId(SmdpFixture.PKI.ci(Curve.NIST_P256).certificate()).orElseThrow();
    assertThat(r.euiccCiPKIdToBeUsed()).isEqualTo(Hex.decode("0414" + Hex.encode(ciSki)));
    assertThat(r.serverCertificate())
        .isEqualTo(SmdpFixture.encoded(SmdpFixture.PKI.dpAuth(Curve.NIST_P256).certificate()));
    // the test eUICC verifies serverSignature1 with CERT.DPauth
    f.euicc.authenticateServer(r);
  }

  @Test
  void choosesTheBrainpoolCiWhenTheEuiccOffersOnlyThat() {
    SmdpFixture f = new SmdpFixture(Curve.BRAINPOOL_P256R1).start();
    InitiateAuthenticationResponse r = f.initiate();
    assertThat(r.header().executed()).isTrue();
    assertThat(SmdpFixture.parseCert(r.serverCertificate()).getPublicKey())
        .isEqualTo(SmdpFixture.PKI.dpAuth(Curve.BRAINPOOL_P256R1).certificate().getPublicKey());
  }

  @Test
  void refusesSvnOtherThan2x() {
    SmdpFixture f = new SmdpFixture().start();
    f.euicc.svn = new byte[] {3, 0, 0};
    assertFailed(f.initiate().header(), StatusCodes.SMDP_SVN_UNSUPPORTED);
    f.euicc.svn = new byte[] {2, 5, 0};
    assertThat(f.initiate().header().executed()).isTrue();
  }

  @Test
  void refusesWhenNoCiPkIdIsSupported() {
    SmdpFixture f = new SmdpFixture().start();
    f.euicc.ciPkIds = List.of(Hex.decode("81370F5125D0B1D408D4C3B232E6D25E795BEBFB"));
    assertFailed(f.initiate().header(), StatusCodes.SMDP_NO_SUPPORTED_CI_PKID);
  }

  @Test
  void refusesAnotherAddressAndComparesCaseInsensitively() {
    SmdpFixture f = new SmdpFixture().start();
    InitiateAuthenticationResponse other =
        f.smdp
            .es9()
            .initiateAuthentication(
                new InitiateAuthenticationRequest(
                    f.euicc.challenge(),
                    f.euicc.euiccInfo1(),
                    SmdpAddress.of("other.example.com")));
    assertFailed(other.header(), StatusCodes.SMDP_ADDRESS_REFUSED);
    InitiateAuthenticationResponse upper =
        f.smdp
            .es9()
            .initiateAuthentication(
                new InitiateAuthenticationRequest(
                    f.euicc.challenge(),
                    f.euicc.euiccInfo1(),
                    SmdpAddress.of(SmdpFixture.HOST.toUpperCase())));
    assertThat(upper.header().executed()).isTrue();
  }

  @Test
  void exactAddressQuirkRefusesUpperCase() {
    SmdpFixture f = new SmdpFixture().start(Quirks.of(Quirk.EXACT_ADDRESS_CHECK));
    InitiateAuthenticationResponse upper =
        f.smdp
            .es9()
            .initiateAuthentication(
                new InitiateAuthenticationRequest(
                    f.euicc.challenge(),
                    f.euicc.euiccInfo1(),
                    SmdpAddress.of(SmdpFixture.HOST.toUpperCase())));
    assertFailed(upper.header(), StatusCodes.SMDP_ADDRESS_REFUSED);
  }

  @Test
  void refusesWhenNoDpAuthExistsForTheSupportedCi() {
    SmdpFixture f = new SmdpFixture();
    CredentialSource withoutDpAuth = new HidingSource(SmdpFixture.PKI, Role.DP_AUTH);
    SmdpSimulator smdp =
        SmdpSimulator.builder(withoutDpAuth, SmdpFixture.HOST)
            .clock(f.clock)
            .random(f.random)
            .build();
    InitiateAuthenticationResponse r =
        smdp.es9()
            .initiateAuthentication(
                new InitiateAuthenticationRequest(
                    f.euicc.challenge(), f.euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)));
    assertFailed(r.header(), StatusCodes.SMDP_NO_CERTIFICATE_FOR_CI);
  }

  @Test
  void refusesAShortChallengeAndMalformedEuiccInfo1() {
    SmdpFixture f = new SmdpFixture().start();
    InitiateAuthenticationResponse shortChallenge =
        f.smdp
            .es9()
            .initiateAuthentication(
                new InitiateAuthenticationRequest(
                    new byte[8], f.euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)));
    assertFailed(shortChallenge.header(), SmdpCodes.MALFORMED_REQUEST);
    InitiateAuthenticationResponse badInfo =
        f.smdp
            .es9()
            .initiateAuthentication(
                new InitiateAuthenticationRequest(
                    f.euicc.challenge(),
                    Hex.decode("BF2003820102"),
                    SmdpAddress.of(SmdpFixture.HOST)));
    assertFailed(badInfo.header(), SmdpCodes.MALFORMED_REQUEST);
  }

  /** A credential source with one role removed. */
  static final class HidingSource implements CredentialSource {
    private final CredentialSource in;
    private final Role hidden;

    HidingSource(CredentialSource in, Role hidden) {
      this.in = in;
      this.hidden = hidden;
    }

    @Override
    public Credential credential(Role role, Curve curve) {
      return find(role, curve)
          .orElseThrow(() -> new org.rspharness.core.pki.PkiException("hidden"));
    }

    @Override
    public Optional<Credential> find(Role role, Curve curve) {
      return role == hidden ? Optional.empty() : in.find(role, curve);
    }

    @Override
    public Set<Curve> curves() {
      return in.curves();
    }

    @Override
    public List<X509Certificate> certificates() {
      return in.certificates();
    }

    @Override
    public Optional<X509CRL> crl(Curve curve) {
      return in.crl(curve);
    }

    @Override
    public Optional<Credential> variant(BadVariant variant, Curve curve) {
      return in.variant(variant, curve);
    }

    @Override
    public String description() {
      return "without " + hidden;
    }
  }
}
