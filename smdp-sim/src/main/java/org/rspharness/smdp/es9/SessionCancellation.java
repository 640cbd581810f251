package org.rspharness.smdp.es9;

import java.util.Arrays;
import java.util.List;
import org.rspharness.asn1.rsp.EuiccCancelSessionSigned;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderEvent;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionStore;

/**
 * SGP.22 section 5.6.5 ES9+.CancelSession as the SM-DP+ applies it: the eUICC's signature over
 * euiccCancelSessionSigned, the transactionId and the smdpOid (of CERT.DPauth), then the order
 * moves by the reason and the session ends.
 */
final class SessionCancellation {

  private final CredentialSource credentials;
  private final SessionStore sessions;
  private final EventLog events;
  private final OperatorProgress progress;

  SessionCancellation(
      CredentialSource credentials,
      SessionStore sessions,
      EventLog events,
      OperatorProgress progress) {
    this.credentials = credentials;
    this.sessions = sessions;
    this.events = events;
    this.progress = progress;
  }

  /**
   * SGP.22 5.6.5 (caller holds the session's lock): the order stays downloadable for postponed and
   * timeout and goes to Error for the other reasons.
   */
  void cancel(CancelSessionRequestEs9 r, RspSession s) {
    byte[] csr = r.cancelSessionResponse();
    EuiccAuthentication.decode(
        csr, org.rspharness.asn1.rsp.CancelSessionResponse::new, "cancelSessionResponse");
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
        EuiccAuthentication.decode(
            part.signedBytes(), EuiccCancelSessionSigned::new, "euiccCancelSessionSigned");
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
          progress.notify(
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
}
