package org.rspharness.euicc.card;

/**
 * SGP.22 section 5.7: the name of an ES10 command by its request tag, as fault rules and reports
 * name it (matching is case-insensitive, so {@code GetEUICCChallenge} works too).
 *
 * <p>Names follow the SGP.22 functions; where the function and its ASN.1 type differ the ASN.1 name
 * is used for BF30 ({@code NotificationSent}, the function ES10b.RemoveNotificationFromList) and
 * BF3E ({@code GetEID}, the type GetEuiccDataRequest). Unknown tags are named by their hex value,
 * e.g. {@code BF99}. Commands that are not ES10 (the APDU-level frame around them) are {@link
 * #MANAGE_CHANNEL}, {@link #SELECT}, {@link #TERMINAL_CAPABILITY}, {@link #GET_RESPONSE} (only when
 * nothing is pending; otherwise GET RESPONSE belongs to the command it continues) and {@code
 * INS-xx} for any other instruction.
 */
public final class Es10CommandNames {

  /** BF36: the whole Bound Profile Package, all of its STORE DATA sequences. */
  public static final String LOAD_BOUND_PROFILE_PACKAGE = "LoadBoundProfilePackage";

  /** MANAGE CHANNEL (open or close). */
  public static final String MANAGE_CHANNEL = "ManageChannel";

  /** SELECT by AID. */
  public static final String SELECT = "Select";

  /** TERMINAL CAPABILITY. */
  public static final String TERMINAL_CAPABILITY = "TerminalCapability";

  /** A GET RESPONSE with no command before it on its channel. */
  public static final String GET_RESPONSE = "GetResponse";

  /** STORE DATA blocks whose first block was not seen (e.g. right after a reset). */
  public static final String STORE_DATA = "StoreData";

  private Es10CommandNames() {}

  /** The ES10 command name of request tag {@code tag}. */
  public static String of(int tag) {
    return switch (tag) {
      case 0xBF36 -> LOAD_BOUND_PROFILE_PACKAGE;
      case 0xBF38 -> "AuthenticateServer";
      case 0xBF21 -> "PrepareDownload";
      case 0xBF2E -> "GetEuiccChallenge";
      case 0xBF20 -> "GetEuiccInfo1";
      case 0xBF22 -> "GetEuiccInfo2";
      case 0xBF28 -> "ListNotification";
      case 0xBF2B -> "RetrieveNotificationsList";
      case 0xBF30 -> "NotificationSent";
      case 0xBF41 -> "CancelSession";
      case 0xBF43 -> "GetRAT";
      case 0xBF35 -> "LoadCRL";
      case 0xBF31 -> "EnableProfile";
      case 0xBF32 -> "DisableProfile";
      case 0xBF33 -> "DeleteProfile";
      case 0xBF2D -> "GetProfilesInfo";
      case 0xBF29 -> "SetNickname";
      case 0xBF34 -> "eUICCMemoryReset";
      case 0xBF3E -> "GetEID";
      case 0xBF3C -> "GetEuiccConfiguredAddresses";
      case 0xBF3F -> "SetDefaultDpAddress";
      case 0xBF42 -> "LpaeActivation";
      case 0xBF2A -> "UpdateMetadata";
      default -> String.format("%X", tag);
    };
  }

  /** The name of a non-ES10 instruction. */
  static String ofInstruction(int ins) {
    return switch (ins) {
      case 0x70 -> MANAGE_CHANNEL;
      case 0xA4 -> SELECT;
      case 0xAA -> TERMINAL_CAPABILITY;
      case 0xC0 -> GET_RESPONSE;
      case 0xE2 -> STORE_DATA;
      default -> String.format("INS-%02X", ins);
    };
  }

  /** True for the tags a BPP sequence after the first one starts with (SGP.22 section 2.5.5). */
  public static boolean continuesPackage(int tag) {
    return tag == 0xA0
        || tag == 0xA1
        || tag == 0xA2
        || tag == 0xA3
        || tag == 0x86
        || tag == 0x87
        || tag == 0x88;
  }
}
