package org.rspharness.lpa;

import static org.rspharness.lpa.Lpa.END_USER_REJECTION;
import static org.rspharness.lpa.Lpa.LOAD_BPP_EXECUTION_ERROR;
import static org.rspharness.lpa.Lpa.MAX_SMDS_HOPS;
import static org.rspharness.lpa.Lpa.METADATA_MISMATCH;
import static org.rspharness.lpa.Lpa.POSTPONED;
import static org.rspharness.lpa.Lpa.PPR_NOT_ALLOWED;
import static org.rspharness.lpa.Lpa.TIMEOUT;
import static org.rspharness.lpa.Lpa.UNDEFINED_REASON;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.rspharness.asn1.rsp.AuthenticateServerResponse;
import org.rspharness.asn1.rsp.CancelSessionResponse;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.GetRatResponse;
import org.rspharness.asn1.rsp.NotificationMetadata;
import org.rspharness.asn1.rsp.OperatorID;
import org.rspharness.asn1.rsp.PendingNotification;
import org.rspharness.asn1.rsp.PrepareDownloadResponse;
import org.rspharness.asn1.rsp.ProfileInstallationResult;
import org.rspharness.asn1.rsp.ProfileInstallationResultData;
import org.rspharness.asn1.rsp.SmdpSigned2;
import org.rspharness.asn1.rsp.StoreMetadataRequest;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.Es10Codes;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.ppr.ProfilePolicyAuthorisationRule;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.lpa.es10.BppLoadResult;
import org.rspharness.lpa.es10.Decoded;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es10.Es10Exception;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/**
 * SGP.22 section 3.1.3: one profile download, the state of an RSP session as the LPA sees it. Each
 * step is a method named after it, in the order of the procedure:
 *
 * <pre>
 * initiateAuthentication   ES10b.GetEUICCChallenge, ES10b.GetEUICCInfo1, ES9+.InitiateAuthentication
 * authenticateServer       ES10b.AuthenticateServer (ctxParams1: matchingId, deviceInfo)
 * authenticateClient       ES9+.AuthenticateClient
 * consent                  profile metadata, PPRs against the RAT, user consent, confirmation code
 * prepareDownload          ES10b.PrepareDownload
 * getBoundProfilePackage   ES9+.GetBoundProfilePackage
 * loadBoundProfilePackage  ES10b.LoadBoundProfilePackage, segment by segment
 * handleNotification       ES9+.HandleNotification with the ProfileInstallationResult
 * on failure after AuthenticateServer: ES10b.CancelSession, then ES9+.CancelSession
 * </pre>
 */
final class DownloadSession {

  private final Lpa lpa;
  private final Es10Client es10;
  private final Es9Plus es9;
  private final Lpa.DownloadRequest request;
  private final ConsentHook consent;
  private TransactionId transactionId;
  private Iccid iccid;
  private boolean euiccSessionOpen;
  private boolean smdpSessionOpen = true;

  /** Set by discovery: the SM-DS hosts asked so far; an SM-DS answering here is followed. */
  List<String> smdsChain;

  /** What the SM-DS this session reached answered, when it was one (see {@link #followSmds}). */
  DiscoveryResult cascade;

  /** An ES10b answer that goes on to the server even when it is an error ({@code error} named). */
  private record EuiccAnswer<T>(Decoded<T> response, String error) {}

  /** What the end user agreed to: the profile, and the hashed confirmation code if one is asked. */
  private record Consented(ProfileMetadata metadata, byte[] hashCc) {}

  DownloadSession(Lpa lpa, Lpa.DownloadRequest request, ConsentHook consent) {
    this.lpa = lpa;
    this.es10 = lpa.es10();
    this.es9 = lpa.es9();
    this.request = request;
    this.consent = consent;
  }

  /** The whole download, never throwing for protocol failures. */
  DownloadResult run() {
    try {
      return flow();
    } catch (DownloadAbort a) {
      lpa.finish(a.step.name(), false, Lpa.code(a.statusCode), a.getMessage());
      Integer cancelled = null;
      String cancelNote = "";
      if (a.cancelReason >= 0 && euiccSessionOpen && transactionId != null) {
        cancelled = lpa.behaviour().cancelReason().reason(a.cancelReason);
        cancelNote = cancel(cancelled);
      }
      return new DownloadResult(
          a.outcome,
          iccid,
          transactionId,
          a.step,
          a.statusCode,
          a.euiccError,
          cancelled,
          false,
          a.getMessage() + cancelNote);
    }
  }

