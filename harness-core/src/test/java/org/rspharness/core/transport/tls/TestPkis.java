package org.rspharness.core.transport.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A two-level PKI (root + leaf) for TLS tests of harness-core, which cannot use the certs module
 * (it depends on this one). The SGP.22-shaped PKI with every policy lives in the certs module.
 */
public final class TestPkis {

  private static final Provider BC = new BouncyCastleProvider();

  /** A root, a leaf it signed, and the leaf's key. */
  public record Pki(X509Certificate root, X509Certificate leaf, PrivateKey leafKey) {}

  private TestPkis() {}

  /** Root "Test CI" and a leaf for {@code dnsName}, on {@code curve} (a JCA curve name). */
  public static Pki create(String curve, String dnsName) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", BC);
    gen.initialize(new ECGenParameterSpec(curve));
    KeyPair rootKeys = gen.generateKeyPair();
    KeyPair leafKeys = gen.generateKeyPair();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X500Name rootName = new X500Name("CN=Tiny Test CI,O=RSP Harness");
    var rootBuilder =
        new JcaX509v3CertificateBuilder(
                rootName,
                BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(30, ChronoUnit.DAYS)),
                rootName,
                rootKeys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC);
    var converter = new JcaX509CertificateConverter();
    X509Certificate root =
        converter.getCertificate(rootBuilder.build(signer.build(rootKeys.getPrivate())));
    var leafBuilder =
        new JcaX509v3CertificateBuilder(
                rootName,
                BigInteger.TWO,
                Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(30, ChronoUnit.DAYS)),
                new X500Name("CN=" + dnsName),
                leafKeys.getPublic())
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    X509Certificate leaf =
        converter.getCertificate(leafBuilder.build(signer.build(rootKeys.getPrivate())));
    return new Pki(root, leaf, leafKeys.getPrivate());
  }
}
