package org.rspharness.scenario.report;

import java.util.Map;
import org.rspharness.euicc.card.Es10CommandNames;

/**
 * The names the report gives ES10 data (SGP.22 section 5.7) in TLV trees: common tags and the ES10
 * request tags. The data itself comes reassembled in each {@link
 * org.rspharness.core.event.EventPayload.Es10Command} event, not from APDUs.
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
}