  private DownloadResult flow() throws DownloadAbort {
    InitiateAuthenticationResponse init = initiateAuthentication();
    if (smdsChain != null && isSmds(init.serverCertificate())) {
      return followSmds(request.smdp(), init);
    }
    checkSmdpOid(init.serverCertificate());
    EuiccAnswer<AuthenticateServerResponse> auth = authenticateServer(init);
    AuthenticateClientResponseEs9 client = authenticateClient(auth);
    Consented consented = consent(client);
    EuiccAnswer<PrepareDownloadResponse> prepared = prepareDownload(client, consented.hashCc());
    GetBoundProfilePackageResponse bpp = getBoundProfilePackage(prepared);
    BppLoadResult loaded = loadBoundProfilePackage(bpp);
    return handleNotification(loaded);
  }

  /**
   * SGP.22 3.1.3 steps 1-6: the eUICC's challenge and EUICCInfo1, then ES9+.InitiateAuthentication;
   * the server address the SM-DP+ signed must be the one contacted.
   */
  private InitiateAuthenticationResponse initiateAuthentication() throws DownloadAbort {
    SmdpAddress smdp = request.smdp();
    lpa.step(DownloadStep.GET_EUICC_CHALLENGE.name());
    byte[] challenge = es10Call(DownloadStep.GET_EUICC_CHALLENGE, es10::getEuiccChallenge);
    Decoded<EUICCInfo1> info1 = es10Call(DownloadStep.GET_EUICC_INFO, es10::getEuiccInfo1);

    lpa.step(DownloadStep.INITIATE_AUTHENTICATION.name());
    InitiateAuthenticationResponse init =
        es9Call(
            DownloadStep.INITIATE_AUTHENTICATION,
            () ->
                es9.initiateAuthentication(
                    smdp, new InitiateAuthenticationRequest(challenge, info1.encoded(), smdp)));
    transactionId = init.transactionId();
    checkServerAddress(smdp, init.serverSigned1());
    return init;
  }

  /**
   * SGP.22 3.1.3 steps 7-10: ES10b.AuthenticateServer; an error answer still goes to the SM-DP+, so
   * that it ends its session.
   */
  private EuiccAnswer<AuthenticateServerResponse> authenticateServer(
      InitiateAuthenticationResponse init) throws DownloadAbort {
    lpa.step(DownloadStep.AUTHENTICATE_SERVER.name());
    Decoded<AuthenticateServerResponse> auth =
        es10Call(
            DownloadStep.AUTHENTICATE_SERVER,
            () ->
                es10.authenticateServer(
                    init.serverSigned1(),
                    init.serverSignature1(),
                    init.euiccCiPKIdToBeUsed(),
                    init.serverCertificate(),
                    request.matchingId(),
                    lpa.config().deviceInfo()));
    String authError = null;
    if (auth.value().getAuthenticateResponseError() != null) {
      authError =
          "authenticateErrorCode="
              + Es10Codes.named(
                  Es10Codes.AUTHENTICATE_ERROR,
                  auth.value()
                      .getAuthenticateResponseError()
                      .getAuthenticateErrorCode()
                      .intValue());
    } else {
      euiccSessionOpen = true;
    }
    return new EuiccAnswer<>(auth, authError);
  }

  /** SGP.22 3.1.3 steps 11-14: ES9+.AuthenticateClient with the eUICC's answer. */
  private AuthenticateClientResponseEs9 authenticateClient(
      EuiccAnswer<AuthenticateServerResponse> auth) throws DownloadAbort {
    lpa.step(DownloadStep.AUTHENTICATE_CLIENT.name());
    AuthenticateClientResponseEs9 client;
    try {
      client =
          es9.authenticateClient(
              request.smdp(),
              new AuthenticateClientRequest(transactionId, auth.response().encoded()));
    } catch (Es9Exception e) {
      if (auth.error() != null) {
        throw new DownloadAbort(
            DownloadStep.AUTHENTICATE_SERVER,
            DownloadOutcome.FAILED,
            e.statusCodeData().orElse(null),
            auth.error(),
            -1,
            "the eUICC refused the SM-DP+: " + auth.error(),
            null);
      }
      if (e.kind() == Es9Exception.Kind.FUNCTION_FAILED) {
        // SGP.22 5.6.5: the SM-DP+ has no authenticated session to cancel after refusing
        // authenticateClient (it ends it); only the eUICC's is left (ES10b.CancelSession, 5.7.14)
        smdpSessionOpen = false;
      }
      throw es9Abort(DownloadStep.AUTHENTICATE_CLIENT, e);
    }
    if (auth.error() != null) {
      throw new DownloadAbort(
          DownloadStep.AUTHENTICATE_SERVER,
          DownloadOutcome.FAILED,
          null,
          auth.error(),
          -1,
          "the eUICC refused the SM-DP+ but the SM-DP+ went on",
          null);
    }
    return client;
  }

