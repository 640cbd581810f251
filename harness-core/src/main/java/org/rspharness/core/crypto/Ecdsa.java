package org.rspharness.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.random.RandomSource;

/**
 * SGP.22 section 2.6: ECDSA with SHA-256 on the RSP curves, with signatures in the BSI TR-03111
 * plain form r||s (64 bytes) that SGP.22 carries under tag 5F37, and conversion to and from the DER
 * form X.509 and TLS use.
 *
 * <p>Built on Bouncy Castle's lightweight {@link ECDSASigner}, which multiplies the generator with
 * the fixed-point comb table cached in {@link Curve}. Measured (CryptoBench in the tests) on par
 * with the BC JCA provider, which runs the same engine, minus its per-call provider lookup, key
 * translation and DER round trip; JDK 17's SunEC is 5-10x slower on P-256 and has no brainpool.
 * Convert JCA keys once ({@link EcPrivateKey#of(PrivateKey)}, {@link EcPublicKey#of(PublicKey)}):
 * the JCA overloads here convert once per key ({@code KeyCache}). Thread-safe.
 */
public final class Ecdsa {

  /** Length of a plain signature r||s on a 256-bit curve. */
  public static final int PLAIN_LENGTH = 2 * Curve.FIELD_BYTES;

  private Ecdsa() {}

  /**
   * Signs SHA-256({@code data}) with a random nonce drawn from {@code random} (a seeded source
   * gives reproducible signatures), returning r||s.
   */
  public static byte[] sign(EcPrivateKey key, byte[] data, RandomSource random) {
    if (!random.reproducible() && NativeEc.handles(key.curve())) {
      return NativeEc.sign(key, data);
    }
    ECDSASigner signer = new ECDSASigner(new RandomDSAKCalculator());
    signer.init(true, new ParametersWithRandom(key.parameters(), random.asSecureRandom()));
    return plain(signer.generateSignature(sha256(data)));
  }

  /** Signs SHA-256({@code data}) with the deterministic nonce of RFC 6979, returning r||s. */
  public static byte[] signDeterministic(EcPrivateKey key, byte[] data) {
    DSAKCalculator k = new HMacDSAKCalculator(new SHA256Digest());
    ECDSASigner signer = new ECDSASigner(k);
    signer.init(true, key.parameters());
    return plain(signer.generateSignature(sha256(data)));
  }

  /**
   * As {@link #sign(EcPrivateKey, byte[], RandomSource)} with a JCA key, converted once per key
   * object.
   */
  public static byte[] sign(PrivateKey key, byte[] data, RandomSource random) {
    return sign(EcPrivateKey.of(key), data, random);
  }

  /**
   * Verifies a plain r||s signature over SHA-256({@code data}). A 64-byte signature that does not
   * verify (including r or s of 0 or not below n) gives {@code false}.
   *
   * @throws CodecException if the signature is not 64 bytes: that is malformed input, not a wrong
   *     signature
   */
  public static boolean verify(EcPublicKey key, byte[] data, byte[] plainSignature) {
    checkPlainLength(plainSignature);
    if (NativeEc.handles(key.curve())) {
      return NativeEc.verify(key, data, plainSignature);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(plainSignature, 0, Curve.FIELD_BYTES));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(plainSignature, Curve.FIELD_BYTES, 64));
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key.parameters());
    // BC's verifier returns false for r or s outside [1, n-1].
    return verifier.verifySignature(sha256(data), r, s);
  }

  /** As {@link #verify(EcPublicKey, byte[], byte[])} with a JCA key, converted once per key. */
  public static boolean verify(PublicKey key, byte[] data, byte[] plainSignature) {
    return verify(EcPublicKey.of(key), data, plainSignature);
  }

  /**
   * Converts r||s (64 bytes) to DER {@code SEQUENCE { INTEGER r, INTEGER s }}.
   *
   * @throws CodecException if the input is not 64 bytes
   */
  public static byte[] plainToDer(byte[] plainSignature) {
    checkPlainLength(plainSignature);
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(plainSignature, 0, Curve.FIELD_BYTES));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(plainSignature, Curve.FIELD_BYTES, 64));
    ASN1EncodableVector v = new ASN1EncodableVector(2);
    v.add(new ASN1Integer(r));
    v.add(new ASN1Integer(s));
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of two integers cannot fail", e);
    }
  }

  /**
   * Converts a DER ECDSA signature to r||s (64 bytes), strictly: exactly one SEQUENCE of two
   * INTEGERs in minimal DER with nothing after it, each positive and at most 256 bits.
   *
   * @throws CodecException naming what is wrong
   */
  public static byte[] derToPlain(byte[] der) {
    if (der == null || der.length == 0) {
      throw new CodecException("DER signature: empty", "");
    }
    ASN1Primitive parsed;
    java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(der);
    try (ASN1InputStream asn1 = new ASN1InputStream(in, der.length)) {
      parsed = asn1.readObject();
    } catch (IOException | RuntimeException e) {
      throw new CodecException("DER signature: not valid DER (" + e.getMessage() + ")", "", e);
    }
    if (parsed == null) {
      throw new CodecException("DER signature: no object", "");
    }
    if (in.available() > 0) {
      throw new CodecException(
          "DER signature: " + in.available() + " trailing bytes after the SEQUENCE",
          "offset " + (der.length - in.available()));
    }
    byte[] reencoded;
    try {
      reencoded = parsed.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new CodecException("DER signature: cannot re-encode", "", e);
    }
    if (!Arrays.equals(reencoded, der)) {
      throw new CodecException(
          "DER signature: not minimal DER or trailing bytes ("
              + der.length
              + " bytes given, "
              + reencoded.length
              + " in its DER form)",
          "");
    }
    if (!(parsed instanceof ASN1Sequence seq) || seq.size() != 2) {
      throw new CodecException("DER signature: expected SEQUENCE of two INTEGERs", "offset 0");
    }
    byte[] out = new byte[PLAIN_LENGTH];
    for (int i = 0; i < 2; i++) {
      if (!(seq.getObjectAt(i) instanceof ASN1Integer integer)) {
        throw new CodecException("DER signature: element " + i + " is not an INTEGER", "");
      }
      BigInteger v = integer.getValue();
      String name = i == 0 ? "r" : "s";
      if (v.signum() <= 0) {
        throw new CodecException("DER signature: " + name + " is not positive", "");
      }
      if (v.bitLength() > 8 * Curve.FIELD_BYTES) {
        throw new CodecException(
            "DER signature: " + name + " has " + v.bitLength() + " bits, more than 256", "");
      }
      BigIntegers.asUnsignedByteArray(v, out, i * Curve.FIELD_BYTES, Curve.FIELD_BYTES);
    }
    return out;
  }

  private static void checkPlainLength(byte[] plainSignature) {
    if (plainSignature == null || plainSignature.length != PLAIN_LENGTH) {
      throw new CodecException(
          "plain ECDSA signature: expected 64 bytes r||s, got "
              + (plainSignature == null ? "none" : plainSignature.length),
          "");
    }
  }

  private static byte[] plain(BigInteger[] rs) {
    byte[] out = new byte[PLAIN_LENGTH];
    BigIntegers.asUnsignedByteArray(rs[0], out, 0, Curve.FIELD_BYTES);
    BigIntegers.asUnsignedByteArray(rs[1], out, Curve.FIELD_BYTES, Curve.FIELD_BYTES);
    return out;
  }

  static byte[] sha256(byte[] data) {
    SHA256Digest d = new SHA256Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
