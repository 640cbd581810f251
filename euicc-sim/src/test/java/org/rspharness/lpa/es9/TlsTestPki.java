package org.rspharness.lpa.es9;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;

/**
 * A two-level TLS PKI for ES9+ client tests: a CI and a DPtls certificate for one host name, on
 * either curve. (The certs module builds the full SGP.22 PKI; euicc-sim has no test dependency on
 * it, and TLS needs only these two.)
 */
public final class TlsTestPki {

  public final X509Certificate ci;
  public final X509Certificate dpTls;
  public final PrivateKey dpTlsKey;

  private TlsTestPki(X509Certificate ci, X509Certificate dpTls, PrivateKey dpTlsKey) {
    this.ci = ci;
    this.dpTls = dpTls;
    this.dpTlsKey = dpTlsKey;
  }

  public static TlsTestPki create(Curve curve, String host) {
    try {
      KeyPair ciKeys = keyPair(curve);
      KeyPair tlsKeys = keyPair(curve);
      Instant now = Instant.now();
      X500Name ciName = new X500Name("CN=Test CI,O=RSP Harness");
      X509Certificate ci =
          sign(
              new JcaX509v3CertificateBuilder(
                      ciName,
                      BigInteger.ONE,
                      Date.from(now.minus(Duration.ofDays(1))),
                      Date.from(now.plus(Duration.ofDays(30))),
                      ciName,
                      ciKeys.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
              ciKeys.getPrivate());
      X509Certificate tls =
          sign(
              new JcaX509v3CertificateBuilder(
                      ciName,
                      BigInteger.TWO,
                      Date.from(now.minus(Duration.ofDays(1))),
                      Date.from(now.plus(Duration.ofDays(30))),
                      new X500Name("CN=" + host + ",O=RSP Harness"),
                      tlsKeys.getPublic())
                  .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                  .addExtension(
                      Extension.extendedKeyUsage,
                      false,
                      new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                  .addExtension(
                      Extension.subjectAlternativeName,
                      false,
                      new GeneralNames(new GeneralName(GeneralName.dNSName, host))),
              ciKeys.getPrivate());
      return new TlsTestPki(ci, tls, tlsKeys.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the test TLS PKI: " + e, e);
    }
  }

  private static KeyPair keyPair(Curve curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
    g.initialize(new ECGenParameterSpec(curve.curveName()));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(
      org.bouncycastle.cert.X509v3CertificateBuilder b, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter()
        .setProvider(BouncyCastle.PROVIDER)
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(key)));
  }
}
