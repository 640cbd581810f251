package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;
import org.rspharness.core.testsupport.ReferenceData;

/**
 * An independent validator agrees: {@code openssl verify} accepts a generated PKI role by role,
 * with the role policy required explicitly, and the TLS purpose and host name for DPtls.
 */
class OpensslVerifyTest {

  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  @TempDir static Path dir;

  private static TestPki pki;
  private static String attime;

  @BeforeAll
  static void setUp() {
    Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "openssl absent");
    pki = Fixtures.seededPki();
    attime = Long.toString(VariantsTest.CHECK.getEpochSecond());
  }

  private static Path pem(String name, X509Certificate c) throws Exception {
    Path p = dir.resolve(name + ".pem");
    Files.writeString(p, Keys.pem("CERTIFICATE", c.getEncoded()), StandardCharsets.US_ASCII);
    return p;
  }

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(OPENSSL.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.trim();
  }

  private static String verify(Curve curve, Role role, X509Certificate leaf, String... extra)
      throws Exception {
    Path ci = pem("ci-" + curve, pki.ci(curve).certificate());
    Path cert = pem(role.label() + "-" + curve + "-" + leaf.getSerialNumber(), leaf);
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "-attime",
                attime,
                "-CAfile",
                ci.toString(),
                "-policy",
                role.policyOid(),
                "-explicit_policy"));
    args.addAll(List.of(extra));
    args.add(cert.toString());
    return run(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void opensslAcceptsEveryCiIssuedRoleWithItsPolicy(Curve curve) throws Exception {
    for (Role role : List.of(Role.EUM, Role.DP_AUTH, Role.DP_PB, Role.DS_AUTH)) {
      assertThat(verify(curve, role, pki.credential(role, curve).certificate()))
          .as("%s %s", role, curve)
          .endsWith(": OK");
    }
    for (Role role : List.of(Role.DP_TLS, Role.DS_TLS)) {
      X509Certificate tls = pki.credential(role, curve).certificate();
      String host = CertFacts.dnsNames(tls).get(0);
      assertThat(verify(curve, role, tls, "-purpose", "sslserver", "-verify_hostname", host))
          .as("%s %s", role, curve)
          .endsWith(": OK");
      assertThat(verify(curve, role, tls, "-purpose", "sslclient")).endsWith(": OK");
    }
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void opensslRejectsTheWrongPolicyTheRevokedAndTheUnknownCiVariants(Curve curve) throws Exception {
    assertThat(
            verify(
                curve,
                Role.DP_AUTH,
                pki.variant(BadVariant.WRONG_ROLE_POLICY, curve).orElseThrow().certificate()))
        .contains("no explicit policy");
    Path crl = dir.resolve("crl-" + curve + ".pem");
    Files.writeString(crl, Keys.pem("X509 CRL", pki.crl(curve).orElseThrow().getEncoded()));
    assertThat(
            verify(
                curve,
                Role.DP_AUTH,
                pki.variant(BadVariant.REVOKED, curve).orElseThrow().certificate(),
                "-crl_check",
                "-CRLfile",
                crl.toString()))
        .contains("certificate revoked");
    assertThat(
            verify(
                curve,
                Role.DP_AUTH,
                pki.dpAuth(curve).certificate(),
                "-crl_check",
                "-CRLfile",
                crl.toString()))
        .endsWith(": OK");
    assertThat(
            verify(
                curve,
                Role.DP_AUTH,
                pki.variant(BadVariant.UNKNOWN_CI, curve).orElseThrow().certificate()))
        .contains("verification failed");
  }

  /**
   * SGP.22's EID name constraint is not RFC 5280 directoryName matching, so openssl refuses the
   * eUICC with "permitted subtree violation", exactly as it refuses SGP.26's own eUICC; the
   * signature is then checked by openssl separately.
   */
  @ParameterizedTest
  @EnumSource(Curve.class)
  void opensslSeesTheEuiccAsSgp26sAndVerifiesItsSignature(Curve curve) throws Exception {
    Path ci = pem("ci-" + curve, pki.ci(curve).certificate());
    Path eum = pem("eum-" + curve, pki.eum(curve).certificate());
    Path euicc = pem("euicc-" + curve, pki.euicc(curve).certificate());
    String ours =
        run(
            "verify",
            "-attime",
            attime,
            "-CAfile",
            ci.toString(),
            "-untrusted",
            eum.toString(),
            euicc.toString());
    assertThat(ours).contains("error 47 at 0 depth lookup: permitted subtree violation");

    X509Certificate cert = pki.euicc(curve).certificate();
    Path tbs = dir.resolve("tbs-" + curve);
    Path sig = dir.resolve("sig-" + curve);
    Path eumKey = dir.resolve("eumpub-" + curve + ".pem");
    Files.write(tbs, cert.getTBSCertificate());
    Files.write(sig, cert.getSignature());
    Files.writeString(eumKey, Keys.toPublicKeyPem(pki.eum(curve).certificate().getPublicKey()));
    assertThat(
            run(
                "dgst",
                "-sha256",
                "-verify",
                eumKey.toString(),
                "-signature",
                sig.toString(),
                tbs.toString()))
        .isEqualTo("Verified OK");

    // the comparison with SGP.26's own eUICC needs the reference folder
    Path ref = ReferenceData.require("sgp26");
    String tag = curve.fileTag();
    String theirs =
        run(
            "verify",
            "-attime",
            attime,
            "-CAfile",
            pem(
                    "ref-ci-" + curve,
                    load(ref.resolve("CertificateIssuer/CERT_CI_ECDSA_" + tag + ".der")))
                .toString(),
            "-untrusted",
            pem("ref-eum-" + curve, load(ref.resolve("EUM/CERT_EUM_ECDSA_" + tag + ".der")))
                .toString(),
            pem("ref-euicc-" + curve, load(ref.resolve("eUICC/CERT_EUICC_ECDSA_" + tag + ".der")))
                .toString());
    assertThat(theirs).contains("error 47 at 0 depth lookup: permitted subtree violation");
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void opensslAcceptsADpTlsReissuedUnderTheSgp26Ci(Curve curve) throws Exception {
    Path ref = ReferenceData.require("sgp26");
    Credential sgp26Ci = PkiDirectory.load(ref, Fixtures.SGP26_CHECK).ci(curve);
    TestPki reissued =
        TestPki.builder()
            .ci(sgp26Ci)
            .curves(java.util.EnumSet.of(curve))
            .random(org.rspharness.core.random.RandomSource.seeded(9))
            .validFrom(java.time.Instant.parse("2027-02-01T00:00:00Z"))
            .build();
    Path ci = pem("sgp26-ci-" + curve, sgp26Ci.certificate());
    Path tls = pem("reissued-tls-" + curve, reissued.dpTls(curve).certificate());
    String march2027 =
        Long.toString(java.time.Instant.parse("2027-03-01T00:00:00Z").getEpochSecond());
    assertThat(
            run(
                "verify",
                "-attime",
                march2027,
                "-CAfile",
                ci.toString(),
                "-policy",
                Role.DP_TLS.policyOid(),
                "-explicit_policy",
                "-purpose",
                "sslserver",
                "-verify_hostname",
                "testsmdpplus1.example.com",
                tls.toString()))
        .endsWith(": OK");
  }

  private static X509Certificate load(Path der) throws Exception {
    return (X509Certificate)
        java.security.cert.CertificateFactory.getInstance("X.509", Keys.BC)
            .generateCertificate(new java.io.ByteArrayInputStream(Files.readAllBytes(der)));
  }
}
