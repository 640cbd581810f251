package org.rspharness.euicc.es10;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.Role;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.Es10Response;
import org.rspharness.euicc.card.StatusWord;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity.CurveCredentials;
import org.rspharness.euicc.notification.Notifications;
import org.rspharness.euicc.store.NotificationRecord;

/**
 * SGP.22 section 5.7.5-5.7.17 (ES10b): challenge, eUICC information, mutual authentication with the
 * SM-DP+, download preparation, the Bound Profile Package ({@link #loadBoundProfilePackage}, steps
 * in {@link LoadBoundProfilePackage}), session cancellation, notifications and the RAT.
 *
 * <p>What is signed, as built and checked here (each verified against a public SM-DP+ that
 * interoperates with commercial eUICCs): serverSignature1 over the serverSigned1 TLV as received;
 * euiccSignature1 over the euiccSigned1 TLV; smdpSignature2 over smdpSigned2 || the '5F37' TLV of
 * euiccSignature1 (tag 5F37, length 40, r||s); euiccSignature2 over euiccSigned2 || the '5F37' TLV
 * of smdpSignature2 as received; euiccCancelSessionSignature over the euiccCancelSessionSigned TLV.
 */
public final class Es10b {

  /** AuthenticateErrorCode and DownloadErrorCode values (SGP.22 section 5.7.13 / 5.7.5). */
  public static final int INVALID_CERTIFICATE = 1;

  /** invalidSignature(2). */
  public static final int INVALID_SIGNATURE = 2;

  /** unsupportedCurve(3). */
  public static final int UNSUPPORTED_CURVE = 3;

  /** noSessionContext(4). */
  public static final int NO_SESSION_CONTEXT = 4;

  /** AuthenticateErrorCode invalidOid(5). */
  public static final int INVALID_OID = 5;

  /** DownloadErrorCode invalidTransactionId(5). */
  public static final int INVALID_TRANSACTION_ID = 5;

  /** AuthenticateErrorCode euiccChallengeMismatch(6). */
  public static final int EUICC_CHALLENGE_MISMATCH = 6;

  /** AuthenticateErrorCode ciPKUnknown(7). */
  public static final int CI_PK_UNKNOWN = 7;

  /** undefinedError(127). */
  public static final int UNDEFINED_ERROR = 127;

  private final CardContext ctx;

  /** Handlers over {@code ctx}. */
  public Es10b(CardContext ctx) {
    this.ctx = ctx;
  }

  /**
   * SGP.22 section 5.7.7 GetEuiccChallenge: a fresh 16-byte challenge; it starts a new RSP session
   * (any previous one is dropped).
   */
  public Es10Response getEuiccChallenge(Tlv request) {
    ctx.endSession();
    byte[] challenge = ctx.random().bytes(16);
    ctx.session().euiccChallenge = challenge;
    return Es10Response.of(TlvBuilder.constructed(0xBF2E).add(0x80, challenge).build());
  }

  /** SGP.22 section 5.7.8 GetEUICCInfo (EUICCInfo1): svn and the CI PKId lists. */
  public Es10Response getEuiccInfo1(Tlv request) {
    return Es10Response.of(euiccInfo1());
  }

  /** SGP.22 section 5.7.8 GetEUICCInfo (EUICCInfo2). */
  public Es10Response getEuiccInfo2(Tlv request) {
    return Es10Response.of(euiccInfo2());
  }

  /** EUICCInfo1 'BF20' { 82 svn, A9 { 04 SKI.. }, AA { 04 SKI.. } }. */
  public byte[] euiccInfo1() {
    return TlvBuilder.constructed(0xBF20)
        .add(0x82, EuiccConfig.versionBytes(ctx.config().svn()))
        .add(pkIdList(0xA9))
        .add(pkIdList(0xAA))
        .build();
  }

