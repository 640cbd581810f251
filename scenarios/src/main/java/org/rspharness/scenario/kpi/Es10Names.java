package org.rspharness.scenario.kpi;

import java.util.Map;
import java.util.Set;

/**
 * SGP.22 section 5.7: the ES10 function a STORE DATA payload carries, from its outer tag (as the
 * ASN.1 module gives it, e.g. {@code GetEuiccChallengeRequest ::= [46]}, tag BF2E).
 */
final class Es10Names {

  private static final Map<String, String> BY_TAG =
      Map.ofEntries(
          Map.entry("BF20", "GetEuiccInfo1"),
          Map.entry("BF21", "PrepareDownload"),
          Map.entry("BF22", "GetEuiccInfo2"),
          Map.entry("BF28", "ListNotification"),
          Map.entry("BF29", "SetNickname"),
          Map.entry("BF2B", "RetrieveNotificationsList"),
          Map.entry("BF2D", "GetProfilesInfo"),
          Map.entry("BF2E", "GetEuiccChallenge"),
          Map.entry("BF30", "NotificationSent"),
          Map.entry("BF31", "EnableProfile"),
          Map.entry("BF32", "DisableProfile"),
          Map.entry("BF33", "DeleteProfile"),
          Map.entry("BF34", "EuiccMemoryReset"),
          Map.entry("BF35", "LoadCRL"),
          Map.entry("BF36", "LoadBoundProfilePackage"),
          Map.entry("BF38", "AuthenticateServer"),
          Map.entry("BF3C", "GetEuiccConfiguredAddresses"),
          Map.entry("BF3E", "GetEID"),
          Map.entry("BF3F", "SetDefaultDpAddress"),
          Map.entry("BF41", "CancelSession"),
          Map.entry("BF43", "GetRAT"));

  /**
   * SGP.22 section 2.5.5: after the BF36 header (with BF23), the BPP goes as further STORE DATA
   * sequences that start with these tags (A0 ConfigureISDP, A1 StoreMetadata header, 88 its
   * segments, A2 ReplaceSessionKeys, A3 header, 86 the profile segments; 87 kept for tolerance).
   */
  private static final Set<String> BPP_CONTINUATION =
      Set.of("A0", "A1", "A2", "A3", "86", "87", "88");

  static final String LOAD_BPP = "LoadBoundProfilePackage";

  private Es10Names() {}

  /** The function named by {@code tag} (upper-case hex), or null when the table lacks it. */
  static String byTag(String tag) {
    return BY_TAG.get(tag);
  }

  /** True when a sequence starting with {@code tag} continues a LoadBoundProfilePackage. */
  static boolean continuesBpp(String tag) {
    return BPP_CONTINUATION.contains(tag);
  }
}
