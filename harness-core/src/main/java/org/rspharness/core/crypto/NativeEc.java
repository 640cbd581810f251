package org.rspharness.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * NIST P-256 on a native provider: Amazon Corretto Crypto Provider (AWS-LC), about 4x Bouncy
 * Castle's ECDSA and ECDH (measured, see the README's performance section). Used by {@link Ecdsa},
 * {@link Ecka} and {@link OneTimeKeyPair} for P-256 only (no native provider here has brainpool),
 * and for signing and key generation only with a non-reproducible {@code RandomSource} (a native
 * provider draws its own nonces, so a seeded run keeps Bouncy Castle and replays byte for byte).
 * Where the native library does not load (another OS or CPU), or with {@code
 * -Drsp.crypto=bouncycastle} (or {@code RSP_HARNESS_CRYPTO=bouncycastle}), everything stays on
 * Bouncy Castle. The provider is loaded on first use; {@link #description()} names what runs.
 */
public final class NativeEc {

  private static final System.Logger LOG = System.getLogger(NativeEc.class.getName());

  private NativeEc() {}

  /** The loaded provider and the P-256 parameters in its JCA form, or why there is none. */
  private static final class Holder {
    static final Provider PROVIDER;
    static final ECParameterSpec P256;
    static final String WHY_NOT;

    static {
      Provider p = null;
      ECParameterSpec spec = null;
      String why = null;
      String asked = System.getProperty("rsp.crypto", System.getenv("RSP_HARNESS_CRYPTO"));
      if (asked != null && asked.equalsIgnoreCase("bouncycastle")) {
        why = "Bouncy Castle asked for (rsp.crypto)";
      } else {
        try {
          com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider accp =
              com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
          Throwable error = accp.getLoadingError();
          if (error != null) {
            why = "native provider did not load: " + error;
          } else {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", accp);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            spec = ((ECPublicKey) g.generateKeyPair().getPublic()).getParams();
            p = accp;
          }
        } catch (Throwable t) { // NoClassDefFoundError, UnsatisfiedLinkError, ...
          why = "native provider unavailable: " + t;
        }
      }
      PROVIDER = p;
      P256 = spec;
      WHY_NOT = why;
      loaded = true;
      LOG.log(System.Logger.Level.DEBUG, description());
    }
  }

  private static final ThreadLocal<Ops> OPS = ThreadLocal.withInitial(Ops::new);

  /** JCA objects of one thread (they are not thread-safe; getInstance per call costs a lookup). */
  private static final class Ops {
    final Signature signature;
    final KeyAgreement agreement;
    final KeyFactory keys;
    final KeyPairGenerator generator;

    Ops() {
      try {
        signature = Signature.getInstance("SHA256withECDSA", Holder.PROVIDER);
        agreement = KeyAgreement.getInstance("ECDH", Holder.PROVIDER);
        keys = KeyFactory.getInstance("EC", Holder.PROVIDER);
        generator = KeyPairGenerator.getInstance("EC", Holder.PROVIDER);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("native P-256: " + e.getMessage(), e);
      }
    }
  }

  private static volatile boolean loaded;

  /**
   * True once this process has looked for the native provider (whether it loaded: {@link
   * #available()}), i.e. once something has used or described it. Lets work that gains only over
   * many operations (certificate chains) use it without loading it for a one-off command, and keeps
   * the signed provider jar out of the build's class-data-sharing training run, whose dynamic
   * archive dump crashes on JDK 17.0.15 when a signed jar's lambdas were used.
   */
  public static boolean loaded() {
    return loaded;
  }

  /** True when P-256 runs on the native provider. */
  public static boolean available() {
    return Holder.PROVIDER != null;
  }

  /** One line saying which provider runs the RSP curves' EC operations, and why. */
  public static String description() {
    Provider p = Holder.PROVIDER;
    return p == null
        ? "crypto: Bouncy Castle for every curve (" + Holder.WHY_NOT + ")"
        : "crypto: "
            + p.getName()
            + " "
            + p.getVersionStr()
            + " (native) for NIST P-256, Bouncy Castle for brainpoolP256r1";
  }

  // tests run the same known answers on both providers
  private static final ThreadLocal<Boolean> BOUNCY_CASTLE_ONLY = new ThreadLocal<>();

  static boolean handles(Curve curve) {
    return curve == Curve.NIST_P256 && available() && BOUNCY_CASTLE_ONLY.get() == null;
  }

  /** Runs {@code work} on this thread with Bouncy Castle only (for tests comparing providers). */
  static <T> T onBouncyCastle(java.util.function.Supplier<T> work) {
    BOUNCY_CASTLE_ONLY.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      BOUNCY_CASTLE_ONLY.remove();
    }
  }

  /** SHA-256 + ECDSA, r||s; the nonce from the provider's own generator. */
  static byte[] sign(EcPrivateKey key, byte[] data) {
    Ops ops = OPS.get();
    try {
      ops.signature.initSign(jca(key, ops));
      ops.signature.update(data);
      return derToPlain(ops.signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("native ECDSA sign: " + e.getMessage(), e);
    }
  }

  /** Verifies r||s over SHA-256(data); false for a signature that does not verify. */
  static boolean verify(EcPublicKey key, byte[] data, byte[] plain) {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(plain, 0, Curve.FIELD_BYTES));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(plain, Curve.FIELD_BYTES, 64));
    BigInteger n = key.curve().parameters().domain().getN();
    if (r.signum() == 0 || s.signum() == 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      return false; // as Bouncy Castle's verifier answers
    }
    Ops ops = OPS.get();
    try {
      ops.signature.initVerify(jca(key, ops));
      ops.signature.update(data);
      return ops.signature.verify(der(plain));
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("native ECDSA verify: " + e.getMessage(), e);
    }
  }

  /** ECDH: x(d * Q), 32 bytes. */
  static byte[] sharedSecret(EcPrivateKey own, EcPublicKey peer) {
    Ops ops = OPS.get();
    try {
      ops.agreement.init(jca(own, ops));
      ops.agreement.doPhase(jca(peer, ops), true);
      byte[] x = ops.agreement.generateSecret();
      return x.length == Curve.FIELD_BYTES
          ? x
          : BigIntegers.asUnsignedByteArray(32, new BigInteger(1, x));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("peer key: " + e.getMessage(), e);
    }
  }

  /** A fresh P-256 key pair from the provider's own generator. */
  static OneTimeKeyPair generate(Curve curve) {
    KeyPair kp = OPS.get().generator.generateKeyPair();
    java.security.spec.ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
    ECPoint point =
        curve.parameters().domain().getCurve().createPoint(w.getAffineX(), w.getAffineY());
    EcPublicKey pk = new EcPublicKey(curve, point);
    EcPrivateKey sk =
        EcPrivateKey.withPublicKey(curve, ((ECPrivateKey) kp.getPrivate()).getS(), pk);
    sk.nativeKey = kp.getPrivate();
    return new OneTimeKeyPair(sk, pk);
  }

  private static PrivateKey jca(EcPrivateKey key, Ops ops) throws GeneralSecurityException {
    Object k = key.nativeKey;
    if (k instanceof PrivateKey p) {
      return p;
    }
    PrivateKey p = ops.keys.generatePrivate(new ECPrivateKeySpec(key.scalar(), Holder.P256));
    key.nativeKey = p;
    return p;
  }

  // public keys in the provider's form by key object: a key verifies several signatures per
  // download (KeyCache hands out one object per encoding), and converting costs about a verify
  private static final org.rspharness.core.util.BoundedCache<KeyCache.Identity, PublicKey> PUBLIC =
      new org.rspharness.core.util.BoundedCache<>(KeyCache.LIMIT);

  private static PublicKey jca(EcPublicKey key, Ops ops) throws GeneralSecurityException {
    KeyCache.Identity id = new KeyCache.Identity(key);
    PublicKey cached = PUBLIC.get(id);
    if (cached != null) {
      return cached;
    }
    PublicKey made = convert(key, ops);
    PUBLIC.put(id, made);
    return made;
  }

  private static PublicKey convert(EcPublicKey key, Ops ops) throws GeneralSecurityException {
    ECPoint q = key.point();
    return ops.keys.generatePublic(
        new ECPublicKeySpec(
            new java.security.spec.ECPoint(
                q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
            Holder.P256));
  }

  /** DER SEQUENCE { INTEGER r, INTEGER s } of r||s (r and s below n, so at most 33 bytes each). */
  static byte[] der(byte[] plain) {
    byte[] r = integer(plain, 0);
    byte[] s = integer(plain, Curve.FIELD_BYTES);
    byte[] out = new byte[2 + r.length + s.length];
    out[0] = 0x30;
    out[1] = (byte) (r.length + s.length);
    System.arraycopy(r, 0, out, 2, r.length);
    System.arraycopy(s, 0, out, 2 + r.length, s.length);
    return out;
  }

  private static byte[] integer(byte[] plain, int at) {
    int start = at;
    int end = at + Curve.FIELD_BYTES;
    while (start < end - 1 && plain[start] == 0) {
      start++;
    }
    boolean pad = (plain[start] & 0x80) != 0;
    int len = end - start + (pad ? 1 : 0);
    byte[] out = new byte[2 + len];
    out[0] = 0x02;
    out[1] = (byte) len;
    System.arraycopy(plain, start, out, 2 + (pad ? 1 : 0), end - start);
    return out;
  }

  /** r||s of a DER signature the provider made (well-formed by construction). */
  static byte[] derToPlain(byte[] der) {
    byte[] out = new byte[Ecdsa.PLAIN_LENGTH];
    int at = 2; // SEQUENCE, short length (at most 70 bytes)
    for (int i = 0; i < 2; i++) {
      int len = der[at + 1] & 0xFF;
      int from = at + 2;
      int skip = Math.max(0, len - Curve.FIELD_BYTES);
      int copy = len - skip;
      System.arraycopy(der, from + skip, out, (i + 1) * Curve.FIELD_BYTES - copy, copy);
      at = from + len;
    }
    return out;
  }
}