  /** EUICCInfo2 'BF22', with the free memory in extCardResource computed from the state. */
  public byte[] euiccInfo2() {
    EuiccConfig c = ctx.config();
    long free = ctx.freeMemory();
    long freeClamped = Math.min(free, 0xFFFFFFFFL);
    byte[] ecr =
        new TlvBuilder0()
            .tlv(0x81, Der.integer(ctx.state().profiles().size()))
            .tlv(
                0x82,
                new byte[] {
                  (byte) (freeClamped >>> 24),
                  (byte) (freeClamped >>> 16),
                  (byte) (freeClamped >>> 8),
                  (byte) freeClamped
                })
            .tlv(0x83, new byte[] {0x10, 0x00})
            .bytes();
    List<Integer> rspCapability = new ArrayList<>(List.of(0));
    if (c.testProfileSupport()) {
      rspCapability.add(3);
    }
    TlvBuilder b =
        TlvBuilder.constructed(0xBF22)
            .add(0x81, EuiccConfig.versionBytes(c.profileVersion()))
            .add(0x82, EuiccConfig.versionBytes(c.svn()))
            .add(0x83, EuiccConfig.versionBytes(c.firmwareVersion()))
            .add(0x84, ecr)
            .add(0x85, Der.bitString(1, 2, 4, 6, 7, 14, 16, 17));
    if (c.javacardVersion() != null) {
      b.add(0x86, EuiccConfig.versionBytes(c.javacardVersion()));
    }
    if (c.globalPlatformVersion() != null) {
      b.add(0x87, EuiccConfig.versionBytes(c.globalPlatformVersion()));
    }
    b.add(0x88, Der.bitString(rspCapability.stream().mapToInt(Integer::intValue).toArray()))
        .add(pkIdList(0xA9))
        .add(pkIdList(0xAA));
    List<Integer> forbidden = new ArrayList<>();
    if (c.rat().stream().noneMatch(EuiccConfig.RatRule::ppr1)) {
      forbidden.add(1);
    }
    if (c.rat().stream().noneMatch(EuiccConfig.RatRule::ppr2)) {
      forbidden.add(2);
    }
    if (!forbidden.isEmpty()) {
      b.add(0x99, Der.bitString(forbidden.stream().mapToInt(Integer::intValue).toArray()));
    }
    b.add(0x04, EuiccConfig.versionBytes(c.ppVersion()))
        .addEncoded(Der.utf8(0x0C, c.sasAccreditationNumber()));
    return b.build();
  }

  private TlvBuilder pkIdList(int tag) {
    TlvBuilder list = TlvBuilder.constructed(tag);
    for (byte[] ski : ctx.identity().ciPkIds()) {
      list.add(0x04, ski);
    }
    return list;
  }