  /**
   * SGP.22 3.1.3 step 15 (and 2.9.2.2): the profile metadata, its PPRs against the RAT, the end
   * user's consent and, when smdpSigned2 asks for one, the confirmation code.
   */
  private Consented consent(AuthenticateClientResponseEs9 client) throws DownloadAbort {
    lpa.step(DownloadStep.CONSENT.name());
    ProfileMetadata metadata = metadata(client.profileMetadata());
    iccid = metadata.iccid();
    if (lpa.config().checkRat()) {
      checkPprs(metadata);
    }
    SmdpSigned2 signed2 = smdpSigned2(client.smdpSigned2());
    Consent decision = consent.decide(metadata);
    if (decision == Consent.REJECT) {
      throw DownloadAbort.of(
          DownloadStep.CONSENT,
          DownloadOutcome.REJECTED,
          END_USER_REJECTION,
          "the end user refused the profile");
    }
    if (decision == Consent.POSTPONE) {
      throw DownloadAbort.of(
          DownloadStep.CONSENT,
          DownloadOutcome.POSTPONED,
          POSTPONED,
          "the end user postponed the download");
    }
    byte[] hashCc = null;
    if (signed2.getCcRequiredFlag() != null && signed2.getCcRequiredFlag().value) {
      String code = request.confirmationCode();
      if (code == null) {
        code = consent.confirmationCode(metadata).orElse(null);
      }
      if (code == null) {
        throw DownloadAbort.of(
            DownloadStep.CONSENT,
            DownloadOutcome.POSTPONED,
            POSTPONED,
            "the SM-DP+ requires a confirmation code and none was given");
      }
      hashCc = ConfirmationCode.hashCc(code, transactionId.bytes());
    }
    lpa.finish(DownloadStep.CONSENT.name(), true, null, "accepted " + metadata.iccid());
    return new Consented(metadata, hashCc);
  }

  /** SGP.22 3.1.3 steps 16-18: ES10b.PrepareDownload; an error answer still goes to the SM-DP+. */
  private EuiccAnswer<PrepareDownloadResponse> prepareDownload(
      AuthenticateClientResponseEs9 client, byte[] hashCc) throws DownloadAbort {
    lpa.step(DownloadStep.PREPARE_DOWNLOAD.name());
    Decoded<PrepareDownloadResponse> prepared =
        es10Call(
            DownloadStep.PREPARE_DOWNLOAD,
            () ->
                es10.prepareDownload(
                    client.smdpSigned2(),
                    client.smdpSignature2(),
                    hashCc,
                    client.smdpCertificate()));
    String prepareError = null;
    if (prepared.value().getDownloadResponseError() != null) {
      prepareError =
          "downloadErrorCode="
              + Es10Codes.named(
                  Es10Codes.DOWNLOAD_ERROR,
                  prepared.value().getDownloadResponseError().getDownloadErrorCode().intValue());
    }
    return new EuiccAnswer<>(prepared, prepareError);
  }

