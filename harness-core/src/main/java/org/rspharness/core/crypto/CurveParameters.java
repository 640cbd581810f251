package org.rspharness.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
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
 * The Bouncy Castle side of a {@link Curve}: its object identifier and domain parameters, built on
 * first use ({@link Curve#parameters()}), and the curve named by an ASN.1 key structure.
 *
 * <p>Kept apart from {@link Curve} for start-up: {@code EnumSet}/{@code EnumMap} of curves reflect
 * over the enum's public methods, which loads every type in their signatures; with no Bouncy Castle
 * type there, a command that only names a curve (reading a card file for {@code lpa profiles})
 * loads no Bouncy Castle class and never pays for opening its signed jar.
 */
public final class CurveParameters {

  private final ASN1ObjectIdentifier oid;
  private final ECDomainParameters domain;
  private final FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();

  CurveParameters(String oidText) {
    this.oid = new ASN1ObjectIdentifier(oidText);
    X9ECParameters x9 = CustomNamedCurves.getByOID(oid);
    if (x9 == null) {
      x9 = ECNamedCurveTable.getByOID(oid);
    }
    this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    // Warm the comb table now rather than inside the first signature: it hangs off this one
    // generator instance, so every signature and key generation after the first reuses it.
    multiplier.multiply(domain.getG(), BigInteger.ONE);
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
  ECPoint multiplyGenerator(BigInteger k) {
    return multiplier.multiply(domain.getG(), k).normalize();
  }

  /** The curve with this OID, if RSP uses it. */
  public static Optional<Curve> find(ASN1ObjectIdentifier oid) {
    return oid == null ? Optional.empty() : Curve.findOid(oid.getId());
  }

  /** The curve with this OID; IllegalArgumentException naming the OID if RSP does not use it. */
  public static Curve from(ASN1ObjectIdentifier oid) {
    return Curve.fromOid(oid == null ? null : oid.getId());
  }

  /** The curve named in an EC SubjectPublicKeyInfo (named-curve parameters only). */
  public static Curve of(SubjectPublicKeyInfo spki) {
    return fromAlgorithm(spki.getAlgorithm());
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
    return from(named);
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