  /**
   * SGP.22 section 5.7.13 AuthenticateServer: checks, in order, the CI PKId to be used
   * (ciPKUnknown), the curve and chain of CERT.DPauth to that CI with role, dates and signatures
   * (unsupportedCurve, invalidCertificate), serverSignature1 over serverSigned1 as received
   * (invalidSignature) and the eUICC's own challenge (euiccChallengeMismatch); then signs
   * euiccSigned1 {transactionId, serverAddress, serverChallenge, euiccInfo2, ctxParams1} with
   * SK.EUICC of the chosen CI's curve.
   */
  public Es10Response authenticateServer(Tlv request) {
    byte[] raw = request.encoded();
    SignedPart signed1 = SignedParts.serverSigned1(raw);
    Tlv serverSigned1 = signed1.tbs();
    Tlv transactionIdTlv = serverSigned1.get(0x80);
    byte[] transactionId = transactionIdTlv.value();
    Tlv ciPkIdTlv = request.child(2);
    if (ciPkIdTlv.tag() != 0x04) {
      throw new CodecException(
          "euiccCiPKIdToBeUsed must be an OCTET STRING", "offset " + ciPkIdTlv.offset());
    }
    Tlv certTlv = request.child(3);
    Tlv ctxParams1 = request.child(4);
    RspSession session = ctx.sessionOrNull();
    byte[] expectedChallenge = session == null ? null : session.euiccChallenge;
    // The challenge is single-use whatever the outcome.
    ctx.endSession();

    Optional<CurveCredentials> chosen = ctx.identity().byCiPkId(ciPkIdTlv.value());
    if (chosen.isEmpty()) {
      return authError(transactionId, CI_PK_UNKNOWN);
    }
    CurveCredentials cred = chosen.get();
    X509Certificate dpAuth;
    try {
      dpAuth = certificate(certTlv);
    } catch (CodecException e) {
      return authError(transactionId, INVALID_CERTIFICATE);
    }
    if (!derOrTolerated(certTlv, "CERT.DPauth")) {
      return authError(transactionId, INVALID_CERTIFICATE);
    }
    Optional<Curve> curve = Curve.find(dpAuth.getPublicKey());
    if (curve.isEmpty() || ctx.identity().credentials(curve.get()).isEmpty()) {
      return authError(transactionId, UNSUPPORTED_CURVE);
    }
    // CERT.XXauth: an SM-DP+ (ES9+) or an SM-DS (ES11) authenticates the same way
    if (!chainsTo(dpAuth, Role.DP_AUTH, cred) && !chainsTo(dpAuth, Role.DS_AUTH, cred)) {
      return authError(transactionId, INVALID_CERTIFICATE);
    }
    if (!verify(dpAuth, signed1.signedBytes(), signed1.signature())) {
      return authError(transactionId, INVALID_SIGNATURE);
    }
    byte[] challenge = serverSigned1.get(0x81).value();
    if (expectedChallenge == null || !Arrays.equals(expectedChallenge, challenge)) {
      return authError(transactionId, EUICC_CHALLENGE_MISMATCH);
    }

    RspSession s = ctx.session();
    s.transactionId = transactionId.clone();
    s.serverAddress = Der.utf8Value(serverSigned1.get(0x83));
    s.credentials = cred;
    s.dpAuth = dpAuth;
    List<String> oids = CertFacts.registeredIds(dpAuth);
    s.smdpOid = oids.isEmpty() ? null : oids.get(0);

    byte[] euiccSigned1 =
        TlvBuilder.constructed(0x30)
            .add(transactionIdTlv)
            .add(serverSigned1.get(0x83))
            .add(serverSigned1.get(0x84))
            .addEncoded(euiccInfo2())
            .add(ctxParams1)
            .build();
    byte[] signature = Ecdsa.sign(cred.euiccKey(), euiccSigned1, ctx.random());
    s.euiccSignature1Tlv = TlvWriter.encode(0x5F37, signature);
    ctx.transition(
        "rspSession",
        Hex.encode(transactionId),
        "challenged",
        "authenticated",
        "AuthenticateServer");
    byte[] ok =
        TlvBuilder.constructed(0xA0)
            .addEncoded(euiccSigned1)
            .addEncoded(s.euiccSignature1Tlv)
            .addEncoded(cred.euiccCertificateDer())
            .addEncoded(cred.eumCertificateDer())
            .build();
    return Es10Response.of(TlvBuilder.constructed(0xBF38).addEncoded(ok).build());
  }