  /** SGP.22 3.1.3 steps 19-21: ES9+.GetBoundProfilePackage with the eUICC's answer. */
  private GetBoundProfilePackageResponse getBoundProfilePackage(
      EuiccAnswer<PrepareDownloadResponse> prepared) throws DownloadAbort {
    lpa.step(DownloadStep.GET_BOUND_PROFILE_PACKAGE.name());
    GetBoundProfilePackageResponse bpp;
    try {
      bpp =
          es9.getBoundProfilePackage(
              request.smdp(),
              new GetBoundProfilePackageRequest(transactionId, prepared.response().encoded()));
    } catch (Es9Exception e) {
      if (prepared.error() != null) {
        throw new DownloadAbort(
            DownloadStep.PREPARE_DOWNLOAD,
            DownloadOutcome.FAILED,
            e.statusCodeData().orElse(null),
            prepared.error(),
            UNDEFINED_REASON,
            "the eUICC refused PrepareDownload: " + prepared.error(),
            null);
      }
      throw es9Abort(DownloadStep.GET_BOUND_PROFILE_PACKAGE, e);
    }
    if (prepared.error() != null) {
      throw new DownloadAbort(
          DownloadStep.PREPARE_DOWNLOAD,
          DownloadOutcome.FAILED,
          null,
          prepared.error(),
          UNDEFINED_REASON,
          "the eUICC refused PrepareDownload but the SM-DP+ went on",
          null);
    }
    checkBppIsBoundProfilePackage(bpp.boundProfilePackage());
    return bpp;
  }

  /**
   * SGP.22 3.1.3 step 22 (and 2.5.5): ES10b.LoadBoundProfilePackage segment by segment; the
   * ProfileInstallationResult ends the session on the eUICC.
   */
  private BppLoadResult loadBoundProfilePackage(GetBoundProfilePackageResponse bpp)
      throws DownloadAbort {
    lpa.step(DownloadStep.LOAD_BOUND_PROFILE_PACKAGE.name());
    BppLoadResult loaded;
    try {
      loaded = es10.loadBoundProfilePackage(bpp.boundProfilePackage());
    } catch (Es10Exception | CodecException e) {
      throw new DownloadAbort(
          DownloadStep.LOAD_BOUND_PROFILE_PACKAGE,
          DownloadOutcome.FAILED,
          null,
          e instanceof Es10Exception x && x.statusWord() >= 0
              ? String.format("SW %04X", x.statusWord())
              : null,
          LOAD_BPP_EXECUTION_ERROR,
          e.getMessage(),
          e);
    }
    euiccSessionOpen = false; // the ProfileInstallationResult ends the session on the eUICC
    lpa.finish(
        DownloadStep.LOAD_BOUND_PROFILE_PACKAGE.name(),
        loaded.success(),
        null,
        loaded.sequencesSent() + "/" + loaded.sequencesTotal() + " segments");
    return loaded;
  }

  /**
   * SGP.22 3.1.3 steps 23-24 (and 3.5): ES9+.HandleNotification with the ProfileInstallationResult,
   * then NotificationSent; the download's result.
   */
  private DownloadResult handleNotification(BppLoadResult loaded) {
    ProfileInstallationResult pir = loaded.result().value();
    ProfileInstallationResultData data = pir.getProfileInstallationResultData();
    String pirError = null;
    if (!loaded.success()) {
      var err = data.getFinalResult().getErrorResult();
      pirError =
          "errorReason="
              + Es10Codes.named(Es10Codes.ERROR_REASON, err.getErrorReason().intValue())
              + " bppCommandId="
              + Es10Codes.named(Es10Codes.BPP_COMMAND_ID, err.getBppCommandId().intValue());
    }
    lpa.step(DownloadStep.HANDLE_NOTIFICATION.name());
    NotificationMetadata md = data.getNotificationMetadata();
    PendingNotification pending = new PendingNotification();
    pending.setProfileInstallationResult(pir);
    NotificationDelivery delivery = lpa.deliver(new Decoded<>(pending, loaded.result().encoded()));
    if (pirError != null) {
      return new DownloadResult(
          DownloadOutcome.INSTALL_FAILED,
          iccid,
          transactionId,
          DownloadStep.LOAD_BOUND_PROFILE_PACKAGE,
          null,
          pirError,
          null,
          delivery.delivered(),
          "the eUICC reported an installation error"
              + (loaded.stoppedEarly()
                  ? " after segment " + loaded.sequencesSent() + " of " + loaded.sequencesTotal()
                  : ""));
    }
    lpa.finish(
        DownloadStep.HANDLE_NOTIFICATION.name(), delivery.delivered(), null, delivery.error());
    return new DownloadResult(
        DownloadOutcome.INSTALLED,
        iccid,
        transactionId,
        delivery.delivered() ? null : DownloadStep.HANDLE_NOTIFICATION,
        null,
        null,
        null,
        delivery.delivered(),
        delivery.delivered()
            ? "installed, notification " + md.getSeqNumber().value + " delivered"
            : "installed; notification not delivered yet: " + delivery.error());
  }

