package org.rspharness.core.crypto;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.rspharness.core.codec.CodecException;

/**
 * An EC public key on an RSP curve, in Bouncy Castle's lightweight form.
 *
 * <p>Convert a JCA key or certificate once ({@link #of(PublicKey)}) and keep this value: the
 * conversion parses the X.509 encoding, which is not free, and the signature paths take this type.
 *
 * @param curve the curve
 * @param point the public point, normalized, on {@code curve}, not infinity
 */
public record EcPublicKey(Curve curve, ECPoint point) {

  /** Length of an uncompressed point 04||X||Y on a 256-bit curve. */
  public static final int UNCOMPRESSED_LENGTH = 1 + 2 * Curve.FIELD_BYTES;

  public EcPublicKey {
    Objects.requireNonNull(curve, "curve");
    Objects.requireNonNull(point, "point");
    if (point.isInfinity()) {
      throw new IllegalArgumentException("point: the point at infinity is not a public key");
    }
    org.bouncycastle.math.ec.ECCurve own = curve.parameters().domain().getCurve();
    if (point.getCurve() != own) {
      if (!own.equals(point.getCurve())) {
        throw new IllegalArgumentException("point: not on " + curve.curveName());
      }
      // Same curve, other implementation (e.g. generic instead of BC's custom P-256 arithmetic):
      // move the point onto ours, or mixed arithmetic would fail later.
      point = own.importPoint(point);
    }
    point = point.normalize();
  }

  /**
   * SGP.22 tag 5F49 (the otPK of PrepareDownload and InitialiseSecureChannel): decodes an
   * uncompressed point 04||X||Y, validating that it is 65 bytes, uncompressed, with coordinates
   * below p and on the curve.
   *
   * @throws CodecException saying which check failed
   */
  public static EcPublicKey decode(Curve curve, byte[] uncompressed) {
    if (uncompressed == null || uncompressed.length != UNCOMPRESSED_LENGTH) {
      throw new CodecException(
          "EC point: expected "
              + UNCOMPRESSED_LENGTH
              + " bytes (04||X||Y), got "
              + (uncompressed == null ? "none" : uncompressed.length),
          "");
    }
    if (uncompressed[0] != 0x04) {
      throw new CodecException(
          String.format("EC point: first byte %02X, expected 04 (uncompressed)", uncompressed[0]),
          "offset 0");
    }
    try {
      ECPoint p = curve.parameters().domain().getCurve().decodePoint(uncompressed);
      if (p.isInfinity() || !p.isValid()) {
        throw new CodecException("EC point: not a valid point of " + curve.curveName(), "");
      }
      return new EcPublicKey(curve, p);
    } catch (IllegalArgumentException e) {
      throw new CodecException(
          "EC point: not on " + curve.curveName() + " (" + e.getMessage() + ")", "", e);
    }
  }

  /** The key of a JCA EC public key of any provider. */
  public static EcPublicKey of(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      return of(CurveParameters.spkiOf(key));
    }
    // Parsed once per distinct key, and the same point instance keeps its precomputed multiples.
    return KeyCache.publicKey(encoded, () -> of(CurveParameters.spkiOf(key)));
  }

  /** The subject public key of a certificate. */
  public static EcPublicKey of(X509Certificate certificate) {
    return of(certificate.getPublicKey());
  }

  /** The subject public key of a Bouncy Castle certificate holder. */
  public static EcPublicKey of(X509CertificateHolder certificate) {
    return of(certificate.getSubjectPublicKeyInfo());
  }

  /** The key in an EC SubjectPublicKeyInfo with named-curve parameters. */
  public static EcPublicKey of(SubjectPublicKeyInfo spki) {
    Curve curve = CurveParameters.of(spki);
    try {
      return decode(curve, spki.getPublicKeyData().getOctets());
    } catch (CodecException e) {
      throw new IllegalArgumentException("public key: " + e.getMessage(), e);
    }
  }

  /** The uncompressed encoding 04||X||Y (65 bytes), as SGP.22 carries in tag 5F49. */
  public byte[] encoded() {
    return point.getEncoded(false);
  }

  /** The X.509 SubjectPublicKeyInfo of this key, with the named-curve OID. */
  public SubjectPublicKeyInfo toSubjectPublicKeyInfo() {
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.parameters().oid()),
        encoded());
  }

  ECPublicKeyParameters parameters() {
    return new ECPublicKeyParameters(point, curve.parameters().domain());
  }

  @Override
  public String toString() {
    return "EcPublicKey[" + curve + ", " + org.rspharness.core.util.Hex.encode(encoded()) + "]";
  }
}