  /**
   * SGP.22 section 5.7.5 PrepareDownload: checks the session (noSessionContext), CERT.DPpb's curve
   * and chain to the session's CI (unsupportedCurve, invalidCertificate), smdpSignature2 over
   * smdpSigned2 || euiccSignature1 TLV (invalidSignature), the transactionId (invalidTransactionId)
   * and that a confirmation code hash comes when required (undefinedError); then makes
   * otPK/otSK.EUICC.ECKA (or reuses the previous pair when smdpSigned2.bppEuiccOtpk names it) and
   * signs euiccSigned2 {transactionId, euiccOtpk, hashCc?} || smdpSignature2 TLV.
   */
  public Es10Response prepareDownload(Tlv request) {
    byte[] raw = request.encoded();
    SignedPart signed2 = SignedParts.smdpSigned2(raw);
    Tlv smdpSigned2 = signed2.tbs();
    byte[] transactionId = smdpSigned2.get(0x80).value();
    boolean ccRequired = Der.booleanValue(smdpSigned2.get(0x01));
    Optional<Tlv> bppEuiccOtpk = smdpSigned2.find(0x5F49);
    Tlv smdpSignature2Tlv = request.get(0x5F37);
    Optional<Tlv> hashCc = request.find(0x04);
    List<Tlv> children = request.children();
    Tlv certTlv = children.get(children.size() - 1);

    RspSession s = ctx.sessionOrNull();
    if (s == null || !s.authenticated()) {
      return downloadError(transactionId, NO_SESSION_CONTEXT);
    }
    X509Certificate dpPb;
    try {
      dpPb = certificate(certTlv);
    } catch (CodecException e) {
      return downloadError(transactionId, INVALID_CERTIFICATE);
    }
    if (!derOrTolerated(certTlv, "CERT.DPpb")) {
      return downloadError(transactionId, INVALID_CERTIFICATE);
    }
    Optional<Curve> curve = Curve.find(dpPb.getPublicKey());
    if (curve.isEmpty() || ctx.identity().credentials(curve.get()).isEmpty()) {
      return downloadError(transactionId, UNSUPPORTED_CURVE);
    }
    if (!chainsTo(dpPb, Role.DP_PB, s.credentials)) {
      return downloadError(transactionId, INVALID_CERTIFICATE);
    }
    byte[] toVerify = concat(signed2.signedBytes(), s.euiccSignature1Tlv);
    if (!verify(dpPb, toVerify, signed2.signature())) {
      return downloadError(transactionId, INVALID_SIGNATURE);
    }
    if (!Arrays.equals(transactionId, s.transactionId)) {
      return downloadError(transactionId, INVALID_TRANSACTION_ID);
    }
    if (ccRequired && hashCc.isEmpty()) {
      return downloadError(transactionId, UNDEFINED_ERROR);
    }
    OneTimeKeyPair pair = null;
    OneTimeKeyPair last = ctx.lastOtKeyPair();
    if (bppEuiccOtpk.isPresent()
        && last != null
        && Arrays.equals(last.publicKey().encoded(), bppEuiccOtpk.get().value())) {
      pair = last;
    }
    if (pair == null) {
      pair = OneTimeKeyPair.generate(curve.get(), ctx.random());
    }
    s.otKeyPair = pair;
    s.dpPb = dpPb;
    ctx.lastOtKeyPair(pair);

    TlvBuilder es2 =
        TlvBuilder.constructed(0x30)
            .add(0x80, transactionId)
            .add(0x5F49, pair.publicKey().encoded());
    hashCc.ifPresent(es2::add);
    byte[] euiccSigned2 = es2.build();
    byte[] signature =
        Ecdsa.sign(
            s.credentials.euiccKey(),
            concat(euiccSigned2, smdpSignature2Tlv.encoded()),
            ctx.random());
    ctx.transition(
        "rspSession",
        Hex.encode(transactionId),
        "authenticated",
        "downloadPrepared",
        "PrepareDownload");
    byte[] ok =
        TlvBuilder.constructed(0xA0).addEncoded(euiccSigned2).add(0x5F37, signature).build();
    return Es10Response.of(TlvBuilder.constructed(0xBF21).addEncoded(ok).build());
  }

  /**
   * SGP.22 section 5.7.14 CancelSession: for the session's transactionId, signs
   * euiccCancelSessionSigned {transactionId, smdpOid, reason} and ends the session; otherwise
   * cancelSessionResponseError invalidTransactionId(5).
   */
  public Es10Response cancelSession(Tlv request) {
    byte[] transactionId = request.get(0x80).value();
    int reason = Der.intValue(request.get(0x81));
    RspSession s = ctx.sessionOrNull();
    if (s == null || !s.authenticated() || !Arrays.equals(s.transactionId, transactionId)) {
      return Es10Response.of(
          TlvBuilder.constructed(0xBF41).add(0x81, Der.integer(INVALID_TRANSACTION_ID)).build());
    }
    if (s.smdpOid == null || !reasonInRange(reason)) {
      return Es10Response.of(
          TlvBuilder.constructed(0xBF41).add(0x81, Der.integer(UNDEFINED_ERROR)).build());
    }
    byte[] oid = oidContent(s.smdpOid);
    byte[] signed =
        TlvBuilder.constructed(0x30)
            .add(0x80, transactionId)
            .add(0x81, oid)
            .add(0x82, Der.integer(reason))
            .build();
    byte[] signature = Ecdsa.sign(s.credentials.euiccKey(), signed, ctx.random());
    ctx.endSession();
    ctx.transition(
        "rspSession", Hex.encode(transactionId), "open", "cancelled", "CancelSession " + reason);
    byte[] ok = TlvBuilder.constructed(0xA0).addEncoded(signed).add(0x5F37, signature).build();
    return Es10Response.of(TlvBuilder.constructed(0xBF41).addEncoded(ok).build());
  }

