package org.rspharness.core.crypto;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.teletrust.TeleTrusTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * SGP.22 section 2.6: the two curves of RSP, NIST P-256 (secp256r1) and brainpoolP256r1.
 *
 * <p>Each constant holds its Bouncy Castle domain parameters, built once: the fixed-point comb
 * precomputation for the generator hangs off that one generator instance, so every signature and
 * key generation after the first reuses it. P-256 uses Bouncy Castle's specialised field arithmetic
 * ({@code CustomNamedCurves}); brainpool has none there and uses the generic one.
 */
public enum Curve {
  /** NIST P-256, OID 1.2.840.10045.3.1.7. */
  NIST_P256("secp256r1", X9ObjectIdentifiers.prime256v1, "NIST", "nist"),
  /** brainpoolP256r1 (RFC 5639), OID 1.3.36.3.3.2.8.1.1.7. */
  BRAINPOOL_P256R1(
      "brainpoolP256r1", TeleTrusTObjectIdentifiers.brainpoolP256r1, "BRP", "brainpool");

  /** Bytes of a field element and of a scalar on both curves. */
  public static final int FIELD_BYTES = 32;

  private final String curveName;
  private final ASN1ObjectIdentifier oid;
  private final String fileTag;
  private final String cliName;
  private final ECDomainParameters domain;
  private final FixedPointCombMultiplier baseMultiplier = new FixedPointCombMultiplier();

  Curve(String curveName, ASN1ObjectIdentifier oid, String fileTag, String cliName) {
    this.curveName = curveName;
    this.oid = oid;
    this.fileTag = fileTag;
    this.cliName = cliName;
    X9ECParameters x9 = CustomNamedCurves.getByOID(oid);
    if (x9 == null) {
      x9 = ECNamedCurveTable.getByOID(oid);
    }
    this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    // Warm the comb table now rather than inside the first download.
    baseMultiplier.multiply(domain.getG(), java.math.BigInteger.ONE);
  }

  /** The curve's standard name ("secp256r1", "brainpoolP256r1"). */
  public String curveName() {
    return curveName;
  }

  /** The tag SGP.26 puts in file names: {@code NIST} or {@code BRP}. */
  public String fileTag() {
    return fileTag;
  }

  /** The lower-case name used on the command line: {@code nist} or {@code brainpool}. */
  public String cliName() {
    return cliName;
  }

  /** The SGP.26 file tag ({@code NIST} or {@code BRP}), which is how people name the curves. */
  @Override
  public String toString() {
    return fileTag;
  }

  /** Parses a command-line curve name ({@code nist}, {@code brainpool}, or the file tags). */
  public static Curve parse(String s) {
    String v = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
    for (Curve c : values()) {
      if (c.cliName.equals(v) || c.fileTag.toLowerCase(java.util.Locale.ROOT).equals(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "curve: unknown '" + s + "'; use nist or brainpool (or NIST/BRP)");
  }

  /** The curve with this OID, if RSP uses it. */
  public static java.util.Optional<Curve> findOid(ASN1ObjectIdentifier oid) {
    for (Curve c : values()) {
      if (c.oid.equals(oid)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }

  /** The curve of an EC public key with named-curve parameters, if RSP uses it; else empty. */
  public static java.util.Optional<Curve> find(PublicKey key) {
    try {
      return java.util.Optional.of(of(key));
    } catch (IllegalArgumentException notAnRspCurve) {
      return java.util.Optional.empty();
    }
  }

  /** The named-curve object identifier. */
  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** The cached Bouncy Castle domain parameters. */
  public ECDomainParameters domain() {
    return domain;
  }

  /** {@code k * G} with the cached fixed-point comb table. */
  ECPoint multiplyGenerator(java.math.BigInteger k) {
    return baseMultiplier.multiply(domain.getG(), k).normalize();
  }

  /** The curve with this OID; IllegalArgumentException naming the OID if RSP does not use it. */
  public static Curve fromOid(ASN1ObjectIdentifier oid) {
    for (Curve c : values()) {
      if (c.oid.equals(oid)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "curve: " + oid + " is not an RSP curve (expected secp256r1 or brainpoolP256r1)");
  }

  /** The curve with this dotted OID string. */
  public static Curve fromOid(String dottedOid) {
    return fromOid(new ASN1ObjectIdentifier(dottedOid));
  }

  /** The curve named in an EC SubjectPublicKeyInfo (named-curve parameters only). */
  public static Curve of(SubjectPublicKeyInfo spki) {
    return fromAlgorithm(spki.getAlgorithm());
  }

  /** The curve of a JCA EC public key (any provider: read from its X.509 encoding). */
  public static Curve of(PublicKey key) {
    return of(spkiOf(key));
  }

  /** The curve of a certificate's subject public key. */
  public static Curve of(X509Certificate certificate) {
    return of(certificate.getPublicKey());
  }

  static Curve fromAlgorithm(AlgorithmIdentifier algorithm) {
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
      throw new IllegalArgumentException(
          "key algorithm: " + algorithm.getAlgorithm() + " is not id-ecPublicKey");
    }
    ASN1Primitive params =
        algorithm.getParameters() == null ? null : algorithm.getParameters().toASN1Primitive();
    if (!(params instanceof ASN1ObjectIdentifier named)) {
      throw new IllegalArgumentException(
          "key algorithm: EC parameters are not a named curve (explicit or implicit parameters)");
    }
    return fromOid(named);
  }

  static SubjectPublicKeyInfo spkiOf(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      throw new IllegalArgumentException("public key: provider gives no X.509 encoding");
    }
    try {
      return SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(encoded));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("public key: X.509 encoding does not parse", e);
    }
  }
}
