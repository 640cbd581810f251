package org.rspharness.core.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.rspharness.core.random.RandomSource;

/**
 * Scratch benchmark, not a test (run it by hand: {@code java -cp ... CryptoBench}): per-operation
 * CPU time of the lightweight paths of this package against the BC JCA provider and, for P-256, the
 * JDK's SunEC. A quick loop with warm-up, no JMH: good to a few percent on a quiet machine.
 */
public final class CryptoBench {

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final byte[] DATA = new byte[300];

  interface Op {
    void run() throws Exception;
  }

  private static double once(int n, Op op) throws Exception {
    long t0 = MX.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      op.run();
    }
    return (MX.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
  }

  /**
   * Warms up, then runs 5 rounds and reports the best round: on a machine shared with other builds
   * the minimum is the least disturbed figure.
   */
  private static double micros(String name, int n, Op op) throws Exception {
    once(n, op);
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      best = Math.min(best, once(n, op));
    }
    System.out.printf("%-45s %8.1f us%n", name, best);
    return best;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    RandomSource random = RandomSource.secure();
    for (Curve c : Curve.values()) {
      if (args.length > 1 && !c.name().equals(args[1])) {
        continue;
      }
      System.out.println("== " + c.curveName());
      OneTimeKeyPair kp = OneTimeKeyPair.generate(c, random);
      OneTimeKeyPair peer = OneTimeKeyPair.generate(c, random);
      byte[] sig = Ecdsa.sign(kp.privateKey(), DATA, random);
      double lwSign =
          micros("lightweight sign (random k)", n, () -> Ecdsa.sign(kp.privateKey(), DATA, random));
      micros(
          "lightweight sign (RFC 6979 k)", n, () -> Ecdsa.signDeterministic(kp.privateKey(), DATA));
      double lwVerify =
          micros("lightweight verify", n, () -> Ecdsa.verify(kp.publicKey(), DATA, sig));
      double lwEcdh =
          micros("lightweight ECKA", n, () -> Ecka.sharedSecret(kp.privateKey(), peer.publicKey()));
      double lwGen =
          micros(
              "lightweight one-time key generation", n, () -> OneTimeKeyPair.generate(c, random));
      micros(
          "decode 5F49 point (validating)",
          n,
          () -> EcPublicKey.decode(c, peer.publicKey().encoded()));

      PrivateKey jcaPriv = jcaPrivate(kp.privateKey());
      PublicKey jcaPub =
          KeyFactory.getInstance("EC", BC)
              .generatePublic(
                  new X509EncodedKeySpec(kp.publicKey().toSubjectPublicKeyInfo().getEncoded()));
      PublicKey jcaPeer =
          KeyFactory.getInstance("EC", BC)
              .generatePublic(
                  new X509EncodedKeySpec(peer.publicKey().toSubjectPublicKeyInfo().getEncoded()));
      byte[] der = Ecdsa.plainToDer(sig);
      double jcaSign =
          micros(
              "BC JCA sign",
              n,
              () -> {
                Signature s = Signature.getInstance("SHA256withECDSA", BC);
                s.initSign(jcaPriv, random.asSecureRandom());
                s.update(DATA);
                s.sign();
              });
      double jcaVerify =
          micros(
              "BC JCA verify",
              n,
              () -> {
                Signature s = Signature.getInstance("SHA256withECDSA", BC);
                s.initVerify(jcaPub);
                s.update(DATA);
                s.verify(der);
              });
      double jcaEcdh =
          micros(
              "BC JCA ECDH",
              n,
              () -> {
                KeyAgreement ka = KeyAgreement.getInstance("ECDH", BC);
                ka.init(jcaPriv);
                ka.doPhase(jcaPeer, true);
                ka.generateSecret();
              });
      // Again after the JCA runs, to expose order (JIT, load) effects in the comparison.
      lwSign =
          Math.min(
              lwSign,
              micros(
                  "lightweight sign (random k), again",
                  n,
                  () -> Ecdsa.sign(kp.privateKey(), DATA, random)));
      lwVerify =
          Math.min(
              lwVerify,
              micros(
                  "lightweight verify, again", n, () -> Ecdsa.verify(kp.publicKey(), DATA, sig)));
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", BC);
      kpg.initialize(new ECGenParameterSpec(c.curveName()), random.asSecureRandom());
      double jcaGen = micros("BC JCA key generation", n, kpg::generateKeyPair);
      System.out.printf(
          "per download (3 sign + 4 verify + 1 ECDH + 1 keygen): lightweight %.0f us,"
              + " BC JCA %.0f us%n",
          3 * lwSign + 4 * lwVerify + lwEcdh + lwGen,
          3 * jcaSign + 4 * jcaVerify + jcaEcdh + jcaGen);

      if (c == Curve.NIST_P256) {
        KeyPairGenerator sun = KeyPairGenerator.getInstance("EC", "SunEC");
        sun.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair skp = sun.generateKeyPair();
        KeyPair speer = sun.generateKeyPair();
        Signature ss = Signature.getInstance("SHA256withECDSA", "SunEC");
        ss.initSign(skp.getPrivate());
        ss.update(DATA);
        byte[] sderSig = ss.sign();
        micros(
            "JDK SunEC sign",
            n,
            () -> {
              Signature s = Signature.getInstance("SHA256withECDSA", "SunEC");
              s.initSign(skp.getPrivate());
              s.update(DATA);
              s.sign();
            });
        micros(
            "JDK SunEC verify",
            n,
            () -> {
              Signature s = Signature.getInstance("SHA256withECDSA", "SunEC");
              s.initVerify(skp.getPublic());
              s.update(DATA);
              s.verify(sderSig);
            });
        micros(
            "JDK SunEC ECDH",
            n,
            () -> {
              KeyAgreement ka = KeyAgreement.getInstance("ECDH", "SunEC");
              ka.init(skp.getPrivate());
              ka.doPhase(speer.getPublic(), true);
              ka.generateSecret();
            });
      }
    }
    System.out.println("== BSP / KDF");
    SessionKeys keys = SessionKeys.derive(new byte[32], new byte[8], new byte[16]);
    byte[] profile = new byte[12_000];
    micros("KDF (48 bytes)", n, () -> SessionKeys.derive(DATA, new byte[8], new byte[16]));
    micros(
        "BSP wrap of a 12 KB profile (new session)",
        n / 3,
        () -> {
          BspSession s = BspSession.create(keys);
          s.wrapEncrypted(0x87, new byte[3]);
          s.wrapMacOnly(0x88, new byte[60]);
          s.wrapEncryptedSegments(0x86, profile);
        });
    BspSession sm = BspSession.create(keys);
    java.util.List<byte[]> segs = sm.wrapEncryptedSegments(0x86, profile);
    micros(
        "BSP unwrap of a 12 KB profile (new session)",
        n / 3,
        () -> {
          BspSession s = BspSession.create(keys);
          for (byte[] seg : segs) {
            s.unwrapEncrypted(seg);
          }
        });
  }

  private static PrivateKey jcaPrivate(EcPrivateKey k) throws Exception {
    PrivateKeyInfo info =
        new PrivateKeyInfo(
            new AlgorithmIdentifier(
                X9ObjectIdentifiers.id_ecPublicKey, k.curve().parameters().oid()),
            new ECPrivateKey(256, k.scalar()));
    return KeyFactory.getInstance("EC", BC)
        .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
  }
}
