package org.rspharness.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.PkiException;

/** EC key helpers on Bouncy Castle: generation, SEC1/SPKI PEM encoding, signing, key matching. */
public final class Keys {

  /** The one Bouncy Castle provider instance of this module (not registered globally). */
  public static final Provider BC = org.rspharness.core.crypto.BouncyCastle.PROVIDER;

  static final AlgorithmIdentifier ECDSA_WITH_SHA256 =
      new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

  private Keys() {}

  /** A fresh key pair on {@code curve}, drawing all randomness from {@code random}. */
  public static KeyPair generate(Curve curve, SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
      g.initialize(new ECGenParameterSpec(curve.curveName()), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC key generation on " + curve + " failed", e);
    }
  }

  /** Parses a DER SubjectPublicKeyInfo into a Bouncy Castle EC public key. */
  public static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(spki));
  }

  /** Parses a DER PKCS#8 PrivateKeyInfo into a Bouncy Castle EC private key. */
  public static PrivateKey privateKey(PrivateKeyInfo info) throws GeneralSecurityException {
    try {
      return KeyFactory.getInstance("EC", BC)
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The public point of {@code privateKey} (d times G), uncompressed. */
  public static byte[] publicPoint(PrivateKey privateKey) {
    ECPrivateKeyParameters p = privateParameters(privateKey);
    ECPoint q = p.getParameters().getG().multiply(p.getD()).normalize();
    return q.getEncoded(false);
  }

  /** The public point of an EC public key, uncompressed. */
  public static byte[] publicPoint(PublicKey publicKey) {
    return SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData().getOctets();
  }

  /** Whether {@code privateKey} is the private half of {@code publicKey}. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      return Arrays.equals(publicPoint(privateKey), publicPoint(publicKey));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The curve of an EC private key. */
  public static Curve curve(PrivateKey privateKey) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
    if (info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid) {
      return Curve.findOid(oid.getId())
          .orElseThrow(() -> new PkiException("private key on unsupported curve " + oid));
    }
    throw new PkiException("private key without a named curve (explicit parameters unsupported)");
  }

  /**
   * The private key as SGP.26 ships it: an {@code EC PARAMETERS} block (the named-curve OID)
   * followed by a SEC1 {@code EC PRIVATE KEY} block with parameters and public key.
   */
  public static String toSec1Pem(PrivateKey privateKey) {
    Curve curve = curve(privateKey);
    BigInteger d = ((ECPrivateKey) privateKey).getS();
    try {
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              256, d, new DERBitString(publicPoint(privateKey)), curve.parameters().oid());
      StringWriter out = new StringWriter();
      try (PemWriter w = new PemWriter(out)) {
        w.writeObject(new PemObject("EC PARAMETERS", curve.parameters().oid().getEncoded()));
        w.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding in memory failed", e);
    }
  }

  /** The public key as a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) block. */
  public static String toPublicKeyPem(PublicKey publicKey) {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  /** One PEM block of {@code type} around {@code der}. */
  public static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding in memory failed", e);
    }
    return out.toString();
  }

  /**
   * An ECDSA-with-SHA256 signer with deterministic nonces (RFC 6979), so that a seeded PKI is
   * byte-identical on every run.
   */
  public static ContentSigner signer(PrivateKey privateKey) {
    ECPrivateKeyParameters params = privateParameters(privateKey);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    return new ContentSigner() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ECDSA_WITH_SHA256;
      }

      @Override
      public OutputStream getOutputStream() {
        return buffer;
      }

      @Override
      public byte[] getSignature() {
        byte[] data = buffer.toByteArray();
        buffer.reset();
        SHA256Digest sha = new SHA256Digest();
        sha.update(data, 0, data.length);
        byte[] hash = new byte[32];
        sha.doFinal(hash, 0);
        ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        ecdsa.init(true, params);
        BigInteger[] rs = ecdsa.generateSignature(hash);
        try {
          return StandardDSAEncoding.INSTANCE.encode(params.getParameters().getN(), rs[0], rs[1]);
        } catch (IOException e) {
          throw new IllegalStateException("DER encoding of an ECDSA signature failed", e);
        }
      }
    };
  }

  private static ECPrivateKeyParameters privateParameters(PrivateKey privateKey) {
    try {
      return (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(privateKey);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new PkiException("not an EC private key: " + privateKey.getAlgorithm(), e);
    }
  }
}
