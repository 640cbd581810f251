package org.rspharness.smdp.es9;

import com.beanit.asn1bean.ber.types.BerBitString;
import com.beanit.asn1bean.ber.types.BerBoolean;
import com.beanit.asn1bean.ber.types.BerOctetString;
import com.beanit.asn1bean.ber.types.string.BerUTF8String;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rspharness.asn1.rsp.CtxParamsForCommonAuthentication;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.rsp.EUICCSigned2;
import org.rspharness.asn1.rsp.EuiccCancelSessionSigned;
import org.rspharness.asn1.rsp.EuiccSigned1;
import org.rspharness.asn1.rsp.IconType;
import org.rspharness.asn1.rsp.NotificationConfigurationInformation;
import org.rspharness.asn1.rsp.NotificationEvent;
import org.rspharness.asn1.rsp.NotificationMetadata;
import org.rspharness.asn1.rsp.Octet16;
import org.rspharness.asn1.rsp.PprIds;
import org.rspharness.asn1.rsp.ProfileClass;
import org.rspharness.asn1.rsp.ProfileInstallationResultData;
import org.rspharness.asn1.rsp.ServerSigned1;
import org.rspharness.asn1.rsp.SmdpSigned2;
import org.rspharness.asn1.rsp.StoreMetadataRequest;
import org.rspharness.asn1.rsp.TransactionId;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPrivateKey;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.bpp.BppInput;
import org.rspharness.smdp.bpp.BppOptions;
import org.rspharness.smdp.callback.DownloadProgress;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.NotificationTarget;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderEvent;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.OrderStore;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionStore;

/**
 * SGP.22 section 5.6 (v2.2.2 to v2.5): the ES9+ functions of the SM-DP+, transport-free. Each typed
 * method makes every check SGP.22 sections 3.1.2, 3.1.3 and 5.6 ask of the SM-DP+, in their order,
 * and answers the first failure's subject/reason code in a {@code Failed} header. Signatures are
 * verified over the bytes as received ({@link SignedParts}).
 *
 * <pre>
 * LPA                         SM-DP+
 *  | initiateAuthentication --> | SVN, address, CI PKId; session; serverSigned1 (DPauth)
 *  | authenticateClient ------> | EUM/eUICC chain, euiccSignature1, challenge, order, eligibility;
 *  |                            | StoreMetadataRequest, smdpSigned2 (DPpb)
 *  | getBoundProfilePackage --> | euiccSignature2, hashCc, attempts, expiry; BPP (same otPK: same)
 *  | handleNotification ------> | PIR verified: Installed / Error; session ends
 *  | cancelSession -----------> | signature, smdpOid, transactionId; order per reason
 * </pre>
 */
public final class Es9PlusService {

  private static final String SOURCE = "smdp";

  private final CredentialSource credentials;
  private final EuiccAuthentication auth;
  private final SmdpAddress address;
  private final OrderStore orders;
  private final SessionStore sessions;
  private final Clock clock;
  private final RandomSource random;
  private final EventLog events;
  private final Quirks quirks;
  private final OperatorNotifier notifier;
  private final BppBinder binder;
  private final BppOptions bppOptions;

  public Es9PlusService(
      CredentialSource credentials,
      SmdpAddress address,
      OrderStore orders,
      SessionStore sessions,
      Clock clock,
      RandomSource random,
      EventLog events,
      Quirks quirks,
      OperatorNotifier notifier,
      BppBinder binder,
      BppOptions bppOptions) {
    this.credentials = credentials;
    this.auth = new EuiccAuthentication(credentials, clock, quirks.has(Quirk.LENIENT_IDENTIFIERS));
    this.address = address;
    this.orders = orders;
    this.sessions = sessions;
    this.clock = clock;
    this.random = random;
    this.events = events;
    this.quirks = quirks;
    this.notifier = notifier;
    this.binder = binder;
    this.bppOptions = bppOptions;
  }

  // ---------------------------------------------------------------------------------------------
  // InitiateAuthentication

  /**
   * SGP.22 section 5.6.1 ES9+.InitiateAuthentication: checks the SVN, the SM-DP+ address and
   * negotiates the CI, then opens a session and signs serverSigned1 with SK.DPauth.
   */
  public InitiateAuthenticationResponse initiateAuthentication(InitiateAuthenticationRequest r) {
    return initiateAuthentication(r, null);
  }

