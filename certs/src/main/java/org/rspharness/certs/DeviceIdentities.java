package org.rspharness.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;
import org.rspharness.core.pki.RoleOverride;
import org.rspharness.core.random.RandomSource;

/**
 * Identities for many devices under one PKI: each device gets its own EID and its own eUICC
 * certificate issued by the PKI's EUM (SGP.22 section 4.5.2.1: CERT.EUICC.ECDSA signed by the EUM,
 * the EID in the subject serialNumber), so scenarios and load runs can field several eUICCs that
 * all chain to the same CI. Works with any source whose EUM has its private key (a generated PKI,
 * or SGP.26's directory, which ships the EUM keys).
 */
public final class DeviceIdentities {

  private DeviceIdentities() {}

  /**
   * The EID of device {@code index}: the first 20 digits of {@code base} (so the EUM's EID prefix
   * is kept), the index in the next 10, then the check digits.
   */
  public static Eid eid(Eid base, long index) {
    if (index < 0 || index > 9_999_999_999L) {
      throw new IllegalArgumentException("index: expected 0 to 9999999999, got " + index);
    }
    return Eid.withCheckDigits(
        base.value().substring(0, 20) + String.format(Locale.ROOT, "%010d", index));
  }

  /**
   * A source equal to {@code pki} except that its eUICC credential on each of {@code curves} is a
   * fresh one for {@code eid}, keys drawn from {@code random}.
   *
   * @throws PkiException when the PKI has no EUM private key on a curve
   */
  public static CredentialSource forDevice(
      CredentialSource pki, Eid eid, Set<Curve> curves, RandomSource random) {
    Map<Curve, Credential> issued = new EnumMap<>(Curve.class);
    for (Curve curve : curves) {
      KeyPair keys = Keys.generate(curve, random.asSecureRandom());
      issued.put(curve, issueEuicc(pki, curve, eid, keys, random));
    }
    return new RoleOverride(pki, Role.EUICC, issued, "with eUICC " + eid);
  }

  /**
   * Issues an eUICC certificate for {@code eid} and {@code keys} under the EUM of {@code curve}:
   * subject C and O from the EUM, serialNumber the EID, CN "Test eUICC"; valid from the EUM's start
   * with no expiry (SGP.22 section 4.5.2.1.0.2: eUICC certificates do not expire); AKI, SKI, key
   * usage digitalSignature and the eUICC certificate policy, both critical.
   */
  public static Credential issueEuicc(
      CredentialSource pki, Curve curve, Eid eid, KeyPair keys, RandomSource random) {
    Credential eum = pki.eum(curve);
    if (!eum.hasPrivateKey()) {
      throw new PkiException(
          pki.description() + ": the EUM of " + curve + " has no private key to issue eUICCs");
    }
    Credential ci = pki.ci(curve);
    X509Certificate eumCert = eum.certificate();
    X500Name eumName = X500Name.getInstance(eumCert.getSubjectX500Principal().getEncoded());
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    copy(eumName, BCStyle.C, subject);
    copy(eumName, BCStyle.O, subject);
    subject.addRDN(BCStyle.SERIALNUMBER, eid.value()).addRDN(BCStyle.CN, "Test eUICC");
    byte[] serial = random.bytes(8);
    serial[0] &= 0x7f;
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      byte[] eumSki =
          CertFacts.subjectKeyId(eumCert)
              .orElseGet(
                  () ->
                      utils.createSubjectKeyIdentifier(eumCert.getPublicKey()).getKeyIdentifier());
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              eumName,
              new BigInteger(1, serial).max(BigInteger.ONE),
              new Time(Date.from(eumCert.getNotBefore().toInstant()), Locale.ROOT),
              new Time(Date.from(TestPkiBuilder.NO_EXPIRY), Locale.ROOT),
              subject.build(),
              SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
      b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(eumSki));
      b.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(keys.getPublic()));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          Extension.certificatePolicies,
          true,
          new CertificatePolicies(
              new PolicyInformation(new ASN1ObjectIdentifier(Role.EUICC.policyOid()))));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .setProvider(Keys.BC)
              .getCertificate(b.build(Keys.signer(eum.privateKey())));
      return new Credential(cert, keys.getPrivate(), List.of(eumCert, ci.certificate()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("eUICC certificate issuance failed for " + eid, e);
    }
  }

  private static void copy(X500Name from, ASN1ObjectIdentifier type, X500NameBuilder to) {
    for (RDN rdn : from.getRDNs(type)) {
      to.addRDN(type, rdn.getFirst().getValue());
    }
  }
}