  /**
   * SGP.22 section 5.7.14: CancelSessionReason is 0..5 or undefinedReason(127). Field eUICCs sign
   * any other value as given: a deviation of the LPA; strict, undefinedError.
   */
  private boolean reasonInRange(int reason) {
    return (reason >= 0 && reason <= 5)
        || reason == 127
        || ctx.deviations()
            .tolerate(
                "LPA",
                "SGP.22 5.7.14",
                "CancelSession reason",
                String.valueOf(reason),
                "0..5 or 127 (undefinedReason)");
  }

  /**
   * SGP.22 section 5.7.9 ListNotification: the metadata of pending notifications, all or those of
   * one event.
   */
  public Es10Response listNotification(Tlv request) {
    Optional<Tlv> filter = request.find(0x81);
    TlvBuilder list = TlvBuilder.constructed(0xA0);
    for (NotificationRecord n : ctx.state().notifications()) {
      if (filter.isPresent() && !Der.bit(filter.get().value(), n.event())) {
        continue;
      }
      list.addEncoded(Notifications.listedMetadata(n));
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF28).add(list).build());
  }

  /**
   * SGP.22 section 5.7.10 RetrieveNotificationsList: the signed pending notifications, all, by
   * sequence number or by event; noResultAvailable(1) when a sequence number matches none.
   */
  public Es10Response retrieveNotificationsList(Tlv request) {
    Optional<Tlv> criteria = request.find(0xA0);
    Integer seq = null;
    Tlv event = null;
    if (criteria.isPresent()) {
      Tlv c = criteria.get().child(0);
      if (c.tag() == 0x80) {
        seq = Der.intValue(c);
      } else if (c.tag() == 0x81) {
        event = c;
      } else {
        throw new CodecException("unknown searchCriteria " + c.tagHex(), "offset " + c.offset());
      }
    }
    TlvBuilder list = TlvBuilder.constructed(0xA0);
    int count = 0;
    for (NotificationRecord n : ctx.state().notifications()) {
      if (seq != null && n.seqNumber() != seq) {
        continue;
      }
      if (event != null && !Der.bit(event.value(), n.event())) {
        continue;
      }
      list.addEncoded(Notifications.pendingNotification(n, ctx.identity()));
      count++;
    }
    if (seq != null && count == 0) {
      return Es10Response.of(TlvBuilder.constructed(0xBF2B).add(0x81, Der.integer(1)).build());
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF2B).add(list).build());
  }

  /**
   * SGP.22 section 5.7.11 RemoveNotificationFromList (NotificationSent): deletes the notification
   * with that sequence number; ok(0) or nothingToDelete(1).
   */
  public Es10Response notificationSent(Tlv request) {
    int seq = Der.intValue(request.get(0x80));
    List<NotificationRecord> kept = new ArrayList<>();
    boolean found = false;
    for (NotificationRecord n : ctx.state().notifications()) {
      if (n.seqNumber() == seq) {
        found = true;
      } else {
        kept.add(n);
      }
    }
    if (found) {
      ctx.commit(ctx.state().withNotifications(kept));
      ctx.transition("notification", String.valueOf(seq), "pending", "removed", "NotificationSent");
    }
    return Es10Response.of(
        TlvBuilder.constructed(0xBF30).add(0x80, Der.integer(found ? 0 : 1)).build());
  }

  /**
   * SGP.22 section 5.7.6 LoadBoundProfilePackage: one STORE DATA payload of a Bound Profile Package
   * ({@code tag} 'BF36' starts a load, interrupting one in progress; 'A0'..'A3', '86'..'88'
   * continue it; 6A88 when no load is in progress). The steps are {@link
   * LoadBoundProfilePackage}'s.
   */
  public Es10Response loadBoundProfilePackage(int tag, byte[] command) {
    RspSession session = ctx.sessionOrNull();
    LoadBoundProfilePackage load = session == null ? null : session.loader();
    if (tag == 0xBF36) {
      if (load != null) {
        load.interrupt();
      }
      return LoadBoundProfilePackage.begin(ctx, command);
    }
    if (load == null) {
      return Es10Response.status(StatusWord.REFERENCED_DATA_NOT_FOUND);
    }
    return load.segment(command);
  }

  /** SGP.22 section 5.7.17 GetRAT: the Rules Authorisation Table. */
  public Es10Response getRat(Tlv request) {
    TlvBuilder rat = TlvBuilder.constructed(0xA0);
    for (EuiccConfig.RatRule rule : ctx.config().rat()) {
      List<Integer> bits = new ArrayList<>();
      if (rule.ppr1()) {
        bits.add(1);
      }
      if (rule.ppr2()) {
        bits.add(2);
      }
      TlvBuilder operators = TlvBuilder.constructed(0xA1);
      for (String m : rule.allowedMccMnc()) {
        operators.add(TlvBuilder.constructed(0x30).add(0x80, Hex.decode(m)));
      }
      rat.add(
          TlvBuilder.constructed(0x30)
              .add(0x80, Der.bitString(bits.stream().mapToInt(Integer::intValue).toArray()))
              .add(operators)
              .add(0x82, rule.consentRequired() ? Der.bitString(0) : Der.bitString()));
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF43).add(rat).build());
  }

  private Es10Response authError(byte[] transactionId, int code) {
    ctx.transition(
        "rspSession",
        Hex.encode(transactionId),
        "challenged",
        "failed",
        "AuthenticateServer error " + code);
    byte[] err =
        TlvBuilder.constructed(0xA1).add(0x80, transactionId).add(0x02, Der.integer(code)).build();
    return Es10Response.of(TlvBuilder.constructed(0xBF38).addEncoded(err).build());
  }

  private Es10Response downloadError(byte[] transactionId, int code) {
    ctx.transition(
        "rspSession",
        Hex.encode(transactionId),
        "authenticated",
        "failed",
        "PrepareDownload error " + code);
    // SGP.22: a failed PrepareDownload leaves the session for CancelSession; only a success
    // advances it.
    byte[] err =
        TlvBuilder.constructed(0xA1).add(0x80, transactionId).add(0x02, Der.integer(code)).build();
    return Es10Response.of(TlvBuilder.constructed(0xBF21).addEncoded(err).build());
  }

  private boolean chainsTo(X509Certificate cert, Role role, CurveCredentials cred) {
    ChainResult r =
        ctx.identity().validator().validate(cert, List.of(), role, ctx.clock().instant());
    if (!r.ok()) {
      return false;
    }
    X509Certificate root = r.path().get(r.path().size() - 1);
    return root.equals(cred.ci());
  }

  private static boolean verify(X509Certificate cert, byte[] data, byte[] signature) {
    if (signature.length != Ecdsa.PLAIN_LENGTH) {
      return false;
    }
    try {
      return Ecdsa.verify(EcPublicKey.of(cert), data, signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Parses a certificate TLV; CodecException when it is not an X.509 certificate. */
  /**
   * SGP.22 section 4.5.2 (certificates per RFC 5280, which requires DER): a server certificate in
   * another BER encoding is a deviation eUICCs in the field accept (their chain check runs over the
   * re-encoded TBSCertificate); recorded, and tolerated unless strict. True to carry on.
   */
  private boolean derOrTolerated(Tlv certTlv, String which) {
    Optional<String> problem =
        org.rspharness.core.pki.Certificates.derProblem(
            certTlv.array(), certTlv.offset(), certTlv.encodedLength());
    return problem.isEmpty()
        || ctx.deviations()
            .tolerate(
                "SM-DP+",
                "SGP.22 4.5.2 / RFC 5280 4.1",
                which + " encoding",
                "not DER: " + problem.get(),
                "DER (X.690 section 10)");
  }

  static X509Certificate certificate(Tlv tlv) {
    try {
      return org.rspharness.core.pki.Certificates.parse(
          tlv.array(), tlv.offset(), tlv.encodedLength());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CodecException(
          "not an X.509 certificate: " + e.getMessage(), "offset " + tlv.offset(), e);
    }
  }

  /** The content octets of an OBJECT IDENTIFIER. */
  static byte[] oidContent(String dotted) {
    try {
      byte[] der = new ASN1ObjectIdentifier(dotted).getEncoded();
      return Tlv.parse(der).value();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A flat concatenation of primitive TLVs. */
  private static final class TlvBuilder0 {
    private byte[] out = new byte[0];

    TlvBuilder0 tlv(int tag, byte[] value) {
      out = concat(out, TlvWriter.encode(tag, value));
      return this;
    }

    byte[] bytes() {
      return out;
    }
  }
}
