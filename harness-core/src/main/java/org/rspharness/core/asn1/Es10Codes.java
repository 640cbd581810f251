package org.rspharness.core.asn1;

import java.util.Map;

/**
 * Names of the numbered results the eUICC reports inside ES10/ES8+ responses, as our RSP module
 * (from SGP.22 section 5.7 and 2.5.6) names them, so that no number reaches a user without its
 * name.
 */
public final class Es10Codes {

  /** SGP.22 2.5.6 ErrorResult.errorReason of a ProfileInstallationResult. */
  public static final Map<Integer, String> ERROR_REASON =
      Map.ofEntries(
          Map.entry(1, "incorrectInputValues"),
          Map.entry(2, "invalidSignature"),
          Map.entry(3, "invalidTransactionId"),
          Map.entry(4, "unsupportedCrtValues"),
          Map.entry(5, "unsupportedRemoteOperationType"),
          Map.entry(6, "unsupportedProfileClass"),
          Map.entry(7, "scp03tStructureError"),
          Map.entry(8, "scp03tSecurityError"),
          Map.entry(9, "installFailedDueToIccidAlreadyExistsOnEuicc"),
          Map.entry(10, "installFailedDueToInsufficientMemoryForProfile"),
          Map.entry(11, "installFailedDueToInterruption"),
          Map.entry(12, "installFailedDueToPEProcessingError"),
          Map.entry(13, "installFailedDueToIccidMismatch"),
          Map.entry(14, "testProfileInstallFailedDueToInvalidNaaKey"),
          Map.entry(15, "pprNotAllowed"),
          Map.entry(127, "installFailedDueToUnknownError"));

  /** SGP.22 2.5.6 ErrorResult.bppCommandId: the BPP command that failed. */
  public static final Map<Integer, String> BPP_COMMAND_ID =
      Map.of(
          0, "initialiseSecureChannel",
          1, "configureISDP",
          2, "storeMetadata",
          3, "storeMetadata2",
          4, "replaceSessionKeys",
          5, "loadProfileElements");

  /** SGP.22 5.7.13 ES10b.AuthenticateServer: AuthenticateErrorCode. */
  public static final Map<Integer, String> AUTHENTICATE_ERROR =
      Map.of(
          1, "invalidCertificate",
          2, "invalidSignature",
          3, "unsupportedCurve",
          4, "noSessionContext",
          5, "invalidOid",
          6, "euiccChallengeMismatch",
          7, "ciPKUnknown",
          127, "undefinedError");

  /** SGP.22 5.7.5 ES10b.PrepareDownload: DownloadErrorCode. */
  public static final Map<Integer, String> DOWNLOAD_ERROR =
      Map.of(
          1, "invalidCertificate",
          2, "invalidSignature",
          3, "unsupportedCurve",
          4, "noSessionContext",
          5, "invalidTransactionId",
          127, "undefinedError");

  /** SGP.22 5.7.14 ES10b.CancelSession: cancelSessionResponseError. */
  public static final Map<Integer, String> CANCEL_SESSION_ERROR =
      Map.of(5, "invalidTransactionId", 127, "undefinedError");

  private Es10Codes() {}

  /** {@code name(value)}, e.g. {@code installFailedDueToIccidAlreadyExistsOnEuicc(9)}. */
  public static String named(Map<Integer, String> names, int value) {
    return names.getOrDefault(value, "unknown") + "(" + value + ")";
  }
}
