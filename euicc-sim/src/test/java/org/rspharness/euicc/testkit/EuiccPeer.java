package org.rspharness.euicc.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rspharness.asn1.rsp.PendingNotification;
import org.rspharness.asn1.rsp.ProfileInfo;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Records;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.lpa.es10.Decoded;
import org.rspharness.lpa.es10.DeviceInfo;
import org.rspharness.lpa.es10.Es10Client;

/**
 * The device side of SM-DP+ and SM-DS tests: the real software eUICC ({@link Euicc}) in memory,
 * driven through ES10b by {@link Es10Client} as an LPA would, taking and giving ES9+ values. Every
 * message comes from the card; the public knobs make what a real eUICC never sends by editing the
 * card's bytes and signing them again with the eUICC key ({@link Resign}): another challenge or
 * transactionId in euiccSigned1, other certificates, a corrupt signature, a reused one-time key.
 *
 * <p>A ProfileInstallationResult or an enable/disable/delete notification for any transaction and
 * ICCID is the card's own message of one real download (see {@link #record}) with those fields
 * changed and signed again.
 */
public final class EuiccPeer {

  /** The card's own messages of one real download and profile life cycle, per operation bit. */
  public record Recorded(
      byte[] cancelSessionResponse,
      byte[] profileInstallationResult,
      Map<Integer, byte[]> others) {}

  public final Curve curve;
  private final CredentialSource pki;
  private final RandomSource random;
  private final Clock clock;
  private final X509Certificate cardCert;
  private final PrivateKey cardKey;
  private EuiccConfig config;
  private Euicc card;
  private Es10Client es10;
  private Supplier<Recorded> recorded;

  /** The certificates presented and the key that signs; other than the card's: re-signed. */
  public X509Certificate euiccCert;

  public X509Certificate eumCert;
  public PrivateKey euiccKey;

  /** Bytes sent instead of the eUICC / EUM certificate (certificate-structure tests). */
  public byte[] euiccCertDer;

  public byte[] eumCertDer;

  /** CI PKIds listed in EUICCInfo1 (default: the card's). */
  public List<byte[]> ciPkIds;

  /** SVN sent in EUICCInfo1 instead of the card's (null: the card's). */
  public byte[] svn;

  /** ctxParams1 matchingId (null: absent). */
  public String matchingId;

  /** Values signed in euiccSigned1 instead of the server's (null: the server's). */
  public byte[] serverChallengeOverride;

  public byte[] transactionIdOverride;

  /** Flip one bit of each signature the eUICC makes. */
  public boolean corruptSignatures;

  /** hashCc over the hex-decoded code (the quirk some test tools have). */
  public boolean hexDecodedCc;

  /** Sign smdpSignature2 || euiccSigned2 instead of the SGP.22 order. */
  public boolean reverseSignature2Order;

  /** Send the previous otPK.EUICC again even when the SM-DP+ did not ask for it. */
  public boolean reuseOtKey;

  private byte[] lastOtPk;

  /**
   * A factory-fresh eUICC of {@code pki}'s credentials for {@code curve} at the time of {@code
   * clock}.
   */
  public EuiccPeer(CredentialSource pki, Curve curve, RandomSource random, Clock clock) {
    this.pki = pki;
    this.curve = curve;
    this.random = random;
    this.clock = clock;
    this.config = EuiccConfig.defaults().withCurves(Set.of(curve));
    this.cardCert = pki.euicc(curve).certificate();
    this.cardKey = pki.euicc(curve).requirePrivateKey();
    this.euiccCert = cardCert;
    this.eumCert = pki.eum(curve).certificate();
    this.euiccKey = cardKey;
    build();
    this.ciPkIds = new ArrayList<>(card.identity().ciPkIds());
  }

  private void build() {
    card =
        Euicc.builder(EuiccIdentity.from(pki, Set.of(curve)))
            .config(config)
            .random(random)
            .clock(clock)
            .build();
    es10 = new Es10Client(card, EventLog.disabled());
  }

  /** A new card (state lost) with the configuration changed by {@code change}. */
  public EuiccPeer configure(UnaryOperator<EuiccConfig> change) {
    config = change.apply(config);
    build();
    return this;
  }

  /** The card's EUICCInfo2 without test profile support. */
  public static EuiccConfig noTestProfiles(EuiccConfig c) {
    return Records.with(c, "testProfileSupport", false);
  }

