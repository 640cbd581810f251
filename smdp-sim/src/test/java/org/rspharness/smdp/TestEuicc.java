package org.rspharness.smdp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;

/**
 * Just enough eUICC to drive the SM-DP+ in tests: it builds and signs the ES10b outputs the LPA
 * forwards (EUICCInfo1/2, AuthenticateServerResponse, PrepareDownloadResponse, PIR, cancel
 * responses, other notifications) and checks the SM-DP+'s signatures the way a card would. Knobs
 * are public fields so a test can break one thing at a time.
 */
public final class TestEuicc {

  /** The eUICC key and certificate, with its EUM certificate. */
  public X509Certificate euiccCert;

  public X509Certificate eumCert;
  public PrivateKey euiccKey;
  public final Curve curve;
  private final RandomSource random;

  /** CI PKIds offered for verification; default: the CI of {@link #curve}. */
  public List<byte[]> ciPkIds = new ArrayList<>();

  /** EUICCInfo1 SVN. */
  public byte[] svn = {2, 2, 0};

  /** ctxParams1 matchingId (null: absent). */
  public String matchingId;

  /** Free non-volatile memory announced in EUICCInfo2. */
  public long freeNvm = 500_000;

  /** PPR bits the eUICC forbids (bit 1 = ppr1, 2 = ppr2). */
  public int forbiddenPprMask;

  /** rspCapability testProfileSupport. */
  public boolean testProfileSupport = true;

  /** Overrides of what goes into euiccSigned1 (null: echo the server). */
  public byte[] serverChallengeOverride;

  public byte[] transactionIdOverride;

  /** Flip one bit of each signature the eUICC makes. */
  public boolean corruptSignatures;

  /** The one-time key pair of the last PrepareDownload. */
  public OneTimeKeyPair otKey;

  /** hashCc over the hex-decoded code (the quirk some test tools have). */
  public boolean hexDecodedCc;

  /** Sign smdpSignature2 || euiccSigned2 instead of the SGP.22 order (a negative test). */
  public boolean reverseSignature2Order;

  /** Reuse {@link #otKey} instead of making a new one. */
  public boolean reuseOtKey;

  private byte[] lastSmdpSignature2Tlv;

  public TestEuicc(Credential euicc, Credential eum, RandomSource random) {
    this.euiccCert = euicc.certificate();
    this.eumCert = eum.certificate();
    this.euiccKey = euicc.requirePrivateKey();
    this.curve = euicc.curve();
    this.random = random;
    this.ciPkIds.add(CertFacts.authorityKeyId(eum.certificate()).orElseThrow());
  }

  public byte[] challenge() {
    return random.bytes(16);
  }

  public byte[] euiccInfo1() {
    TlvBuilder ver = TlvBuilder.constructed(0xA9);
    TlvBuilder sig = TlvBuilder.constructed(0xAA);
    for (byte[] id : ciPkIds) {
      ver.add(0x04, id);
      sig.add(0x04, id);
    }
    return TlvBuilder.constructed(0xBF20).add(0x82, svn).add(ver).add(sig).build();
  }