  /**
   * As {@link #initiateAuthentication(InitiateAuthenticationRequest)} on the port of {@code
   * portCurve}: with {@link Quirk#SINGLE_CURVE_PER_PORT} only a CI of that curve is chosen (null:
   * any curve).
   */
  public InitiateAuthenticationResponse initiateAuthentication(
      InitiateAuthenticationRequest r, Curve portCurve) {
    Curve only = quirks.has(Quirk.SINGLE_CURVE_PER_PORT) ? portCurve : null;
    try {
      if (r.euiccChallenge().length != 16) {
        throw new FunctionFailure(
            SmdpCodes.MALFORMED_REQUEST,
            "euiccChallenge: expected 16 bytes, got " + r.euiccChallenge().length);
      }
      EUICCInfo1 info1 = decode(r.euiccInfo1(), EUICCInfo1::new, "euiccInfo1");
      byte[] svn = info1.getSvn() == null ? new byte[0] : info1.getSvn().value;
      if (svn.length != 3 || svn[0] != 2) {
        throw new FunctionFailure(
            StatusCodes.SMDP_SVN_UNSUPPORTED,
            "eUICC SVN " + org.rspharness.core.util.Hex.encode(svn) + " is not 2.x");
      }
      checkAddress(r.smdpAddress());
      Optional<EuiccAuthentication.CiChoice> ci = auth.chooseCi(info1, only);
      Curve curve = ci.map(EuiccAuthentication.CiChoice::curve).orElse(null);
      byte[] chosen = ci.map(EuiccAuthentication.CiChoice::ski).orElse(null);
      int offered =
          info1.getEuiccCiPKIdListForVerification() == null
              ? 0
              : info1.getEuiccCiPKIdListForVerification().getSubjectKeyIdentifier().size();
      if (curve == null) {
        throw new FunctionFailure(
            StatusCodes.SMDP_NO_SUPPORTED_CI_PKID,
            "none of the eUICC's " + offered + " CI PKIds for verification is ours");
      }
      Optional<Credential> dpAuth = credentials.find(Role.DP_AUTH, curve);
      if (dpAuth.isEmpty() || !dpAuth.get().hasPrivateKey()) {
        throw new FunctionFailure(
            StatusCodes.SMDP_NO_CERTIFICATE_FOR_CI, "no CERT.DPauth for the CI of curve " + curve);
      }
      // The address as the LPA named it (it passed the check above): the LPA compares
      // serverAddress with what it used, and the eUICC sends its notifications there, port
      // included when a lab SM-DP+ listens on a non-default one.
      String served = r.smdpAddress().value();
      RspSession s = sessions.open(r.euiccChallenge(), chosen, curve, served);
      ServerSigned1 ss1 = new ServerSigned1();
      ss1.setTransactionId(new TransactionId(s.transactionId().bytes()));
      ss1.setEuiccChallenge(new Octet16(r.euiccChallenge()));
      ss1.setServerAddress(new BerUTF8String(served));
      ss1.setServerChallenge(new Octet16(s.serverChallenge()));
      byte[] serverSigned1 = Asn1Codec.encode(ss1);
      byte[] sig = Ecdsa.sign(dpAuth.get().requirePrivateKey(), serverSigned1, random);
      return new InitiateAuthenticationResponse(
          ResponseHeader.success(),
          s.transactionId(),
          serverSigned1,
          TlvWriter.encode(SignedParts.SIGNATURE_TAG, sig),
          TlvWriter.encode(0x04, chosen),
          encoded(dpAuth.get().certificate()));
    } catch (FunctionFailure f) {
      return InitiateAuthenticationResponse.failed(failed(f, "initiateAuthentication"));
    }
  }

  private Optional<Curve> curveOfCi(byte[] ski) {
    return auth.curveOfCi(ski);
  }