  /** The card and its ES10 client (e.g. to load a BPP or list profiles). */
  public Euicc card() {
    return card;
  }

  public Es10Client es10() {
    return es10;
  }

  /** ES10b.GetEUICCChallenge: a new RSP session on the card. */
  public byte[] challenge() {
    return es10.getEuiccChallenge();
  }

  /** ES10b.GetEUICCInfo1, with {@link #svn} and {@link #ciPkIds} if changed. */
  public byte[] euiccInfo1() {
    byte[] info = es10.getEuiccInfo1().encoded();
    if (svn != null) {
      info = Resign.with(info, 0x82, svn);
    }
    if (!sameIds(ciPkIds, card.identity().ciPkIds())) {
      TlvBuilder ver = TlvBuilder.constructed(0xA9);
      TlvBuilder sig = TlvBuilder.constructed(0xAA);
      for (byte[] id : ciPkIds) {
        ver.add(0x04, id);
        sig.add(0x04, id);
      }
      info = Resign.withChild(Resign.withChild(info, 0xA9, ver.build()), 0xAA, sig.build());
    }
    return info;
  }

  /** ES10b.AuthenticateServer with what the SM-DP+ answered; the card must accept it. */
  public byte[] authenticateServer(InitiateAuthenticationResponse r) {
    byte[] asr =
        es10.authenticateServer(
                r.serverSigned1(),
                r.serverSignature1(),
                r.euiccCiPKIdToBeUsed(),
                r.serverCertificate(),
                matchingId,
                DeviceInfo.of("35290611", null))
            .encoded();
    Tlv ok = Tlv.parse(asr).child(0);
    if (ok.tag() != 0xA0) {
      throw new AssertionError("the eUICC refused AuthenticateServer: " + ok);
    }
    byte[] signed1 = ok.child(0).encoded();
    byte[] sig = ok.child(1).encoded();
    if (transactionIdOverride != null || serverChallengeOverride != null || !ownCredentials()) {
      if (transactionIdOverride != null) {
        signed1 = Resign.with(signed1, 0x80, transactionIdOverride);
      }
      if (serverChallengeOverride != null) {
        signed1 = Resign.with(signed1, 0x84, serverChallengeOverride);
      }
      sig = TlvWriter.encode(Resign.SIGNATURE, sign(signed1));
    }
    if (corruptSignatures) {
      sig = Resign.corrupt(sig);
    }
    return TlvBuilder.constructed(0xBF38)
        .add(
            TlvBuilder.constructed(0xA0)
                .addEncoded(signed1)
                .addEncoded(sig)
                .addEncoded(euiccCertBytes())
                .addEncoded(eumCertBytes()))
        .build();
  }

  /** Whether the card's own key and certificate sign (nothing to re-sign). */
  private boolean ownCredentials() {
    return euiccKey == cardKey && euiccCert == cardCert;
  }

  /**
   * ES10b.PrepareDownload with what the SM-DP+ answered to AuthenticateClient; the card must accept
   * it. {@code authenticateServerResponse} is what the SM-DP+ received (unused by the card, which
   * keeps its own session).
   */
  public byte[] prepareDownload(
      AuthenticateClientResponseEs9 r, byte[] authenticateServerResponse, String confirmationCode) {
    byte[] txId = r.transactionId().bytes();
    // A code the SM-DP+ asks for but the test does not give: the card refuses to sign without one,
    // so it signs a hash of the empty code and the hash is taken out again below.
    boolean omitCc =
        confirmationCode == null
            && Tlv.parse(r.smdpSigned2()).find(0x01).map(Der::booleanValue).orElse(false);
    String code = omitCc ? "" : confirmationCode;
    byte[] hashCc =
        code == null
            ? null
            : hexDecodedCc
                ? ConfirmationCode.hashCcHexDecoded(code, txId)
                : ConfirmationCode.hashCc(code, txId);
    byte[] pdr =
        es10.prepareDownload(r.smdpSigned2(), r.smdpSignature2(), hashCc, r.smdpCertificate())
            .encoded();
    Tlv ok = Tlv.parse(pdr).child(0);
    if (ok.tag() != 0xA0) {
      throw new AssertionError("the eUICC refused PrepareDownload: " + ok);
    }
    byte[] signed2 = ok.child(0).encoded();
    byte[] sig = ok.child(1).encoded();
    byte[] otPk = Tlv.parse(signed2).get(0x5F49).value();
    if (omitCc) {
      signed2 = without(signed2, 0x04);
    }
    if (reuseOtKey && lastOtPk != null && !Arrays.equals(otPk, lastOtPk)) {
      signed2 = Resign.with(signed2, 0x5F49, lastOtPk);
      otPk = lastOtPk;
    }
    if (reverseSignature2Order) {
      sig = TlvWriter.encode(Resign.SIGNATURE, sign(Resign.concat(r.smdpSignature2(), signed2)));
    } else if (!Arrays.equals(signed2, ok.child(0).encoded()) || !ownCredentials()) {
      sig = TlvWriter.encode(Resign.SIGNATURE, sign(Resign.concat(signed2, r.smdpSignature2())));
    }
    if (corruptSignatures) {
      sig = Resign.corrupt(sig);
    }
    lastOtPk = otPk;
    return TlvBuilder.constructed(0xBF21)
        .add(TlvBuilder.constructed(0xA0).addEncoded(signed2).addEncoded(sig))
        .build();
  }

