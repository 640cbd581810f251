package org.rspharness.smdp.es9;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.rspharness.asn1.rsp.NotificationMetadata;
import org.rspharness.asn1.rsp.ProfileInstallationResultData;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderEvent;
import org.rspharness.smdp.order.OrderStore;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionStore;

/**
 * SGP.22 section 5.6.4 ES9+.HandleNotification as the SM-DP+ receives it: a
 * ProfileInstallationResult ends the download's session and moves its order, another signed
 * notification (enable, disable, delete) is passed on to the operator.
 */
final class NotificationReceiver {

  private final CredentialSource credentials;
  private final EuiccAuthentication auth;
  private final OrderStore orders;
  private final SessionStore sessions;
  private final EventLog events;
  private final OperatorProgress progress;
  private final String source;
  private final boolean lenientIds;

  NotificationReceiver(
      CredentialSource credentials,
      EuiccAuthentication auth,
      OrderStore orders,
      SessionStore sessions,
      EventLog events,
      OperatorProgress progress,
      String source,
      boolean lenientIds) {
    this.credentials = credentials;
    this.auth = auth;
    this.orders = orders;
    this.sessions = sessions;
    this.events = events;
    this.progress = progress;
    this.source = source;
    this.lenientIds = lenientIds;
  }

  /**
   * SGP.22 section 5.6.4: verifies a ProfileInstallationResult (signature with the session's eUICC
   * certificate) or another signed notification (its own certificates). The function has no output
   * on the wire; the outcome is returned for logs and tests.
   */
  NotificationOutcome receive(HandleNotification r) {
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
        source,
        new EventPayload.Note(
            "handleNotification " + (out.accepted() ? "accepted: " : "refused: ") + out.detail()));
    return out;
  }

  /**
   * SGP.22 5.6.4: the ProfileInstallationResult of a download: Installed or Error, session ends.
   */
  private NotificationOutcome installationResult(Tlv pir) {
    SignedPart part = SignedParts.profileInstallationResultData(pir);
    EuiccAuthentication.decode(
        pir.encoded(),
        org.rspharness.asn1.rsp.ProfileInstallationResult::new,
        "pendingNotification");
    ProfileInstallationResultData data =
        EuiccAuthentication.decode(
            part.signedBytes(),
            ProfileInstallationResultData::new,
            "profileInstallationResultData");
    TransactionId tid = TransactionId.of(data.getTransactionId().value);
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
        progress.notify(
            order, s.eid(), NotificationPoint.BPP_INSTALLATION, why, part.signedBytes());
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

  /** SGP.22 5.6.4: an OtherSignedNotification, verified with the certificates it carries. */
  private NotificationOutcome otherNotification(Tlv n) {
    SignedPart part = SignedParts.tbsOtherNotification(n);
    EuiccAuthentication.decode(
        n.encoded(), org.rspharness.asn1.rsp.OtherSignedNotification::new, "pendingNotification");
    X509Certificate euicc =
        EuiccAuthentication.certificate(
            n.child(2).encoded(), StatusCodes.EUICC_CERTIFICATE_INVALID, "euiccCertificate");
    X509Certificate eum =
        EuiccAuthentication.certificate(
            n.child(3).encoded(), StatusCodes.EUM_CERTIFICATE_INVALID, "eumCertificate");
    auth.verifyEuiccChain(euicc, eum);
    if (!Ecdsa.verify(euicc.getPublicKey(), part.signedBytes(), part.signature())) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID, "euiccNotificationSignature does not verify");
    }
    NotificationMetadata md =
        EuiccAuthentication.decode(
            part.signedBytes(), NotificationMetadata::new, "tbsOtherNotification");
    boolean[] op = Eligibility.bits(md.getProfileManagementOperation());
    NotificationPoint point =
        op.length > 3 && op[3]
            ? NotificationPoint.PROFILE_DELETED
            : op.length > 2 && op[2]
                ? NotificationPoint.PROFILE_DISABLED
                : op.length > 1 && op[1] ? NotificationPoint.PROFILE_ENABLED : null;
    if (point == null || md.getIccid() == null) {
      return NotificationOutcome.ok("notification without a profile operation to report");
    }
    Iccid iccid = Iccid.fromEfIccidUnchecked(md.getIccid().value);
    Optional<Order> order = orders.find(iccid);
    if (order.isEmpty()) {
      return NotificationOutcome.ok("notification for unknown ICCID " + iccid.value());
    }
    progress.notify(order.get(), EuiccAuthentication.eidOf(euicc, lenientIds), point, null, null);
    return NotificationOutcome.ok(point + " for " + iccid.value());
  }
}
