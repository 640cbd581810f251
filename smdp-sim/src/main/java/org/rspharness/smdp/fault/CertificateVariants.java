package org.rspharness.smdp.fault;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;

/**
 * The bad certificates the SM-DP+ presents for the EXPIRED_CERTIFICATE and WRONG_CI_CERTIFICATE
 * faults, made once when the plan is installed, for CERT.DPauth and CERT.DPpb of every curve.
 *
 * <p>Each variant keeps the subject, the public key and the extensions of the real certificate, so
 * the SM-DP+'s signatures (made with its real key) still verify and the certificate itself is the
 * one thing wrong:
 *
 * <ul>
 *   <li>expired: validity ended the day before the real certificate's validity starts, re-signed by
 *       the real CI (its private key must be in the credential source, as in a generated PKI or the
 *       SGP.26 set); without it, the source's {@link BadVariant#EXPIRED} DPauth (a certificate with
 *       its own key) stands in for both roles;
 *   <li>wrong CI: issued by a CI key generated here under the real CI's name, the authority key
 *       identifier naming that other key, so an eUICC finds no CI of its own behind it.
 * </ul>
 */
final class CertificateVariants {

  private final Map<String, X509Certificate> byOriginal = new HashMap<>();

  /** Variants of {@code kind} for every DPauth and DPpb of {@code source}. */
  CertificateVariants(CredentialSource source, Fault.Corrupt.Kind kind, RandomSource random) {
    for (Curve curve : source.curves()) {
      for (Role role : new Role[] {Role.DP_AUTH, Role.DP_PB}) {
        Optional<Credential> real = source.find(role, curve);
        if (real.isEmpty()) {
          continue;
        }
        X509Certificate original = real.get().certificate();
        X509Certificate variant =
            kind == Fault.Corrupt.Kind.EXPIRED_CERTIFICATE
                ? expired(source, curve, original)
                : wrongCi(curve, original, random);
        if (variant != null) {
          byOriginal.put(key(original), variant);
        }
      }
    }
  }

  /** The variant standing in for {@code der}, if there is one. */
  Optional<X509Certificate> replacing(byte[] der) {
    return Optional.ofNullable(byOriginal.get(java.util.HexFormat.of().formatHex(der)));
  }

  private static X509Certificate expired(
      CredentialSource source, Curve curve, X509Certificate original) {
    Optional<Credential> ci = source.find(Role.CI, curve);
    if (ci.isEmpty() || !ci.get().hasPrivateKey()) {
      return source.variant(BadVariant.EXPIRED, curve).map(Credential::certificate).orElse(null);
    }
    Instant end = original.getNotBefore().toInstant().minus(Duration.ofDays(1));
    return copy(
        original,
        end.minus(Duration.ofDays(365)),
        end,
        null,
        ci.get().requirePrivateKey(),
        original.getSerialNumber().add(BigInteger.ONE));
  }

  private static X509Certificate wrongCi(
      Curve curve, X509Certificate original, RandomSource random) {
    KeyPair otherCi;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
      g.initialize(new ECGenParameterSpec(curve.curveName()), random.asSecureRandom());
      otherCi = g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a CI key on " + curve, e);
    }
    byte[] keyId = sha1(SubjectPublicKeyInfo.getInstance(otherCi.getPublic().getEncoded()));
    return copy(
        original,
        original.getNotBefore().toInstant(),
        original.getNotAfter().toInstant(),
        keyId,
        otherCi.getPrivate(),
        original.getSerialNumber().add(BigInteger.TWO));
  }

  private static X509Certificate copy(
      X509Certificate original,
      Instant notBefore,
      Instant notAfter,
      byte[] authorityKeyId,
      PrivateKey signer,
      BigInteger serial) {
    try {
      X509CertificateHolder h = new JcaX509CertificateHolder(original);
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              h.getIssuer(),
              serial,
              Date.from(notBefore),
              Date.from(notAfter),
              h.getSubject(),
              h.getSubjectPublicKeyInfo());
      for (Object o : h.getExtensionOIDs()) {
        ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) o;
        if (authorityKeyId != null && oid.equals(Extension.authorityKeyIdentifier)) {
          continue;
        }
        b.addExtension(h.getExtension(oid));
      }
      if (authorityKeyId != null) {
        b.addExtension(
            Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
      }
      return new JcaX509CertificateConverter()
          .setProvider(BouncyCastle.PROVIDER)
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(BouncyCastle.PROVIDER)
                      .build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot make a variant of " + original.getSubjectX500Principal(), e);
    }
  }

  private static byte[] sha1(SubjectPublicKeyInfo spki) {
    try {
      return java.security.MessageDigest.getInstance("SHA-1")
          .digest(spki.getPublicKeyData().getBytes());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(X509Certificate c) {
    try {
      return java.util.HexFormat.of().formatHex(c.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
