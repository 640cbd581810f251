package org.rspharness.smdp.es9;

import com.beanit.asn1bean.ber.types.BerBoolean;
import com.beanit.asn1bean.ber.types.BerOctetString;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.rsp.EUICCSigned2;
import org.rspharness.asn1.rsp.EuiccSigned1;
import org.rspharness.asn1.rsp.SmdpSigned2;
import org.rspharness.asn1.rsp.TransactionId;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.codec.CodecException;
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
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.bpp.BppInput;
import org.rspharness.smdp.bpp.BppOptions;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderEvent;
import org.rspharness.smdp.order.OrderStore;
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
  private final AuthenticateClient authenticateClient;
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
  private final InitiateAuthentication initiate;
  private final OperatorProgress progress;
  private final OrderChecks checks;
  private final NotificationReceiver notifications;
  private final SessionCancellation cancellation;

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
    this.authenticateClient =
        new AuthenticateClient(auth, sessions, AuthenticateClient.SessionEnd.ON_REFUSAL);
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
    this.initiate =
        new InitiateAuthentication(
            InitiateAuthentication.Server.SMDP,
            credentials,
            auth,
            sessions,
            random,
            address,
            quirks.has(Quirk.EXACT_ADDRESS_CHECK));
    this.progress = new OperatorProgress(notifier, clock, events, SOURCE);
    this.checks =
        new OrderChecks(
            orders, clock, events, progress, quirks.has(Quirk.CONFIRMATION_CODE_HEX_DECODED));
    this.notifications =
        new NotificationReceiver(
            credentials,
            auth,
            orders,
            sessions,
            events,
            progress,
            SOURCE,
            quirks.has(Quirk.LENIENT_IDENTIFIERS));
    this.cancellation = new SessionCancellation(credentials, sessions, events, progress);
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
      return initiate.answer(r.euiccChallenge(), r.euiccInfo1(), r.smdpAddress(), only);
    } catch (FunctionFailure f) {
      return InitiateAuthenticationResponse.failed(failed(f, "initiateAuthentication"));
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
    return authenticateClient.answer(
        r,
        this::authenticated,
        f -> AuthenticateClientResponseEs9.failed(failed(f, "authenticateClient")));
  }

  /** SGP.22 5.6.3 after the eUICC's authentication: the order, eligibility, smdpSigned2. */
  private AuthenticateClientResponseEs9 authenticated(
      RspSession s, EuiccAuthentication.Authenticated a) {
    X509Certificate euicc = a.euicc();
    X509Certificate eum = a.eum();
    byte[] sig1Tlv = a.signature1Tlv();
    EuiccSigned1 es1 = a.signed1();
    Eid eid = a.eid();
    Order order = checks.resolve(a.matchingId(), eid);
    EUICCInfo2 info2 = es1.getEuiccInfo2();
    order.lock().lock();
    try {
      checks.checkDownloadable(order, "authenticateClient");
      Eligibility.check(order, info2, eid);
      if (order.eid() == null) {
        order.eid(eid);
      }
      byte[] metadata =
          ProfileMetadata.storeMetadataRequest(
              order, quirks.has(Quirk.NOTIFICATION_ADDRESS_WHITESPACE));
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
      progress.notify(order, eid, NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK, null, null);
      return new AuthenticateClientResponseEs9(
          ResponseHeader.success(),
          s.transactionId(),
          metadata,
          smdpSigned2,
          sig2,
          encoded(dpPb.certificate()));
    } catch (FunctionFailure f) {
      progress.notify(order, eid, NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK, f, null);
      throw f;
    } finally {
      order.lock().unlock();
    }
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
      checks.checkDownloadable(order, "getBoundProfilePackage");
      if (s.ccRequired()) {
        checks.checkConfirmationCode(
            order, s, es2.getHashCc() == null ? null : es2.getHashCc().value);
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
      progress.notify(order, s.eid(), NotificationPoint.BPP_DOWNLOAD, null, null);
      return new GetBoundProfilePackageResponse(
          ResponseHeader.success(), s.transactionId(), bp.encoded());
    } catch (FunctionFailure f) {
      if (f.code() != StatusCodes.CONFIRMATION_CODE_REFUSED
          && f.code() != StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED) {
        progress.notify(order, s.eid(), NotificationPoint.BPP_DOWNLOAD, f, null);
      }
      throw f;
    } finally {
      order.lock().unlock();
    }
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
    return notifications.receive(r);
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
      cancellation.cancel(r, s);
      return new CancelSessionResponseEs9(ResponseHeader.success());
    } catch (FunctionFailure f) {
      return new CancelSessionResponseEs9(failed(f, "cancelSession"));
    } finally {
      s.lock().unlock();
    }
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

  private static <T extends com.beanit.asn1bean.ber.types.BerType> T decode(
      byte[] bytes, java.util.function.Supplier<T> factory, String member) {
    return EuiccAuthentication.decode(bytes, factory, member);
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