  /**
   * SGP.22 section 5.6.1: the address must be this SM-DP+'s (host case-insensitive per RFC 4343).
   * When this SM-DP+ is configured by host name alone, any port matches: one SM-DP+ answers on a
   * NIST and a brainpool port, and activation codes for lab servers carry the port.
   */
  private void checkAddress(SmdpAddress given) {
    boolean hostOk =
        quirks.has(Quirk.EXACT_ADDRESS_CHECK)
            ? given.host().equals(address.host())
            : given.host().equalsIgnoreCase(address.host());
    boolean portOk = address.port().isEmpty() || address.port().equals(given.port());
    boolean ok = hostOk && portOk;
    if (!ok) {
      throw new FunctionFailure(
          StatusCodes.SMDP_ADDRESS_REFUSED,
          given.value(),
          "'" + given.value() + "' is not this SM-DP+ (" + address.value() + ")");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // AuthenticateClient

  /**
   * SGP.22 section 5.6.3 ES9+.AuthenticateClient: verifies the EUM and eUICC certificates, the
   * eUICC signature over euiccSigned1, the transactionId and serverChallenge, finds the order
   * (matchingId, SM-DS EventID or default SM-DP+ by EID), checks its state, expiry, attempts and
   * the eUICC's eligibility, then answers the metadata and smdpSigned2 signed with SK.DPpb.
   */
  public AuthenticateClientResponseEs9 authenticateClient(AuthenticateClientRequest r) {
    RspSession s;
    try {
      s = sessions.require(r.transactionId());
    } catch (FunctionFailure f) {
      return AuthenticateClientResponseEs9.failed(failed(f, "authenticateClient"));
    }
    s.lock().lock();
    try {
      return authenticateClientLocked(r, s);
    } catch (FunctionFailure f) {
      endRefusedSession(s, f);
      return AuthenticateClientResponseEs9.failed(failed(f, "authenticateClient"));
    } finally {
      s.lock().unlock();
    }
  }

  /**
   * SGP.22 section 5.6.5 (ES9+.CancelSession): a cancellation is verified with the PK.EUICC.SIG
   * attached to an ongoing RSP session, and a refused ES9+.AuthenticateClient (5.6.3) attached
   * none; so the refusal ends the session here, and a later cancelSession with this transactionId
   * is answered 8.10.1/3.9 (unknown), not a misleading 8.1/6.1 (our reading: SGP.22 does not say in
   * so many words when the SM-DP+ forgets a refused session). A replay against a session that
   * already went further leaves that session alone. Tested by {@code CancelSessionTest}.
   */
  private void endRefusedSession(RspSession s, FunctionFailure f) {
    if (s.phase() == RspSession.Phase.INITIATED) {
      sessions.end(s.transactionId(), "authenticateClient refused: " + f.getMessage());
    }
  }

  private AuthenticateClientResponseEs9 authenticateClientLocked(
      AuthenticateClientRequest r, RspSession s) {
    if (s.phase() != RspSession.Phase.INITIATED) {
      throw new FunctionFailure(
          StatusCodes.TRANSACTION_ID_UNKNOWN,
          s.transactionId().hex(),
          "session already authenticated");
    }
    EuiccAuthentication.Authenticated a = auth.authenticate(r.authenticateServerResponse(), s);
    X509Certificate euicc = a.euicc();
    X509Certificate eum = a.eum();
    byte[] sig1Tlv = a.signature1Tlv();
    EuiccSigned1 es1 = a.signed1();
    Eid eid = a.eid();
    CtxParamsForCommonAuthentication ctx =
        es1.getCtxParams1().getCtxParamsForCommonAuthentication();
    String matchingId =
        ctx == null || ctx.getMatchingId() == null ? null : ctx.getMatchingId().toString();
    Order order = resolveOrder(matchingId, eid);
    EUICCInfo2 info2 = es1.getEuiccInfo2();
    order.lock().lock();
    try {
      checkDownloadable(order, eid, "authenticateClient");
      checkEligibility(order, info2, eid);
      if (order.eid() == null) {
        order.eid(eid);
      }
      byte[] metadata = storeMetadataRequest(order);
      boolean ccRequired = order.confirmationCode() != null;
      SmdpSigned2 ss2 = new SmdpSigned2();
      ss2.setTransactionId(new TransactionId(s.transactionId().bytes()));
      ss2.setCcRequiredFlag(new BerBoolean(ccRequired));
      BoundPackage previous = order.binding();
      if (previous != null) {
        // SGP.22 5.6.3: a retry asks the eUICC to reuse the otPK the profile was bound to
        ss2.setBppEuiccOtpk(new BerOctetString(previous.otPkEuicc().encoded()));
      }
      byte[] smdpSigned2 = Asn1Codec.encode(ss2);
      Credential dpPb = credentials.credential(Role.DP_PB, s.curve());
      byte[] tbs = concat(smdpSigned2, sig1Tlv);
      byte[] sig2 =
          TlvWriter.encode(
              SignedParts.SIGNATURE_TAG, Ecdsa.sign(dpPb.requirePrivateKey(), tbs, random));
      s.authenticated(euicc, eum, eid, info2, sig1Tlv);
      s.order(order);
      s.ccRequired(ccRequired);
      s.smdpSignature2Tlv(sig2);
      s.storeMetadata(metadata);
      s.phase(RspSession.Phase.AUTHENTICATED);
      notifyOperator(order, eid, NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK, null, null);
      return new AuthenticateClientResponseEs9(
          ResponseHeader.success(),
          s.transactionId(),
          metadata,
          smdpSigned2,
          sig2,
          encoded(dpPb.certificate()));
    } catch (FunctionFailure f) {
      notifyOperator(order, eid, NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK, f, null);
      throw f;
    } finally {
      order.lock().unlock();
    }
  }

  private void verifyEuiccChain(X509Certificate euicc, X509Certificate eum) {
    auth.verifyEuiccChain(euicc, eum);
  }

  private Eid eidOf(X509Certificate euicc) {
    return EuiccAuthentication.eidOf(euicc, quirks.has(Quirk.LENIENT_IDENTIFIERS));
  }

  /**
   * SGP.22 section 3.1.2: matchingId (activation code token or SM-DS EventID) or default SM-DP+.
   */
  private Order resolveOrder(String matchingId, Eid eid) {
    if (matchingId != null && !matchingId.isEmpty()) {
      Order o =
          orders
              .byMatchingId(matchingId)
              .orElseThrow(
                  () ->
                      new FunctionFailure(
                          StatusCodes.MATCHING_ID_REFUSED,
                          matchingId,
                          "no order with matchingId " + matchingId));
      Eid bound = o.eid();
      if (bound != null && !bound.equals(eid)) {
        throw new FunctionFailure(
            StatusCodes.EID_REFUSED, eid.value(), "the order is for another EID");
      }
      return o;
    }
    // SGP.22 5.6.3: default SM-DP+ use with no pending order for this EID refuses the EID
    return orders
        .defaultFor(eid)
        .orElseThrow(
            () ->
                new FunctionFailure(
                    StatusCodes.EID_REFUSED,
                    eid.value(),
                    "no matchingId and no pending default SM-DP+ profile for this EID"));
  }

  /** Order state, expiry and attempt limits (caller holds the order's lock). */
  private void checkDownloadable(Order order, Eid eid, String cause) {
    ProfileState st = order.state();
    if (order.reusable() && (st == ProfileState.INSTALLED || st == ProfileState.ERROR)) {
      orders.reuse(order, cause, events);
      st = order.state();
    }
    if (st == ProfileState.CONFIRMED) {
      throw new FunctionFailure(
          StatusCodes.PROFILE_NOT_RELEASED, order.iccid().value(), "profile not released yet");
    }
    if (st != ProfileState.RELEASED && st != ProfileState.DOWNLOADED) {
      throw new FunctionFailure(
          StatusCodes.MATCHING_ID_REFUSED,
          order.iccid().value(),
          "profile is " + st + ", not downloadable");
    }
    if (order.expiredAt(clock.instant())) {
      throw new FunctionFailure(
          StatusCodes.DOWNLOAD_ORDER_EXPIRED,
          order.iccid().value(),
          "order expired at " + order.expiry());
    }
    if (order.downloadAttemptsLeft() <= 0) {
      throw new FunctionFailure(
          StatusCodes.DOWNLOAD_ORDER_RETRIES_EXCEEDED,
          order.iccid().value(),
          "all " + order.maxDownloadAttempts() + " download attempts used");
    }
    if (order.confirmationCode() != null && order.ccAttemptsLeft() <= 0) {
      throw new FunctionFailure(
          StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED,
          order.iccid().value(),
          "confirmation code attempts exhausted");
    }
  }

  /** SGP.22 section 3.1.3.0 eligibility check against EUICCInfo2 (PPRs, memory, test profiles). */
  private void checkEligibility(Order order, EUICCInfo2 info2, Eid eid) {
    if (info2 == null) {
      return;
    }
    PprIds forbidden = info2.getForbiddenProfilePolicyRules();
    if (forbidden != null) {
      boolean[] bits = bits(forbidden);
      for (int p : order.pprs()) {
        if (p < bits.length && bits[p]) {
          throw new FunctionFailure(
              StatusCodes.NO_ELIGIBLE_PROFILE,
              eid.value(),
              "the profile carries PPR" + p + ", which the eUICC forbids");
        }
      }
    }
    if ("test".equals(order.metadata().profileClass())) {
      boolean[] caps =
          info2.getRspCapability() == null ? new boolean[0] : bits(info2.getRspCapability());
      if (caps.length <= 3 || !caps[3]) {
        throw new FunctionFailure(
            StatusCodes.NO_ELIGIBLE_PROFILE,
            eid.value(),
            "test profile, eUICC lacks testProfileSupport");
      }
    }
    if (info2.getExtCardResource() != null) {
      long free = freeNonVolatileMemory(info2.getExtCardResource().value);
      int needed = order.profilePackage().length;
      if (free >= 0 && free < needed) {
        throw new FunctionFailure(
            StatusCodes.EUICC_INSUFFICIENT_MEMORY,
            eid.value(),
            "eUICC has " + free + " bytes free, the profile needs " + needed);
      }
    }
  }

  private static boolean[] bits(BerBitString b) {
    try {
      return b.getValueAsBooleans();
    } catch (RuntimeException e) {
      return new boolean[0];
    }
  }

  /** ETSI TS 102 226 extended card resource: tag 82 = free non-volatile memory; -1 if absent. */
  static long freeNonVolatileMemory(byte[] ecr) {
    try {
      for (Tlv t : Tlv.parseAll(ecr)) {
        if (t.tag() == 0x82 && t.valueLength() <= 8) {
          long v = 0;
          for (byte b : t.value()) {
            v = (v << 8) | (b & 0xFF);
          }
          return v;
        }
      }
    } catch (CodecException e) {
      return -1;
    }
    return -1;
  }

  /** SGP.22 section 5.4 / 4.4: the StoreMetadataRequest (BF25) of an order. */
  private byte[] storeMetadataRequest(Order order) {
    OrderMetadata m = order.metadata();
    StoreMetadataRequest smr = new StoreMetadataRequest();
    smr.setIccid(new org.rspharness.asn1.rsp.Iccid(order.iccid().toEfIccid()));
    smr.setServiceProviderName(new BerUTF8String(m.serviceProviderName()));
    smr.setProfileName(new BerUTF8String(m.profileName()));
    if (m.icon() != null) {
      smr.setIconType(new IconType("png".equals(m.iconType()) ? 1 : 0));
      smr.setIcon(new BerOctetString(m.icon()));
    }
    smr.setProfileClass(new ProfileClass(OrderMetadata.profileClassNumber(m.profileClass())));
    if (m.profileOwner() != null) {
      org.rspharness.asn1.rsp.OperatorID owner = new org.rspharness.asn1.rsp.OperatorID();
      owner.setMccMnc(new BerOctetString(org.rspharness.core.util.Hex.decode(m.profileOwner())));
      smr.setProfileOwner(owner);
    }
    if (!m.notifications().isEmpty()) {
      StoreMetadataRequest.NotificationConfigurationInfo nci =
          new StoreMetadataRequest.NotificationConfigurationInfo();
      for (NotificationTarget t : m.notifications()) {
        NotificationConfigurationInformation info = new NotificationConfigurationInformation();
        boolean[] ops = new boolean[4];
        for (NotificationOperation op : t.operations()) {
          ops[op.bit()] = true;
        }
        int used = 0;
        for (int i = 0; i < 4; i++) {
          if (ops[i]) {
            used = i + 1;
          }
        }
        info.setProfileManagementOperation(new NotificationEvent(Arrays.copyOf(ops, used)));
        String addr =
            quirks.has(Quirk.NOTIFICATION_ADDRESS_WHITESPACE)
                ? " " + t.address() + " "
                : t.address();
        info.setNotificationAddress(new BerUTF8String(addr));
        nci.getNotificationConfigurationInformation().add(info);
      }
      smr.setNotificationConfigurationInfo(nci);
    }
    if (!order.pprs().isEmpty()) {
      int max = order.pprs().stream().mapToInt(Integer::intValue).max().orElse(0);
      boolean[] ppr = new boolean[max + 1];
      order.pprs().forEach(p -> ppr[p] = true);
      smr.setProfilePolicyRules(new PprIds(ppr));
    }
    return Asn1Codec.encode(smr);
  }

  // ---------------------------------------------------------------------------------------------
  // GetBoundProfilePackage

  /**
   * SGP.22 section 5.6.2 ES9+.GetBoundProfilePackage: verifies euiccSignature2 over euiccSigned2
   * followed by the smdpSignature2 TLV sent in authenticateClient, the confirmation code, expiry
   * and attempts, then binds the profile, or returns the same package for the same otPK.EUICC.
   */
  public GetBoundProfilePackageResponse getBoundProfilePackage(GetBoundProfilePackageRequest r) {
    RspSession s;
    try {
      s = sessions.require(r.transactionId());
    } catch (FunctionFailure f) {
      return GetBoundProfilePackageResponse.failed(failed(f, "getBoundProfilePackage"));
    }
    s.lock().lock();
    try {
      return getBppLocked(r, s);
    } catch (FunctionFailure f) {
      return GetBoundProfilePackageResponse.failed(failed(f, "getBoundProfilePackage"));
    } finally {
      s.lock().unlock();
    }
  }

  private GetBoundProfilePackageResponse getBppLocked(
      GetBoundProfilePackageRequest r, RspSession s) {
    if (s.phase() == RspSession.Phase.INITIATED) {
      throw new FunctionFailure(
          StatusCodes.TRANSACTION_ID_UNKNOWN, s.transactionId().hex(), "session not authenticated");
    }
    byte[] pdr = r.prepareDownloadResponse();
    decode(pdr, org.rspharness.asn1.rsp.PrepareDownloadResponse::new, "prepareDownloadResponse");
    SignedPart signed2;
    try {
      signed2 = SignedParts.euiccSigned2(pdr);
    } catch (CodecException e) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID,
          "prepareDownloadResponse is not a downloadResponseOk: " + e.getMessage());
    }
    byte[] tbs = concat(signed2.signedBytes(), s.smdpSignature2Tlv());
    if (!Ecdsa.verify(s.euiccCertificate().getPublicKey(), tbs, signed2.signature())) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID,
          "euiccSignature2 does not verify over euiccSigned2 || smdpSignature2");
    }
    EUICCSigned2 es2 = decode(signed2.signedBytes(), EUICCSigned2::new, "euiccSigned2");
    if (!Arrays.equals(es2.getTransactionId().value, s.transactionId().bytes())) {
      throw new FunctionFailure(
          StatusCodes.TRANSACTION_ID_UNKNOWN, "euiccSigned2 carries another transactionId");
    }
    EcPublicKey otPk;
    try {
      otPk = EcPublicKey.decode(s.curve(), es2.getEuiccOtpk().value);
    } catch (CodecException e) {
      throw new FunctionFailure(SmdpCodes.MALFORMED_REQUEST, "euiccOtpk: " + e.getMessage());
    }
    Order order = s.order();
    order.lock().lock();
    try {
      checkDownloadable(order, s.eid(), "getBoundProfilePackage");
      if (s.ccRequired()) {
        checkConfirmationCode(order, s, es2.getHashCc() == null ? null : es2.getHashCc().value);
      }
      // A reusable (lab) profile is downloaded by many eUICCs at once: its binding lives in the
      // session and its state stays Released; other orders keep one binding for retries.
      boolean lab = order.reusable();
      // A binding is for one session (its InitialiseSecureChannel names the transactionId). A
      // retry in a new session presenting the same otPK.EUICC (smdpSigned2 asked for it) is bound
      // again with the same one-time key pair (SGP.22 section 3.1.3.3); an eUICC that no longer
      // has that key (it cancelled the session) presents a new one and gets a new binding.
      // A request repeated within the same session gets the same package (SGP.22 section 5.6.2).
      BoundPackage earlier = lab ? null : order.binding();
      BoundPackage bp = s.binding();
      boolean fresh = bp == null;
      if (bp != null && !Arrays.equals(bp.otPkEuicc().encoded(), otPk.encoded())) {
        throw new FunctionFailure(
            StatusCodes.BPP_NOT_AVAILABLE,
            order.iccid().value(),
            "this session's profile is bound to another otPK.EUICC");
      }
      if (bp == null) {
        Credential dpPb = credentials.credential(Role.DP_PB, s.curve());
        BppInput input =
            new BppInput(
                s.curve(),
                EcPrivateKey.of(dpPb.requirePrivateKey()),
                s.transactionId().bytes(),
                s.eid(),
                otPk,
                s.storeMetadata(),
                order.profilePackage(),
                bppOptions);
        boolean sameKey =
            earlier != null && Arrays.equals(earlier.otPkEuicc().encoded(), otPk.encoded());
        try {
          bp =
              sameKey ? binder.rebind(input, earlier.dpKeys(), random) : binder.bind(input, random);
        } catch (RuntimeException e) {
          throw new FunctionFailure(
              StatusCodes.BPP_NOT_AVAILABLE,
              order.iccid().value(),
              "binding failed: " + e.getMessage());
        }
        if (earlier != null) {
          events.emit(
              "smdp",
              new EventPayload.Note(
                  "rebinding "
                      + order.iccid().value()
                      + " for session "
                      + s.transactionId().hex()
                      + (sameKey ? " with the same one-time key" : " with a new one-time key")));
        }
        if (!lab) {
          order.binding(bp);
        }
      }
      if (!lab && fresh) {
        order.downloadAttempted();
        order.apply(OrderEvent.BPP_DOWNLOADED, "getBoundProfilePackage", events);
      }
      s.binding(bp);
      s.phase(RspSession.Phase.BOUND);
      notifyOperator(order, s.eid(), NotificationPoint.BPP_DOWNLOAD, null, null);
      return new GetBoundProfilePackageResponse(
          ResponseHeader.success(), s.transactionId(), bp.encoded());
    } catch (FunctionFailure f) {
      if (f.code() != StatusCodes.CONFIRMATION_CODE_REFUSED
          && f.code() != StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED) {
        notifyOperator(order, s.eid(), NotificationPoint.BPP_DOWNLOAD, f, null);
      }
      throw f;
    } finally {
      order.lock().unlock();
    }
  }

  /** SGP.22 section 5.6.2: hashCc = SHA-256(SHA-256(CC) || transactionId), limited attempts. */
  private void checkConfirmationCode(Order order, RspSession s, byte[] hashCc) {
    if (hashCc == null) {
      throw new FunctionFailure(
          StatusCodes.CONFIRMATION_CODE_MISSING, order.iccid().value(), "hashCc absent");
    }
    byte[] expected;
    try {
      expected =
          quirks.has(Quirk.CONFIRMATION_CODE_HEX_DECODED)
              ? ConfirmationCode.hashCcHexDecoded(
                  order.confirmationCode(), s.transactionId().bytes())
              : ConfirmationCode.hashCc(order.confirmationCode(), s.transactionId().bytes());
    } catch (CodecException e) {
      expected = new byte[32];
    }
    if (java.security.MessageDigest.isEqual(expected, hashCc)) {
      return;
    }
    int left = order.ccFailed();
    if (left <= 0) {
      FunctionFailure f =
          new FunctionFailure(
              StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED,
              order.iccid().value(),
              "wrong confirmation code, no attempt left");
      notifyOperator(order, s.eid(), NotificationPoint.CONFIRMATION_FAILURE, f, null);
      order.apply(OrderEvent.DOWNLOAD_REFUSED, "getBoundProfilePackage", events);
      throw f;
    }
    FunctionFailure f =
        new FunctionFailure(
            StatusCodes.CONFIRMATION_CODE_REFUSED,
            order.iccid().value(),
            "wrong confirmation code, " + left + " attempt(s) left");
    notifyOperator(order, s.eid(), NotificationPoint.CONFIRMATION_FAILURE, f, null);
    throw f;
  }

  // ---------------------------------------------------------------------------------------------
  // HandleNotification

  /**
   * SGP.22 section 5.6.4 ES9+.HandleNotification: verifies a ProfileInstallationResult (signature
   * with the session's eUICC certificate) or another signed notification (its own certificates),
   * moves the order to Installed or Error, ends the session and tells the operator. The function
   * has no output on the wire; the outcome is returned for logs and tests.
   */
  public NotificationOutcome handleNotification(HandleNotification r) {
    NotificationOutcome out;
    try {
      Tlv pending = Tlv.parse(r.pendingNotification());
      pending.requireWellFormedTree();
      out =
          switch (pending.tag()) {
            case 0xBF37 -> installationResult(pending);
            case 0x30 -> otherNotification(pending);
            default ->
                throw new FunctionFailure(
                    SmdpCodes.MALFORMED_REQUEST, "pendingNotification is neither BF37 nor 30");
          };
    } catch (CodecException e) {
      out =
          new NotificationOutcome(
              false, SmdpCodes.MALFORMED_REQUEST, "pendingNotification: " + e.getMessage());
    } catch (FunctionFailure f) {
      out = new NotificationOutcome(false, f.code(), f.getMessage());
    } catch (RuntimeException e) {
      // SGP.22 5.6.4: the function has no output; a refused notification is answered 204 alike
      out =
          new NotificationOutcome(false, SmdpCodes.MALFORMED_REQUEST, "pendingNotification: " + e);
    }
    events.emit(
        SOURCE,
        new EventPayload.Note(
            "handleNotification " + (out.accepted() ? "accepted: " : "refused: ") + out.detail()));
    return out;
  }

  private NotificationOutcome installationResult(Tlv pir) {
    SignedPart part = SignedParts.profileInstallationResultData(pir);
    decode(
        pir.encoded(),
        org.rspharness.asn1.rsp.ProfileInstallationResult::new,
        "pendingNotification");
    ProfileInstallationResultData data =
        decode(
            part.signedBytes(),
            ProfileInstallationResultData::new,
            "profileInstallationResultData");
    org.rspharness.core.ids.TransactionId tid =
        org.rspharness.core.ids.TransactionId.of(data.getTransactionId().value);
    RspSession s =
        sessions
            .find(tid)
            .orElseThrow(
                () ->
                    new FunctionFailure(
                        StatusCodes.TRANSACTION_ID_UNKNOWN, tid.hex(), "no session " + tid.hex()));
    s.lock().lock();
    try {
      if (s.euiccCertificate() == null || s.order() == null) {
        throw new FunctionFailure(
            StatusCodes.TRANSACTION_ID_UNKNOWN, tid.hex(), "session has no download");
      }
      if (!Ecdsa.verify(
          s.euiccCertificate().getPublicKey(), part.signedBytes(), part.signature())) {
        throw new FunctionFailure(
            StatusCodes.EUICC_SIGNATURE_INVALID, "euiccSignPIR does not verify");
      }
      if (data.getSmdpOid() != null) {
        String oid = data.getSmdpOid().toString();
        List<String> ours =
            CertFacts.registeredIds(credentials.credential(Role.DP_PB, s.curve()).certificate());
        if (!ours.isEmpty() && !ours.contains(oid)) {
          throw new FunctionFailure(StatusCodes.SMDP_OID_INVALID, oid, "smdpOid is not ours");
        }
      }
      Order order = s.order();
      boolean success = data.getFinalResult().getSuccessResult() != null;
      order.lock().lock();
      try {
        if (!order.reusable()) {
          order.apply(
              success ? OrderEvent.INSTALLATION_SUCCEEDED : OrderEvent.INSTALLATION_FAILED,
              "handleNotification",
              events);
        }
        FunctionFailure why =
            success
                ? null
                : new FunctionFailure(
                    StatusCodes.PROFILE_ICCID_NOT_AVAILABLE,
                    order.iccid().value(),
                    "installation failed on the eUICC");
        notifyOperator(order, s.eid(), NotificationPoint.BPP_INSTALLATION, why, part.signedBytes());
      } finally {
        order.lock().unlock();
      }
      sessions.end(tid, "handleNotification");
      return NotificationOutcome.ok(
          "installation " + (success ? "succeeded" : "failed") + " for " + order.iccid().value());
    } finally {
      s.lock().unlock();
    }
  }

  private NotificationOutcome otherNotification(Tlv n) {
    SignedPart part = SignedParts.tbsOtherNotification(n);
    decode(
        n.encoded(), org.rspharness.asn1.rsp.OtherSignedNotification::new, "pendingNotification");
    X509Certificate euicc =
        certificate(
            n.child(2).encoded(), StatusCodes.EUICC_CERTIFICATE_INVALID, "euiccCertificate");
    X509Certificate eum =
        certificate(n.child(3).encoded(), StatusCodes.EUM_CERTIFICATE_INVALID, "eumCertificate");
    verifyEuiccChain(euicc, eum);
    if (!Ecdsa.verify(euicc.getPublicKey(), part.signedBytes(), part.signature())) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID, "euiccNotificationSignature does not verify");
    }
    NotificationMetadata md =
        decode(part.signedBytes(), NotificationMetadata::new, "tbsOtherNotification");
    boolean[] op = bits(md.getProfileManagementOperation());
    NotificationPoint point =
        op.length > 3 && op[3]
            ? NotificationPoint.PROFILE_DELETED
            : op.length > 2 && op[2]
                ? NotificationPoint.PROFILE_DISABLED
                : op.length > 1 && op[1] ? NotificationPoint.PROFILE_ENABLED : null;
    if (point == null || md.getIccid() == null) {
      return NotificationOutcome.ok("notification without a profile operation to report");
    }
    org.rspharness.core.ids.Iccid iccid =
        org.rspharness.core.ids.Iccid.fromEfIccidUnchecked(md.getIccid().value);
    Optional<Order> order = orders.find(iccid);
    if (order.isEmpty()) {
      return NotificationOutcome.ok("notification for unknown ICCID " + iccid.value());
    }
    notifyOperator(order.get(), eidOf(euicc), point, null, null);
    return NotificationOutcome.ok(point + " for " + iccid.value());
  }

  // ---------------------------------------------------------------------------------------------
  // CancelSession

  /**
   * SGP.22 section 5.6.5 ES9+.CancelSession: verifies the eUICC's signature over
   * euiccCancelSessionSigned, the transactionId and the smdpOid (of CERT.DPauth), then ends the
   * session. The order stays downloadable for postponed and timeout and goes to Error for the other
   * reasons.
   */
  public CancelSessionResponseEs9 cancelSession(CancelSessionRequestEs9 r) {
    RspSession s;
    try {
      s = sessions.require(r.transactionId());
    } catch (FunctionFailure f) {
      return new CancelSessionResponseEs9(failed(f, "cancelSession"));
    }
    s.lock().lock();
    try {
      cancelLocked(r, s);
      return new CancelSessionResponseEs9(ResponseHeader.success());
    } catch (FunctionFailure f) {
      return new CancelSessionResponseEs9(failed(f, "cancelSession"));
    } finally {
      s.lock().unlock();
    }
  }

  private void cancelLocked(CancelSessionRequestEs9 r, RspSession s) {
    byte[] csr = r.cancelSessionResponse();
    decode(csr, org.rspharness.asn1.rsp.CancelSessionResponse::new, "cancelSessionResponse");
    SignedPart part;
    try {
      part = SignedParts.euiccCancelSessionSigned(csr);
    } catch (CodecException e) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID, "not a cancelSessionResponseOk: " + e.getMessage());
    }
    if (s.euiccCertificate() == null) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID,
          "no eUICC certificate in this session yet to verify the signature");
    }
    if (!Ecdsa.verify(s.euiccCertificate().getPublicKey(), part.signedBytes(), part.signature())) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID, "euiccCancelSessionSignature does not verify");
    }
    EuiccCancelSessionSigned signed =
        decode(part.signedBytes(), EuiccCancelSessionSigned::new, "euiccCancelSessionSigned");
    if (!Arrays.equals(signed.getTransactionId().value, s.transactionId().bytes())) {
      throw new FunctionFailure(
          StatusCodes.TRANSACTION_ID_UNKNOWN,
          "euiccCancelSessionSigned carries another transactionId");
    }
    String oid = signed.getSmdpOid().toString();
    List<String> ours =
        CertFacts.registeredIds(credentials.credential(Role.DP_AUTH, s.curve()).certificate());
    if (!ours.contains(oid)) {
      throw new FunctionFailure(
          StatusCodes.SMDP_OID_INVALID, oid, "smdpOid " + oid + " is not this SM-DP+'s " + ours);
    }
    int reason = signed.getReason().intValue();
    Order order = s.order();
    if (order != null) {
      order.lock().lock();
      try {
        ProfileState st = order.state();
        boolean retry = reason == 1 || reason == 2; // postponed, timeout
        if (st == ProfileState.RELEASED || st == ProfileState.DOWNLOADED) {
          if (!order.reusable()) {
            order.apply(
                retry ? OrderEvent.SESSION_CANCELLED_RETRY : OrderEvent.SESSION_CANCELLED_FINAL,
                "cancelSession reason " + reason,
                events);
          }
          FunctionFailure why =
              new FunctionFailure(
                  StatusCodes.PROFILE_ICCID_NOT_AVAILABLE,
                  order.iccid().value(),
                  "session cancelled by the eUICC, reason " + reason);
          notifyOperator(
              order,
              s.eid(),
              s.phase() == RspSession.Phase.BOUND
                  ? NotificationPoint.BPP_INSTALLATION
                  : NotificationPoint.BPP_DOWNLOAD,
              why,
              null);
        }
      } finally {
        order.lock().unlock();
      }
    }
    sessions.end(s.transactionId(), "cancelSession reason " + reason);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** The failure header, with the non-standard code quirk applied. */
  ResponseHeader failed(FunctionFailure f, String function) {
    events.emit(SOURCE, new EventPayload.Note(function + " failed: " + f.getMessage()));
    StatusCodeData data =
        quirks.has(Quirk.NON_STANDARD_STATUS_CODES) ? quirks.nonStandardCode() : f.statusCodeData();
    return ResponseHeader.failed(data);
  }

  private void notifyOperator(
      Order order, Eid eid, NotificationPoint point, FunctionFailure failure, byte[] resultData) {
    FunctionExecutionStatus status =
        failure == null
            ? FunctionExecutionStatus.success()
            : new FunctionExecutionStatus(ExecutionStatus.FAILED, failure.statusCodeData());
    try {
      notifier.notify(
          new DownloadProgress(
              eid,
              order.iccid(),
              order.profileType(),
              OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
              point,
              status,
              resultData));
    } catch (RuntimeException e) {
      events.emit(SOURCE, new EventPayload.Note("operator notifier failed: " + e));
    }
  }

  private static <T extends com.beanit.asn1bean.ber.types.BerType> T decode(
      byte[] bytes, java.util.function.Supplier<T> factory, String member) {
    return EuiccAuthentication.decode(bytes, factory, member);
  }

  private static X509Certificate certificate(byte[] der, StatusCode code, String member) {
    return EuiccAuthentication.certificate(der, code, member);
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