  /**
   * SGP.22 5.7.14 ES10b.CancelSession on the eUICC, then 5.6.5 ES9+.CancelSession at the SM-DP+
   * with the signed response; the latter only while the SM-DP+ holds an authenticated session (not
   * after it refused authenticateClient: {@code LpaTest}).
   */
  private String cancel(int reason) {
    try {
      Decoded<CancelSessionResponse> r = es10.cancelSession(transactionId, reason);
      euiccSessionOpen = false;
      if (r.value().getCancelSessionResponseOk() == null) {
        lpa.note(
            "CancelSession refused by the eUICC: " + r.value().getCancelSessionResponseError());
        return "; eUICC CancelSession error "
            + Es10Codes.named(
                Es10Codes.CANCEL_SESSION_ERROR,
                r.value().getCancelSessionResponseError().intValue());
      }
      if (!smdpSessionOpen) {
        lpa.note(
            "session "
                + transactionId
                + " cancelled on the eUICC: "
                + Lpa.cancelReasonName(reason)
                + "; the SM-DP+ ended its side when it refused authenticateClient");
        return "";
      }
      es9.cancelSession(request.smdp(), new CancelSessionRequestEs9(transactionId, r.encoded()));
      lpa.note("session " + transactionId + " cancelled: " + Lpa.cancelReasonName(reason));
      return "";
    } catch (Es10Exception e) {
      return "; eUICC CancelSession failed: " + e.getMessage();
    } catch (Es9Exception e) {
      return "; SM-DP+ cancelSession failed: " + e.getMessage();
    }
  }

