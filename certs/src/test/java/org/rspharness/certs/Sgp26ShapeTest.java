package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.testsupport.ReferenceData;

/**
 * Generated certificates match SGP.26's own, field by field (everything but keys, serials,
 * signatures and the validity instants).
 */
class Sgp26ShapeTest {

  static Stream<Arguments> roles() {
    List<Arguments> out = new ArrayList<>();
    for (Curve c : Curve.values()) {
      for (Role r : List.of(Role.CI, Role.EUM, Role.EUICC, Role.DP_AUTH, Role.DP_PB, Role.DP_TLS)) {
        out.add(Arguments.of(r, c));
      }
    }
    return out.stream();
  }

  private static X509CertificateHolder reference(Role role, Curve curve) throws Exception {
    Path file =
        ReferenceData.require("sgp26/" + role.directory() + "/" + role.certificateFile(curve));
    return new X509CertificateHolder(Files.readAllBytes(file));
  }

  private static X509CertificateHolder generated(Role role, Curve curve) {
    return CertFacts.holder(Fixtures.seededPki().credential(role, curve).certificate());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("roles")
  void extensionsHaveSgp26OrderCriticalityAndValues(Role role, Curve curve) throws Exception {
    X509CertificateHolder ref = reference(role, curve);
    X509CertificateHolder gen = generated(role, curve);
    assertThat(extensionShape(gen)).isEqualTo(extensionShape(ref));
    for (var oid :
        List.of(
            Extension.certificatePolicies,
            Extension.keyUsage,
            Extension.basicConstraints,
            Extension.extendedKeyUsage,
            Extension.nameConstraints,
            Extension.cRLDistributionPoints)) {
      Extension r = ref.getExtension(oid);
      Extension g = gen.getExtension(oid);
      assertThat(g == null ? null : g.getExtnValue())
          .as("extension %s of %s", oid, role)
          .isEqualTo(r == null ? null : r.getExtnValue());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("roles")
  void namesAlgorithmsAndTimeEncodingsMatch(Role role, Curve curve) throws Exception {
    X509CertificateHolder ref = reference(role, curve);
    X509CertificateHolder gen = generated(role, curve);
    assertThat(nameShape(gen.getSubject())).isEqualTo(nameShape(ref.getSubject()));
    assertThat(nameShape(gen.getIssuer())).isEqualTo(nameShape(ref.getIssuer()));
    assertThat(gen.getSignatureAlgorithm()).isEqualTo(ref.getSignatureAlgorithm());
    assertThat(gen.getSubjectPublicKeyInfo().getAlgorithm())
        .isEqualTo(ref.getSubjectPublicKeyInfo().getAlgorithm());
    assertThat(gen.getVersionNumber()).isEqualTo(3).isEqualTo(ref.getVersionNumber());
    TBSCertificate rt = ref.toASN1Structure().getTBSCertificate();
    TBSCertificate gt = gen.toASN1Structure().getTBSCertificate();
    // UTCTime up to 2049, GeneralizedTime beyond (CI 2055, EUM 2054, eUICC far future).
    assertThat(gt.getStartDate().toASN1Primitive().getClass())
        .isEqualTo(rt.getStartDate().toASN1Primitive().getClass());
    assertThat(gt.getEndDate().toASN1Primitive().getClass())
        .isEqualTo(rt.getEndDate().toASN1Primitive().getClass());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("roles")
  void subjectAltNamesMatch(Role role, Curve curve) throws Exception {
    assertThat(san(generated(role, curve))).isEqualTo(san(reference(role, curve)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("roles")
  void keyIdentifiersAreSha1OfTheKeyAsInSgp26(Role role, Curve curve) throws Exception {
    for (X509CertificateHolder h : List.of(reference(role, curve), generated(role, curve))) {
      X509Certificate c = toCert(h);
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest(h.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
      assertThat(CertFacts.subjectKeyId(c)).hasValueSatisfying(s -> assertThat(s).isEqualTo(sha1));
    }
  }

  /** EUM and eUICC differ on purpose (see TestPkiBuilder's class doc). */
  static Stream<Arguments> rolesWithSgp26Lifetimes() {
    return roles().filter(a -> a.get()[0] != Role.EUM && a.get()[0] != Role.EUICC);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rolesWithSgp26Lifetimes")
  void validityLengthsMatchForCiDpAuthDpPbAndDpTls(Role role, Curve curve) throws Exception {
    X509CertificateHolder ref = reference(role, curve);
    X509CertificateHolder gen = generated(role, curve);
    assertThat(Duration.between(gen.getNotBefore().toInstant(), gen.getNotAfter().toInstant()))
        .isEqualTo(Duration.between(ref.getNotBefore().toInstant(), ref.getNotAfter().toInstant()));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Curve.class)
  void crlOfGeneratedCiIsSignedByIt(Curve curve) throws Exception {
    var ci = Fixtures.seededPki().ci(curve).certificate();
    var crl = Fixtures.seededPki().crl(curve).orElseThrow();
    crl.verify(ci.getPublicKey(), Keys.BC);
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ci.getSubjectX500Principal());
  }

  private static List<String> extensionShape(X509CertificateHolder h) {
    List<String> out = new ArrayList<>();
    for (Object o : h.getExtensions().getExtensionOIDs()) {
      var oid = (org.bouncycastle.asn1.ASN1ObjectIdentifier) o;
      out.add(oid.getId() + (h.getExtension(oid).isCritical() ? "!" : ""));
    }
    return out;
  }

  /** Attribute type, ASN.1 string class and (for CI-side names) value, in order. */
  private static List<String> nameShape(X500Name name) {
    List<String> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        out.add(
            atv.getType().getId()
                + ":"
                + atv.getValue().toASN1Primitive().getClass().getSimpleName()
                + "="
                + atv.getValue());
      }
    }
    return out;
  }

  private static List<String> san(X509CertificateHolder h) {
    Extension e = h.getExtension(Extension.subjectAlternativeName);
    List<String> out = new ArrayList<>();
    if (e != null) {
      for (GeneralName n : GeneralNames.getInstance(e.getParsedValue()).getNames()) {
        out.add(n.getTagNo() + ":" + n.getName());
      }
    }
    return out;
  }

  private static X509Certificate toCert(X509CertificateHolder h) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509", Keys.BC)
            .generateCertificate(new ByteArrayInputStream(h.getEncoded()));
  }
}
