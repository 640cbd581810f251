package org.rspharness.scenario.report;

import java.util.Arrays;
import java.util.Map;
import org.rspharness.euicc.card.Es10CommandNames;

/**
 * What the report knows of ES10 over APDUs (SGP.22 section 5.7): the names of common tags for TLV
 * trees and the data field of a command APDU (whether a response reports a failure inside a 9000:
 * {@link org.rspharness.lpa.es10.Es10Results}).
 */
final class Es10 {

  /**
   * Tags that mean the same wherever they appear (SGP.22 section 5.7 and annex H; X.690), other
   * than the ES10 request tags: those are named by the one table of ES10 command names, {@link
   * Es10CommandNames} (BF36 keeps its ASN.1 type name here, as it also travels as ES9+ data).
   */
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0xBF23, "InitialiseSecureChannelRequest"),
          Map.entry(0xBF24, "ConfigureISDPRequest"),
          Map.entry(0xBF25, "StoreMetadataRequest / ProfileInfo"),
          Map.entry(0xBF26, "ReplaceSessionKeysRequest"),
          Map.entry(0xBF27, "ProfileInstallationResultData"),
          Map.entry(0xBF2F, "NotificationMetadata"),
          Map.entry(0xBF36, "BoundProfilePackage"),
          Map.entry(0xBF37, "ProfileInstallationResult"),
          Map.entry(0xBF39, "InitiateAuthentication"),
          Map.entry(0xBF3A, "GetBoundProfilePackage"),
          Map.entry(0xBF3B, "AuthenticateClient"),
          Map.entry(0xBF3D, "HandleNotification"),
          Map.entry(0xBF40, "AuthenticateClientResponseEs11"),
          Map.entry(0xE3, "ProfileInfo"),
          Map.entry(0x5A, "EID / ICCID"),
          Map.entry(0x4F, "ISD-P AID"),
          Map.entry(0x5C, "tagList"),
          Map.entry(0x5F37, "signature"),
          Map.entry(0x5F49, "one-time public key"),
          Map.entry(0x7F21, "GP certificate"),
          Map.entry(0x86, "profile segment (86)"),
          Map.entry(0x87, "ConfigureISDP / ReplaceSessionKeys segment (87)"),
          Map.entry(0x88, "StoreMetadata segment (88)"),
          Map.entry(0x01, "BOOLEAN"),
          Map.entry(0x02, "INTEGER"),
          Map.entry(0x03, "BIT STRING"),
          Map.entry(0x04, "OCTET STRING"),
          Map.entry(0x05, "NULL"),
          Map.entry(0x06, "OBJECT IDENTIFIER"),
          Map.entry(0x0C, "UTF8String"),
          Map.entry(0x13, "PrintableString"),
          Map.entry(0x17, "UTCTime"),
          Map.entry(0x18, "GeneralizedTime"),
          Map.entry(0x30, "SEQUENCE"),
          Map.entry(0x31, "SET"));

  /** Context tags named by their parent (SGP.22 ASN.1 of the parent type). */
  private static final Map<Integer, Map<Integer, String>> IN_PARENT =
      Map.of(
          0xBF36,
          Map.of(
              0xA0, "firstSequenceOf87",
              0xA1, "sequenceOf88",
              0xA2, "secondSequenceOf87",
              0xA3, "sequenceOf86"),
          0xBF23,
          Map.of(0x82, "remoteOpId", 0x80, "transactionId", 0xA6, "controlRefTemplate"),
          0xBF27,
          Map.of(0x80, "transactionId", 0xA2, "finalResult"),
          0xBF2E,
          Map.of(0x80, "euiccChallenge"),
          0xBF2F,
          Map.of(
              0x80, "seqNumber", 0x81, "profileManagementOperation", 0x0C, "notificationAddress"),
          0xBF38,
          Map.of(0xA0, "authenticateResponseOk", 0xA1, "authenticateResponseError"),
          0xBF21,
          Map.of(0xA0, "downloadResponseOk", 0xA1, "downloadResponseError"));

  private Es10() {}

  /** The name of {@code tag} seen inside {@code parentTag} (0 at top level), or null. */
  static String name(int parentTag, int tag) {
    Map<Integer, String> scoped = IN_PARENT.get(parentTag);
    if (scoped != null && scoped.containsKey(tag)) {
      return scoped.get(tag);
    }
    if (parentTag == 0xA2 && tag == 0xA0) {
      return "successResult";
    }
    if (parentTag == 0xA2 && tag == 0xA1) {
      return "errorResult";
    }
    String own = NAMES.get(tag);
    return own != null ? own : command(tag);
  }

  /** The ES10 function whose request tag is {@code tag} (BFxx), or null when it is none. */
  static String command(int tag) {
    if ((tag >> 8) != 0xBF) {
      return null;
    }
    String name = Es10CommandNames.of(tag);
    // the table names unknown tags by their hex value
    return name.equals(String.format("%X", tag)) ? null : name;
  }

  /**
   * The data field of a command APDU (ISO 7816-4 cases 3/4, short or extended length), or an empty
   * array when there is none or the APDU is malformed.
   */
  static byte[] commandData(byte[] apdu) {
    if (apdu == null || apdu.length <= 5) {
      return new byte[0];
    }
    int lc = apdu[4] & 0xFF;
    int start = 5;
    if (lc == 0 && apdu.length >= 7) {
      lc = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
      start = 7;
    }
    if (lc == 0 || start + lc > apdu.length) {
      return new byte[0];
    }
    return Arrays.copyOfRange(apdu, start, start + lc);
  }

  /** True for STORE DATA (INS E2), the command that carries ES10 TLVs. */
  static boolean isStoreData(byte[] apdu) {
    return apdu != null && apdu.length >= 4 && (apdu[1] & 0xFF) == 0xE2;
  }

  /** True for a STORE DATA block that is not the last one of its ES10 command (P1 b8 clear). */
  static boolean moreBlocks(byte[] apdu) {
    return isStoreData(apdu) && (apdu[2] & 0x80) == 0;
  }

  /** True for GET RESPONSE (INS C0), which fetches the rest of a long response. */
  static boolean isGetResponse(byte[] apdu) {
    return apdu != null && apdu.length >= 4 && (apdu[1] & 0xFF) == 0xC0;
  }

  /** The response data without its status word (empty when there is none). */
  static byte[] responseData(byte[] response) {
    if (response == null || response.length < 2) {
      return new byte[0];
    }
    return Arrays.copyOf(response, response.length - 2);
  }

  /** True when the status word is 61xx: more response data waits for GET RESPONSE. */
  static boolean moreData(byte[] response) {
    return response != null
        && response.length >= 2
        && (response[response.length - 2] & 0xFF) == 0x61;
  }
}
