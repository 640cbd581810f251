package org.rspharness.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * An EC private key on an RSP curve, in Bouncy Castle's lightweight form.
 *
 * <p>Convert a JCA key once ({@link #of(PrivateKey)}) and keep this value. {@link #toString()}
 * never shows the scalar.
 */
public final class EcPrivateKey {

  private final Curve curve;
  private final BigInteger d;
  private final ECPrivateKeyParameters parameters;
  private volatile EcPublicKey publicKey;
  // the key in the native provider's form ({@link NativeEc}), made on first native use
  volatile Object nativeKey;

  private EcPrivateKey(Curve curve, BigInteger d) {
    this.curve = Objects.requireNonNull(curve, "curve");
    if (d.signum() <= 0 || d.compareTo(curve.domain().getN()) >= 0) {
      throw new IllegalArgumentException("private key: scalar is not in [1, n-1]");
    }
    this.d = d;
    this.parameters = new ECPrivateKeyParameters(d, curve.domain());
  }

  /** The key with scalar {@code d}; IllegalArgumentException if d is not in [1, n-1]. */
  public static EcPrivateKey of(Curve curve, BigInteger d) {
    return new EcPrivateKey(curve, Objects.requireNonNull(d, "d"));
  }

  /** A key whose public key is already known (a native key generation computed it). */
  static EcPrivateKey withPublicKey(Curve curve, BigInteger d, EcPublicKey publicKey) {
    EcPrivateKey k = new EcPrivateKey(curve, d);
    k.publicKey = publicKey;
    return k;
  }

  /** The key with the big-endian unsigned scalar {@code d} (any length, usually 32 bytes). */
  public static EcPrivateKey fromScalar(Curve curve, byte[] d) {
    return of(curve, new BigInteger(1, Objects.requireNonNull(d, "d")));
  }

  /**
   * The key of a JCA EC private key of any provider, read from its PKCS#8 encoding once per key
   * object (later calls with the same object return the same value).
   */
  public static EcPrivateKey of(PrivateKey key) {
    return KeyCache.privateKey(key, () -> parse(key));
  }

  private static EcPrivateKey parse(PrivateKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      throw new IllegalArgumentException("private key: provider gives no PKCS#8 encoding");
    }
    try {
      return of(PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(encoded)));
    } catch (IOException e) {
      throw new IllegalArgumentException("private key: PKCS#8 encoding does not parse", e);
    }
  }

  /** The key in a PKCS#8 PrivateKeyInfo with named-curve parameters. */
  public static EcPrivateKey of(PrivateKeyInfo info) {
    Curve curve = Curve.fromAlgorithm(info.getPrivateKeyAlgorithm());
    try {
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
          org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
      return of(curve, sec1.getKey());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("private key: SEC1 ECPrivateKey does not parse", e);
    }
  }

  public Curve curve() {
    return curve;
  }

  /** The scalar as 32 big-endian bytes. */
  public byte[] scalarBytes() {
    return BigIntegers.asUnsignedByteArray(Curve.FIELD_BYTES, d);
  }

  /** The matching public key d*G (computed once). */
  public EcPublicKey publicKey() {
    EcPublicKey p = publicKey;
    if (p == null) {
      p = new EcPublicKey(curve, curve.multiplyGenerator(d));
      publicKey = p;
    }
    return p;
  }

  BigInteger scalar() {
    return d;
  }

  ECPrivateKeyParameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EcPrivateKey other && other.curve == curve && other.d.equals(d);
  }

  @Override
  public int hashCode() {
    return Objects.hash(curve, d);
  }

  @Override
  public String toString() {
    return "EcPrivateKey[" + curve + ", scalar hidden]";
  }
}