  /**
   * SGP.22 section 3.1.2: the serverAddress the SM-DP+ signed in serverSigned1 must be the one the
   * LPA contacted. Hosts compare case-insensitively (activation codes carry upper-case hosts); the
   * port is not compared, as SM-DP+s sign their FQDN.
   */
  private void checkServerAddress(SmdpAddress asked, byte[] serverSigned1) throws DownloadAbort {
    String signed;
    try {
      signed = new String(Tlv.parse(serverSigned1).get(0x83).value(), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      signed = null;
    }
    String signedHost = null;
    if (signed != null) {
      try {
        signedHost = SmdpAddress.parseLenient(signed).host();
      } catch (IllegalArgumentException e) {
        signedHost = signed;
      }
    }
    if (signedHost == null || !signedHost.equalsIgnoreCase(asked.host())) {
      throw DownloadAbort.of(
          DownloadStep.INITIATE_AUTHENTICATION,
          DownloadOutcome.FAILED,
          -1,
          "serverSigned1 names SM-DP+ address '"
              + signed
              + "', but the LPA contacted '"
              + asked.value()
              + "'");
    }
  }

  /**
   * SGP.22 section 3.6.2: the event's server answered with a CERT.DSauth, so it is an (alternative)
   * SM-DS; the event retrieval goes on there in this session, the EventID as matchingId, unless the
   * chain is too long or loops. Returns null: {@link #cascade} holds the answer.
   */
  private DownloadResult followSmds(SmdpAddress smds, InitiateAuthenticationResponse init)
      throws DownloadAbort {
    String host = smds.host().toLowerCase(Locale.ROOT);
    String refusal =
        smdsChain.contains(host)
            ? "the SM-DS cascade comes back to " + smds.value() + " " + smdsChain
            : smdsChain.size() > MAX_SMDS_HOPS
                ? "the SM-DS cascade "
                    + smdsChain
                    + " -> "
                    + smds.value()
                    + " is longer than "
                    + MAX_SMDS_HOPS
                    + " hop(s) after the first SM-DS"
                : null;
    if (refusal != null) {
      throw DownloadAbort.of(
          DownloadStep.INITIATE_AUTHENTICATION,
          DownloadOutcome.FAILED,
          -1,
          "event " + request.matchingId() + ": " + refusal);
    }
    lpa.finish(
        DownloadStep.INITIATE_AUTHENTICATION.name(),
        true,
        null,
        smds.value() + " is an SM-DS (CERT.DSauth): event retrieval there");
    lpa.step("DISCOVER");
    DiscoveryResult r;
    try {
      r = lpa.retrieveAuthenticated(smds, init, request.matchingId());
    } catch (Es9Exception e) {
      r =
          Lpa.notRetrieved(
              smds,
              e.statusCodeData().orElse(null),
              "SM-DS " + smds.value() + ": " + e.getMessage());
    } catch (Es10Exception | CodecException | IllegalArgumentException e) {
      r = Lpa.notRetrieved(smds, null, "event retrieval: " + e.getMessage());
    }
    lpa.finish("DISCOVER", r.ok(), Lpa.code(r.statusCode()), r.message());
    if (!r.ok()) {
      throw new DownloadAbort(
          DownloadStep.INITIATE_AUTHENTICATION,
          DownloadOutcome.FAILED,
          r.statusCode(),
          null,
          -1,
          "event " + request.matchingId() + " at SM-DS " + smds.value() + ": " + r.message(),
          null);
    }
    cascade = r;
    return null;
  }

  private static Optional<X509Certificate> certificate(byte[] der) {
    try {
      return Optional.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)
                  .generateCertificate(new ByteArrayInputStream(der)));
    } catch (CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isSmds(byte[] serverCertificate) {
    try {
      return certificate(serverCertificate)
          .map(c -> CertFacts.role(c).equals(Optional.of(Role.DS_AUTH)))
          .orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * SGP.22 section 4.1: an activation code naming an SM-DP+ OID is only for the SM-DP+ whose
   * CERT.DPauth carries that OID; nothing was asked of the eUICC yet, so nothing is cancelled.
   */
  private void checkSmdpOid(byte[] serverCertificate) throws DownloadAbort {
    if (request.smdpOid() == null) {
      return;
    }
    List<String> oids;
    try {
      oids = certificate(serverCertificate).map(CertFacts::registeredIds).orElse(List.of());
    } catch (RuntimeException e) {
      oids = List.of();
    }
    if (!oids.contains(request.smdpOid())) {
      throw DownloadAbort.of(
          DownloadStep.INITIATE_AUTHENTICATION,
          DownloadOutcome.FAILED,
          -1,
          "the SM-DP+ certificate carries OID "
              + oids
              + ", the activation code names "
              + request.smdpOid());
    }
  }

  private ProfileMetadata metadata(byte[] encoded) throws DownloadAbort {
    try {
      return ProfileMetadata.of(Asn1Codec.decode(encoded, StoreMetadataRequest::new), encoded);
    } catch (CodecException | IllegalArgumentException e) {
      throw new DownloadAbort(
          DownloadStep.AUTHENTICATE_CLIENT,
          DownloadOutcome.FAILED,
          null,
          null,
          METADATA_MISMATCH,
          "profileMetadata unreadable: " + e.getMessage(),
          e);
    }
  }

  private SmdpSigned2 smdpSigned2(byte[] encoded) throws DownloadAbort {
    try {
      return Asn1Codec.decode(encoded, SmdpSigned2::new);
    } catch (CodecException e) {
      throw new DownloadAbort(
          DownloadStep.AUTHENTICATE_CLIENT,
          DownloadOutcome.FAILED,
          null,
          null,
          UNDEFINED_REASON,
          "smdpSigned2 unreadable: " + e.getMessage(),
          e);
    }
  }

  /**
   * SGP.22 section 2.9.2.2 (LPA side, before consent): a profile with PPRs needs, for each PPR, a
   * RAT rule allowing it for its owner ({@link ProfilePolicyAuthorisationRule}, the rule the eUICC
   * applies again at installation); otherwise the download is cancelled with pprNotAllowed.
   */
  private void checkPprs(ProfileMetadata metadata) throws DownloadAbort {
    int pprs =
        metadata.profilePolicyRules()
            & (ProfilePolicyAuthorisationRule.PPR1 | ProfilePolicyAuthorisationRule.PPR2);
    if (pprs == 0) {
      return;
    }
    GetRatResponse rat = es10Call(DownloadStep.CONSENT, es10::getRat);
    int missing =
        ProfilePolicyAuthorisationRule.notAllowed(rules(rat), pprs, metadata.ownerMccMnc());
    if (missing != 0) {
      throw DownloadAbort.of(
          DownloadStep.CONSENT,
          DownloadOutcome.FAILED,
          PPR_NOT_ALLOWED,
          "the RAT does not allow "
              + ProfilePolicyAuthorisationRule.name(missing)
              + " for this operator");
    }
  }

  /** SGP.22 section 2.9.2.2: the RAT's rules as GetRAT returned them (none when it sent none). */
  private static List<ProfilePolicyAuthorisationRule> rules(GetRatResponse rat) {
    List<ProfilePolicyAuthorisationRule> out = new ArrayList<>();
    if (rat.getRat() == null) {
      return out;
    }
    for (org.rspharness.asn1.rsp.ProfilePolicyAuthorisationRule r :
        rat.getRat().getProfilePolicyAuthorisationRule()) {
      byte[] ids = r.getPprIds() == null ? new byte[0] : r.getPprIds().value;
      List<byte[]> operators = new ArrayList<>();
      if (r.getAllowedOperators() != null) {
        for (OperatorID op : r.getAllowedOperators().getOperatorID()) {
          operators.add(op.getMccMnc() == null ? null : op.getMccMnc().value);
        }
      }
      byte[] flags = r.getPprFlags() == null ? new byte[0] : r.getPprFlags().value;
      out.add(
          new ProfilePolicyAuthorisationRule(
              ids.length == 0 ? 0 : ids[0] & 0xFF,
              operators,
              flags.length > 0 && (flags[0] & 0x80) != 0)); // consentRequired(0)
    }
    return out;
  }

  /**
   * SGP.22 section 3.4.1: the eUICC checks the BPP against the metadata; the LPA cannot see the
   * encrypted segments, so it only checks the package is a BF36 before sending it.
   */
  private static void checkBppIsBoundProfilePackage(byte[] bpp) throws DownloadAbort {
    try {
      Tlv t = Tlv.parse(bpp);
      if (t.tag() != 0xBF36) {
        throw new CodecException("tag " + t.tagHex() + " instead of BF36", "offset 0");
      }
    } catch (CodecException e) {
      throw new DownloadAbort(
          DownloadStep.GET_BOUND_PROFILE_PACKAGE,
          DownloadOutcome.FAILED,
          null,
          null,
          LOAD_BPP_EXECUTION_ERROR,
          "boundProfilePackage malformed: " + e.getMessage(),
          e);
    }
  }

  private static <T> T es10Call(DownloadStep step, Supplier<T> call) throws DownloadAbort {
    try {
      return call.get();
    } catch (Es10Exception e) {
      throw new DownloadAbort(
          step,
          DownloadOutcome.FAILED,
          null,
          e.statusWord() >= 0 ? String.format("SW %04X", e.statusWord()) : null,
          UNDEFINED_REASON,
          e.getMessage(),
          e);
    }
  }

  @FunctionalInterface
  private interface Es9Call<T> {
    T call() throws Es9Exception;
  }

  private static <T> T es9Call(DownloadStep step, Es9Call<T> call) throws DownloadAbort {
    try {
      return call.call();
    } catch (Es9Exception e) {
      throw es9Abort(step, e);
    }
  }

  /**
   * The CancelSession reason after an ES9+ failure: timeout when the connection timed out, was
   * reset or closed early (SGP.22 section 5.6.5: the order stays downloadable); postponed for a
   * refused confirmation code with attempts left (the user enters it again, and SGP.22 section
   * 5.6.5 keeps the order downloadable only for postponed and timeout); else undefinedReason.
   */
  private static DownloadAbort es9Abort(DownloadStep step, Es9Exception e) {
    boolean ccRefused =
        e.statusCodeData()
            .map(d -> "8.2.7".equals(d.subjectCode()) && "3.8".equals(d.reasonCode()))
            .orElse(false);
    // the network, not the user or the SM-DP+, ended the exchange: a timeout, so the order
    // stays downloadable and the user can simply try again
    boolean lostConnection =
        e.transportKind()
            .map(
                k ->
                    k == RspHttpException.Kind.TIMEOUT
                        || k == RspHttpException.Kind.CONNECTION_RESET
                        || k == RspHttpException.Kind.CONNECTION_CLOSED
                        || k == RspHttpException.Kind.TRUNCATED_RESPONSE)
            .orElse(false);
    int reason = lostConnection ? TIMEOUT : ccRefused ? POSTPONED : UNDEFINED_REASON;
    return new DownloadAbort(
        step,
        DownloadOutcome.FAILED,
        e.statusCodeData().orElse(null),
        null,
        reason,
        e.getMessage(),
        e);
  }
}