  /** otPK.EUICC.ECKA of the last PrepareDownloadResponse sent. */
  public byte[] lastOtPk() {
    return lastOtPk.clone();
  }

  /**
   * The card's CancelSessionResponse (BF41) for another transaction, SM-DP+ OID and reason, signed
   * again.
   */
  public byte[] cancelSession(byte[] txId, String smdpOid, int reason) {
    byte[] signed =
        Tlv.parse(requireRecorded().cancelSessionResponse()).child(0).child(0).encoded();
    signed = Resign.with(signed, 0x80, txId);
    signed = Resign.with(signed, 0x81, Tlv.parse(oid(smdpOid)).value());
    signed = Resign.with(signed, 0x82, new byte[] {(byte) reason});
    return TlvBuilder.constructed(0xBF41)
        .add(TlvBuilder.constructed(0xA0).addEncoded(signed).addEncoded(signature(signed)))
        .build();
  }

  /** ES10b.CancelSession of the card's own session, as the card answers it. */
  public byte[] cancelOwnSession(TransactionId txId, int reason) {
    byte[] r = es10.cancelSession(txId, reason).encoded();
    if (Tlv.parse(r).child(0).tag() != 0xA0) {
      throw new AssertionError("the eUICC refused CancelSession: " + Tlv.parse(r));
    }
    return r;
  }

  /**
   * Records the card's own messages: {@code cancelSessionResponse} (of {@link #cancelOwnSession}),
   * then loads {@code boundProfilePackage} (whose metadata asks for enable, disable and delete
   * notifications), then enables, disables and deletes the profile.
   */
  public Recorded record(byte[] cancelSessionResponse, byte[] boundProfilePackage) {
    byte[] pir = es10.loadBoundProfilePackage(boundProfilePackage).result().encoded();
    List<ProfileInfo> profiles = es10.getProfilesInfo();
    Iccid iccid = Iccid.fromEfIccid(profiles.get(0).getIccid().value);
    require(es10.enableProfile(iccid, false), "EnableProfile");
    require(es10.disableProfile(iccid, false), "DisableProfile");
    require(es10.deleteProfile(iccid), "DeleteProfile");
    Map<Integer, byte[]> others = new HashMap<>();
    for (Decoded<PendingNotification> n : es10.retrieveNotificationsList(null)) {
      Tlv t = Tlv.parse(n.encoded());
      if (t.tag() == 0x30) {
        byte[] op = t.get(0xBF2F).get(0x81).value();
        others.put(Integer.numberOfLeadingZeros(op[1] & 0xFF) - 24, n.encoded());
      }
    }
    return new Recorded(cancelSessionResponse, pir, Map.copyOf(others));
  }

  private static void require(int result, String what) {
    if (result != 0) {
      throw new IllegalStateException(what + " answered " + result);
    }
  }

  /**
   * The recorded messages {@link #profileInstallationResult} and {@link #otherNotification} edit.
   */
  public EuiccPeer use(Supplier<Recorded> r) {
    this.recorded = r;
    return this;
  }

