package org.rspharness.core.asn1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;

/**
 * SGP.22 section 5.7 / 5.6: takes the signed data objects out of received messages as received,
 * without decoding and re-encoding them, because every SGP.22 signature is over the bytes as sent
 * (a re-encoding could differ, e.g. in extension elements or a BER length form).
 *
 * <p>Each method returns the signed TLV (tag and length included) and the value of the '5F37'
 * signature next to it. Chained inputs are the caller's business: e.g. euiccSignature2 covers
 * euiccSigned2 followed by the smdpSignature2 TLV, and smdpSignature2 covers smdpSigned2 followed
 * by the euiccSignature1 TLV (SGP.22 v2, ES10b.PrepareDownload and ES9+.AuthenticateClient; as far
 * as we know). Verified on real data: euiccSignPIR covers the whole ProfileInstallationResultData
 * TLV ('BF27' tag and length included) and euiccNotificationSignature the whole
 * tbsOtherNotification TLV ('BF2F' ...).
 *
 * <p>Every method throws {@link CodecException} (with the offset) when the message does not have
 * the expected shape, e.g. an error response where an Ok response was expected.
 */
public final class SignedParts {

  /** Tag of every SGP.22 signature: [APPLICATION 55]. */
  public static final int SIGNATURE_TAG = 0x5F37;

  private static final int SEQUENCE = 0x30;
  private static final int OK_CHOICE = 0xA0;

  private SignedParts() {}

  /** serverSigned1 and serverSignature1 of an ES10b AuthenticateServerRequest ('BF38'). */
  public static SignedPart serverSigned1(byte[] authenticateServerRequest) {
    Tlv req = expect(Tlv.parse(authenticateServerRequest), 0xBF38, "AuthenticateServerRequest");
    return firstSequenceAndSignature(req, "serverSigned1");
  }

  /** euiccSigned1 and euiccSignature1 of an ES10b AuthenticateServerResponse ('BF38'). */
  public static SignedPart euiccSigned1(byte[] authenticateServerResponse) {
    Tlv resp = expect(Tlv.parse(authenticateServerResponse), 0xBF38, "AuthenticateServerResponse");
    return firstSequenceAndSignature(okChoice(resp, "authenticateResponseOk"), "euiccSigned1");
  }

  /** smdpSigned2 and smdpSignature2 of an ES10b PrepareDownloadRequest ('BF21'). */
  public static SignedPart smdpSigned2(byte[] prepareDownloadRequest) {
    Tlv req = expect(Tlv.parse(prepareDownloadRequest), 0xBF21, "PrepareDownloadRequest");
    return firstSequenceAndSignature(req, "smdpSigned2");
  }

  /** euiccSigned2 and euiccSignature2 of an ES10b PrepareDownloadResponse ('BF21'). */
  public static SignedPart euiccSigned2(byte[] prepareDownloadResponse) {
    Tlv resp = expect(Tlv.parse(prepareDownloadResponse), 0xBF21, "PrepareDownloadResponse");
    return firstSequenceAndSignature(okChoice(resp, "downloadResponseOk"), "euiccSigned2");
  }

  /** euiccCancelSessionSigned and its signature of an ES10b CancelSessionResponse ('BF41'). */
  public static SignedPart euiccCancelSessionSigned(byte[] cancelSessionResponse) {
    Tlv resp = expect(Tlv.parse(cancelSessionResponse), 0xBF41, "CancelSessionResponse");
    return firstSequenceAndSignature(
        okChoice(resp, "cancelSessionResponseOk"), "euiccCancelSessionSigned");
  }

  /**
   * ProfileInstallationResultData ('BF27', whole TLV) and euiccSignPIR of a
   * ProfileInstallationResult ('BF37').
   */
  public static SignedPart profileInstallationResultData(byte[] profileInstallationResult) {
    return profileInstallationResultData(Tlv.parse(profileInstallationResult));
  }

  /** As {@link #profileInstallationResultData(byte[])}, from a parsed 'BF37'. */
  public static SignedPart profileInstallationResultData(Tlv profileInstallationResult) {
    Tlv pir = expect(profileInstallationResult, 0xBF37, "ProfileInstallationResult");
    return new SignedPart(pir.get(0xBF27), pir.get(SIGNATURE_TAG).value());
  }

  /**
   * tbsOtherNotification ('BF2F', whole TLV) and euiccNotificationSignature of an
   * OtherSignedNotification ('30').
   */
  public static SignedPart tbsOtherNotification(byte[] otherSignedNotification) {
    return tbsOtherNotification(Tlv.parse(otherSignedNotification));
  }

  /** As {@link #tbsOtherNotification(byte[])}, from a parsed '30'. */
  public static SignedPart tbsOtherNotification(Tlv otherSignedNotification) {
    Tlv n = expect(otherSignedNotification, SEQUENCE, "OtherSignedNotification");
    Tlv tbs = n.child(0);
    expect(tbs, 0xBF2F, "tbsOtherNotification");
    return new SignedPart(tbs, n.get(SIGNATURE_TAG).value());
  }

  /**
   * The signed part of one PendingNotification: a ProfileInstallationResult ('BF37') or an
   * OtherSignedNotification ('30').
   */
  public static SignedPart pendingNotification(Tlv pendingNotification) {
    return switch (pendingNotification.tag()) {
      case 0xBF37 -> profileInstallationResultData(pendingNotification);
      case SEQUENCE -> tbsOtherNotification(pendingNotification);
      default ->
          throw new CodecException(
              "PendingNotification must be BF37 or 30, found " + pendingNotification.tagHex(),
              "offset " + pendingNotification.offset());
    };
  }

  /**
   * The PendingNotifications of an ES10b RetrieveNotificationsList response ('BF2B' / 'A0'), as
   * parsed TLVs; an empty list for a notificationsListResultError.
   */
  public static List<Tlv> pendingNotifications(byte[] retrieveNotificationsListResponse) {
    Tlv resp =
        expect(
            Tlv.parse(retrieveNotificationsListResponse),
            0xBF2B,
            "RetrieveNotificationsListResponse");
    if (resp.find(OK_CHOICE).isEmpty()) {
      return Collections.emptyList();
    }
    return new ArrayList<>(resp.get(OK_CHOICE).children());
  }

  private static SignedPart firstSequenceAndSignature(Tlv container, String what) {
    Tlv signed = container.child(0);
    expect(signed, SEQUENCE, what);
    return new SignedPart(signed, container.get(SIGNATURE_TAG).value());
  }

  private static Tlv okChoice(Tlv response, String what) {
    Tlv first = response.child(0);
    if (first.tag() != OK_CHOICE) {
      throw new CodecException(
          response.tagHex() + " carries " + first.tagHex() + ", not " + what + " (A0)",
          "offset " + first.offset());
    }
    return first;
  }

  private static Tlv expect(Tlv tlv, int tag, String what) {
    if (tlv.tag() != tag) {
      throw new CodecException(
          "expected "
              + what
              + " ("
              + org.rspharness.core.util.Hex.encode(org.rspharness.core.tlv.TlvWriter.tagBytes(tag))
              + "), found tag "
              + tlv.tagHex(),
          "offset " + tlv.offset());
    }
    return tlv;
  }
}