  public byte[] euiccInfo2() {
    byte[] free = BigInteger.valueOf(freeNvm).toByteArray();
    byte[] ecr = concat(Hex.decode("810100"), TlvWriter.encode(0x82, free), Hex.decode("83020B89"));
    TlvBuilder ver = TlvBuilder.constructed(0xA9);
    TlvBuilder sig = TlvBuilder.constructed(0xAA);
    for (byte[] id : ciPkIds) {
      ver.add(0x04, id);
      sig.add(0x04, id);
    }
    TlvBuilder b =
        TlvBuilder.constructed(0xBF22)
            .add(0x81, Hex.decode("020300"))
            .add(0x82, svn)
            .add(0x83, Hex.decode("010000"))
            .add(0x84, ecr)
            .add(0x85, Hex.decode("077F3E1F80"))
            .add(0x88, testProfileSupport ? Hex.decode("0490") : Hex.decode("0480"))
            .add(ver)
            .add(sig);
    if (forbiddenPprMask != 0) {
      int bits = 0;
      for (int p = 0; p < 3; p++) {
        if ((forbiddenPprMask & (1 << p)) != 0) {
          bits |= 0x80 >> p;
        }
      }
      b.add(0x99, new byte[] {5, (byte) bits});
    }
    return b.add(0x04, Hex.decode("010000"))
        .add(0x0C, "TEST-SAS".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** AuthenticateServer: checks serverSignature1 with CERT.DPauth, then signs euiccSigned1. */
  public byte[] authenticateServer(InitiateAuthenticationResponse r) {
    Tlv ss1 = Tlv.parse(r.serverSigned1());
    byte[] sig1 = Tlv.parse(r.serverSignature1()).value();
    X509Certificate dpAuth = SmdpFixture.parseCert(r.serverCertificate());
    if (!Ecdsa.verify(dpAuth.getPublicKey(), r.serverSigned1(), sig1)) {
      throw new AssertionError("serverSignature1 does not verify with CERT.DPauth");
    }
    Role role = CertFacts.role(dpAuth).orElseThrow();
    if (role != Role.DP_AUTH && role != Role.DS_AUTH) {
      throw new AssertionError("serverCertificate is not a DPauth or DSauth certificate");
    }
    byte[] txId = transactionIdOverride != null ? transactionIdOverride : ss1.get(0x80).value();
    byte[] challenge =
        serverChallengeOverride != null ? serverChallengeOverride : ss1.get(0x84).value();
    TlvBuilder ctx = TlvBuilder.constructed(0xA0);
    if (matchingId != null) {
      ctx.add(0x80, matchingId.getBytes(StandardCharsets.UTF_8));
    }
    ctx.add(
        TlvBuilder.constructed(0xA1)
            .add(0x80, Hex.decode("35290611"))
            .add(TlvBuilder.constructed(0xA1).add(0x80, Hex.decode("0F0000"))));
    byte[] euiccSigned1 =
        TlvBuilder.constructed(0x30)
            .add(0x80, txId)
            .add(0x83, ss1.get(0x83).value())
            .add(0x84, challenge)
            .addEncoded(euiccInfo2())
            .add(ctx)
            .build();
    byte[] sig = sign(euiccSigned1);
    return TlvBuilder.constructed(0xBF38)
        .add(
            TlvBuilder.constructed(0xA0)
                .addEncoded(euiccSigned1)
                .add(0x5F37, sig)
                .addEncoded(SmdpFixture.encoded(euiccCert))
                .addEncoded(SmdpFixture.encoded(eumCert)))
        .build();
  }

  /**
   * PrepareDownload: checks smdpSignature2 (over smdpSigned2 || euiccSignature1 TLV) with
   * CERT.DPpb, makes otPK.EUICC, and signs euiccSigned2 || smdpSignature2 TLV.
   */
  public byte[] prepareDownload(
      AuthenticateClientResponseEs9 r, byte[] authenticateServerResponse, String confirmationCode) {
    Tlv ok = Tlv.parse(authenticateServerResponse).child(0);
    byte[] euiccSig1Tlv = ok.get(0x5F37).encoded();
    X509Certificate dpPb = SmdpFixture.parseCert(r.smdpCertificate());
    byte[] sig2 = Tlv.parse(r.smdpSignature2()).value();
    if (!Ecdsa.verify(dpPb.getPublicKey(), concat(r.smdpSigned2(), euiccSig1Tlv), sig2)) {
      throw new AssertionError(
          "smdpSignature2 does not verify over smdpSigned2 || euiccSignature1");
    }
    lastSmdpSignature2Tlv = r.smdpSignature2();
    Tlv smdpSigned2 = Tlv.parse(r.smdpSigned2());
    byte[] txId = smdpSigned2.get(0x80).value();
    if (!reuseOtKey || otKey == null) {
      otKey = OneTimeKeyPair.generate(curve, random);
    }
    TlvBuilder es2 =
        TlvBuilder.constructed(0x30).add(0x80, txId).add(0x5F49, otKey.publicKey().encoded());
    if (confirmationCode != null) {
      es2.add(
          0x04,
          hexDecodedCc
              ? ConfirmationCode.hashCcHexDecoded(confirmationCode, txId)
              : ConfirmationCode.hashCc(confirmationCode, txId));
    }
    byte[] euiccSigned2 = es2.build();
    byte[] sig =
        sign(
            reverseSignature2Order
                ? concat(r.smdpSignature2(), euiccSigned2)
                : concat(euiccSigned2, r.smdpSignature2()));
    return TlvBuilder.constructed(0xBF21)
        .add(TlvBuilder.constructed(0xA0).addEncoded(euiccSigned2).add(0x5F37, sig))
        .build();
  }

  /** The smdpSignature2 TLV of the last PrepareDownload. */
  public byte[] lastSmdpSignature2Tlv() {
    return lastSmdpSignature2Tlv;
  }

  /** A ProfileInstallationResult (BF37), success or an error result. */
  public byte[] profileInstallationResult(
      byte[] txId, Iccid iccid, String smdpOid, boolean success, String address) {
    byte[] metadata = notificationMetadata(1, 0, address, iccid);
    TlvBuilder result =
        success
            ? TlvBuilder.constructed(0xA0)
                .add(0x4F, Hex.decode("A0000005591010FFFFFFFF8900001000"))
                .add(0x04, Hex.decode("300380"))
            : TlvBuilder.constructed(0xA1).add(0x80, new byte[] {5}).add(0x81, new byte[] {8});
    byte[] data =
        TlvBuilder.constructed(0xBF27)
            .add(0x80, txId)
            .addEncoded(metadata)
            .addEncoded(oid(smdpOid))
            .add(TlvBuilder.constructed(0xA2).add(result))
            .build();
    return TlvBuilder.constructed(0xBF37).addEncoded(data).add(0x5F37, sign(data)).build();
  }

  /** An OtherSignedNotification for operation bit {@code bit} (1 enable, 2 disable, 3 delete). */
  public byte[] otherNotification(int bit, Iccid iccid, String address) {
    byte[] tbs = notificationMetadata(2, bit, address, iccid);
    return TlvBuilder.constructed(0x30)
        .addEncoded(tbs)
        .add(0x5F37, sign(tbs))
        .addEncoded(SmdpFixture.encoded(euiccCert))
        .addEncoded(SmdpFixture.encoded(eumCert))
        .build();
  }

  /** A signed CancelSessionResponse (BF41) for {@code reason}. */
  public byte[] cancelSession(byte[] txId, String smdpOid, int reason) {
    byte[] oidContent = Tlv.parse(oid(smdpOid)).value();
    byte[] signed =
        TlvBuilder.constructed(0x30)
            .add(0x80, txId)
            .add(0x81, oidContent)
            .add(0x82, new byte[] {(byte) reason})
            .build();
    return TlvBuilder.constructed(0xBF41)
        .add(TlvBuilder.constructed(0xA0).addEncoded(signed).add(0x5F37, sign(signed)))
        .build();
  }

  private static byte[] notificationMetadata(int seq, int bit, String address, Iccid iccid) {
    byte op = (byte) (0x80 >> bit);
    return TlvBuilder.constructed(0xBF2F)
        .add(0x80, new byte[] {(byte) seq})
        .add(0x81, new byte[] {(byte) (7 - bit), op})
        .add(0x0C, address.getBytes(StandardCharsets.UTF_8))
        .add(0x5A, iccid.toEfIccid())
        .build();
  }

  static byte[] oid(String dotted) {
    try {
      return new ASN1ObjectIdentifier(dotted).getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] sign(byte[] data) {
    byte[] sig = Ecdsa.sign(euiccKey, data, random);
    if (corruptSignatures) {
      sig[10] ^= 1;
    }
    return sig;
  }

  /** Replaces the eUICC certificate by one issued by the EUM with this validity. */
  public void reissueEuicc(PrivateKey eumKey, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
      g.initialize(new ECGenParameterSpec(curve.curveName()));
      KeyPair k = g.generateKeyPair();
      JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              X500Name.getInstance(eumCert.getSubjectX500Principal().getEncoded()),
              BigInteger.valueOf(4242),
              Date.from(notBefore),
              Date.from(notAfter),
              X500Name.getInstance(euiccCert.getSubjectX500Principal().getEncoded()),
              org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                  k.getPublic().getEncoded()));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          u.createAuthorityKeyIdentifier(eumCert.getPublicKey()));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(k.getPublic()));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          Extension.certificatePolicies,
          true,
          new CertificatePolicies(
              new PolicyInformation(new ASN1ObjectIdentifier(Role.EUICC.policyOid()))));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .setProvider(BouncyCastle.PROVIDER)
              .getCertificate(
                  b.build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .setProvider(BouncyCastle.PROVIDER)
                          .build(eumKey)));
      this.euiccCert = cert;
      this.euiccKey = k.getPrivate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signed part of a message as the SM-DP+ sees it, for assertions. */
  public static SignedPart signedPart(byte[] pir) {
    return SignedParts.profileInstallationResultData(pir);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @SuppressWarnings("unused")
  private static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }
}