  /**
   * The card's ProfileInstallationResult (BF37) for another transaction, ICCID, SM-DP+ OID and
   * notification address, or an error result (installFailedDueToDataMismatch of the metadata step)
   * instead of success; signed again.
   */
  public byte[] profileInstallationResult(
      byte[] txId, Iccid iccid, String smdpOid, boolean success, String address) {
    byte[] pir = requireRecorded().profileInstallationResult();
    byte[] data = Resign.pirData(pir, txId, iccid);
    data = Resign.withChild(data, 0xBF2F, metadata(Tlv.parse(data).get(0xBF2F), iccid, address));
    data = Resign.withChild(data, 0x06, oid(smdpOid));
    if (!success) {
      data =
          Resign.withChild(
              data,
              0xA2,
              TlvBuilder.constructed(0xA2)
                  .add(
                      TlvBuilder.constructed(0xA1)
                          .add(0x80, new byte[] {5})
                          .add(0x81, new byte[] {8}))
                  .build());
    }
    return TlvBuilder.constructed(0xBF37).addEncoded(data).addEncoded(signature(data)).build();
  }

  /**
   * The card's OtherSignedNotification for operation bit {@code bit} (1 enable, 2 disable, 3
   * delete).
   */
  public byte[] otherNotification(int bit, Iccid iccid, String address) {
    byte[] n = requireRecorded().others().get(bit);
    if (n == null) {
      throw new IllegalStateException("no notification of operation bit " + bit + " recorded");
    }
    byte[] tbs = metadata(Tlv.parse(n).get(0xBF2F), iccid, address);
    return TlvBuilder.constructed(0x30)
        .addEncoded(tbs)
        .addEncoded(signature(tbs))
        .addEncoded(euiccCertBytes())
        .addEncoded(eumCertBytes())
        .build();
  }

  private Recorded requireRecorded() {
    if (recorded == null) {
      throw new IllegalStateException("no recorded download: call use(() -> record(bpp)) first");
    }
    return recorded.get();
  }

  private static byte[] without(byte[] tlv, int tag) {
    Tlv t = Tlv.parse(tlv);
    TlvBuilder b = TlvBuilder.constructed(t.tag());
    t.children().stream().filter(c -> c.tag() != tag).forEach(b::add);
    return b.build();
  }

  private static byte[] oid(String dotted) {
    try {
      return new org.bouncycastle.asn1.ASN1ObjectIdentifier(dotted).getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] metadata(Tlv metadata, Iccid iccid, String address) {
    byte[] m = Resign.with(metadata.encoded(), 0x0C, address.getBytes(StandardCharsets.UTF_8));
    return Resign.with(m, 0x5A, iccid.toEfIccid());
  }

  private byte[] signature(byte[] data) {
    byte[] sig = TlvWriter.encode(Resign.SIGNATURE, sign(data));
    return corruptSignatures ? Resign.corrupt(sig) : sig;
  }

  private byte[] sign(byte[] data) {
    return Ecdsa.sign(euiccKey, data, random);
  }

  private byte[] euiccCertBytes() {
    return euiccCertDer != null ? euiccCertDer : der(euiccCert);
  }

  private byte[] eumCertBytes() {
    return eumCertDer != null ? eumCertDer : der(eumCert);
  }

  /**
   * Presents a new eUICC certificate of the same subject issued by the EUM with this validity, and
   * signs with its key.
   */
  public void reissueEuicc(PrivateKey eumKey, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
      g.initialize(new ECGenParameterSpec(curve.curveName()));
      KeyPair k = g.generateKeyPair();
      X509CertificateHolder t = new X509CertificateHolder(der(cardCert));
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              X500Name.getInstance(eumCert.getSubjectX500Principal().getEncoded()),
              BigInteger.valueOf(4242),
              Date.from(notBefore),
              Date.from(notAfter),
              t.getSubject(),
              SubjectPublicKeyInfo.getInstance(k.getPublic().getEncoded()));
      for (Object oid : t.getExtensionOIDs()) {
        if (oid.equals(Extension.subjectKeyIdentifier)) {
          b.addExtension(
              Extension.subjectKeyIdentifier,
              false,
              new JcaX509ExtensionUtils().createSubjectKeyIdentifier(k.getPublic()));
        } else {
          b.addExtension(t.getExtension((org.bouncycastle.asn1.ASN1ObjectIdentifier) oid));
        }
      }
      euiccCert =
          new JcaX509CertificateConverter()
              .setProvider(BouncyCastle.PROVIDER)
              .getCertificate(
                  b.build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .setProvider(BouncyCastle.PROVIDER)
                          .build(eumKey)));
      euiccKey = k.getPrivate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean sameIds(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
