package org.rspharness.core.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SGP.22 status codes an SM-DP+ returns on ES2+ (section 5.3) and ES9+ (section 5.6), as named
 * constants, with lookup by (subject, reason) for one-line log output such as {@code 8.2.7/6.4
 * confirmation code retries exceeded}.
 *
 * <p>Codes drifted between SGP.22 versions and implementations (e.g. "download order expired" is
 * {@code 8.8.5/4.10} in current texts and {@code 8.8.5/4.1} in others). Both spellings are in the
 * catalogue so either is recognised; {@link #drifts()} pairs them and {@link
 * #preferred(StatusCode)} maps a variant to the code the harness emits.
 */
public final class StatusCodes {

  private static final Map<String, StatusCode> BY_KEY = new LinkedHashMap<>();
  private static final List<Drift> DRIFTS = new ArrayList<>();

  private StatusCodes() {}

  private static StatusCode code(String subject, String reason, String meaning) {
    StatusCode c = new StatusCode(subject, reason, meaning);
    if (BY_KEY.putIfAbsent(c.key(), c) != null) {
      throw new IllegalStateException("duplicate status code " + c.key());
    }
    return c;
  }

  // --- Header / transport level (SGP.22 section 6.5.1) -----------------------------------------

  /** The request's Content-Type is not the JSON one SGP.22 requires. */
  public static final StatusCode HEADER_CONTENT_TYPE_INVALID =
      code("1.2.1", "2.1", "invalid content type");

  /** The X-Admin-Protocol version is not supported. */
  public static final StatusCode HEADER_PROTOCOL_VERSION_UNSUPPORTED =
      code("1.2.2", "2.1", "unsupported protocol version");

  // --- eUICC (8.1.x) ---------------------------------------------------------------------------

  /** 8.1/4.8: the eUICC lacks memory for the profile. */
  public static final StatusCode EUICC_INSUFFICIENT_MEMORY =
      code("8.1", "4.8", "eUICC has insufficient memory for the profile");

  /** 8.1/6.1: eUICC signature or serverChallenge invalid. */
  public static final StatusCode EUICC_SIGNATURE_INVALID =
      code("8.1", "6.1", "eUICC signature or server challenge invalid");

  /** 8.1.1/2.2: the EID is missing in the context of this order. */
  public static final StatusCode EID_MISSING = code("8.1.1", "2.2", "EID missing");

  /** 8.1.1/3.8: the EID does not match the expected value. */
  public static final StatusCode EID_REFUSED = code("8.1.1", "3.8", "EID refused (mismatch)");

  /** 8.1.1/3.10: a different EID is already associated with this ICCID. */
  public static final StatusCode EID_DIFFERENT_ASSOCIATED =
      code("8.1.1", "3.10", "a different EID is associated with this ICCID");

  /** 8.1.1/3.1: variant of {@link #EID_DIFFERENT_ASSOCIATED} seen in some code tables. */
  public static final StatusCode EID_DIFFERENT_ASSOCIATED_REASON_3_1 =
      code("8.1.1", "3.1", "a different EID is associated with this ICCID (variant of 3.10)");

  /** 8.1.2/6.1: EUM certificate invalid. */
  public static final StatusCode EUM_CERTIFICATE_INVALID =
      code("8.1.2", "6.1", "EUM certificate invalid");

  /** 8.1.2/6.3: EUM certificate expired. */
  public static final StatusCode EUM_CERTIFICATE_EXPIRED =
      code("8.1.2", "6.3", "EUM certificate expired");

  /** 8.1.3/6.1: eUICC certificate invalid. */
  public static final StatusCode EUICC_CERTIFICATE_INVALID =
      code("8.1.3", "6.1", "eUICC certificate invalid");

  /** 8.1.3/6.3: eUICC certificate expired. */
  public static final StatusCode EUICC_CERTIFICATE_EXPIRED =
      code("8.1.3", "6.3", "eUICC certificate expired");

  // --- Profile (8.2.x) -------------------------------------------------------------------------

  /** 8.2/1.2: the profile has not been released yet (ES2+.ReleaseProfile pending). */
  public static final StatusCode PROFILE_NOT_RELEASED = code("8.2", "1.2", "profile not released");

  /** 8.2/3.7: the bound profile package is not available for a new binding. */
  public static final StatusCode BPP_NOT_AVAILABLE =
      code("8.2", "3.7", "bound profile package not available for a new binding");

  /** 8.2.1/1.2: the caller may not act on this profile. */
  public static final StatusCode PROFILE_ICCID_NOT_ALLOWED =
      code("8.2.1", "1.2", "caller not allowed to act on this profile");

  /** 8.2.1/3.3: the profile with this ICCID is not available. */
  public static final StatusCode PROFILE_ICCID_NOT_AVAILABLE =
      code("8.2.1", "3.3", "profile not available");

  /** 8.2.1/3.5: the profile cannot be released. */
  public static final StatusCode PROFILE_ICCID_CANNOT_BE_RELEASED =
      code("8.2.1", "3.5", "profile cannot be released");

  /** 8.2.1/3.9: the ICCID is unknown to the SM-DP+. */
  public static final StatusCode PROFILE_ICCID_UNKNOWN = code("8.2.1", "3.9", "ICCID unknown");

  /** 8.2.1/3.10: a different EID is associated with this ICCID. */
  public static final StatusCode PROFILE_ICCID_DIFFERENT_EID =
      code("8.2.1", "3.10", "a different EID is associated with this profile");

  /** 8.2.5/1.2: the caller may not use this profile type. */
  public static final StatusCode PROFILE_TYPE_NOT_ALLOWED =
      code("8.2.5", "1.2", "caller not allowed to use this profile type");

  /** 8.2.5/3.7: no more profiles of the requested type. */
  public static final StatusCode PROFILE_TYPE_EXHAUSTED =
      code("8.2.5", "3.7", "no more profiles of this profile type");

  /** 8.2.5/3.8: the profile type does not match the profile identified by the ICCID. */
  public static final StatusCode PROFILE_TYPE_MISMATCH =
      code("8.2.5", "3.8", "profile type does not match the ICCID's profile");

  /** 8.2.5/3.9: the profile type is unknown. */
  public static final StatusCode PROFILE_TYPE_UNKNOWN =
      code("8.2.5", "3.9", "profile type unknown");

  /** 8.2.5/4.3: no eligible profile for this eUICC/device. */
  public static final StatusCode NO_ELIGIBLE_PROFILE =
      code("8.2.5", "4.3", "no eligible profile for this eUICC/device");

  /** 8.2.6/3.3: conflicting matchingId (already in use). */
  public static final StatusCode MATCHING_ID_CONFLICT =
      code("8.2.6", "3.3", "matchingId conflicts with an existing one");

  /** 8.2.6/3.8: matchingId (AC_Token or EventID) refused. */
  public static final StatusCode MATCHING_ID_REFUSED = code("8.2.6", "3.8", "matchingId refused");

  /** 8.2.6/3.10: a different matchingId is associated with this ICCID. */
  public static final StatusCode MATCHING_ID_DIFFERENT_ASSOCIATED =
      code("8.2.6", "3.10", "a different matchingId is associated with this ICCID");

  /** 8.2.6/3.1: variant of {@link #MATCHING_ID_DIFFERENT_ASSOCIATED} seen in some code tables. */
  public static final StatusCode MATCHING_ID_DIFFERENT_ASSOCIATED_REASON_3_1 =
      code(
          "8.2.6", "3.1", "a different matchingId is associated with this ICCID (variant of 3.10)");

  /** 8.2.7/2.2: confirmation code missing. */
  public static final StatusCode CONFIRMATION_CODE_MISSING =
      code("8.2.7", "2.2", "confirmation code missing");

  /** 8.2.7/3.8: confirmation code refused. */
  public static final StatusCode CONFIRMATION_CODE_REFUSED =
      code("8.2.7", "3.8", "confirmation code refused");

  /** 8.2.7/6.4: too many wrong confirmation codes. */
  public static final StatusCode CONFIRMATION_CODE_RETRIES_EXCEEDED =
      code("8.2.7", "6.4", "confirmation code retries exceeded");

  // --- SM-DP+ (8.8.x) --------------------------------------------------------------------------

  /** 8.8/3.10: the SM-DP+ OID (e.g. in a cancel session response) is invalid. */
  public static final StatusCode SMDP_OID_INVALID = code("8.8", "3.10", "invalid SM-DP+ OID");

  /** 8.8/3.1: variant of {@link #SMDP_OID_INVALID} seen in some code tables. */
  public static final StatusCode SMDP_OID_INVALID_REASON_3_1 =
      code("8.8", "3.1", "invalid SM-DP+ OID (variant of 3.10)");

  /** 8.8.1/3.8: the SM-DP+ address is not this server's. */
  public static final StatusCode SMDP_ADDRESS_REFUSED =
      code("8.8.1", "3.8", "invalid SM-DP+ address");

  /** 8.8.2/3.1: none of the eUICC's CI public key identifiers is supported. */
  public static final StatusCode SMDP_NO_SUPPORTED_CI_PKID =
      code("8.8.2", "3.1", "no supported CI public key identifier");

  /** 8.8.3/3.1: the eUICC's specification version number is not supported. */
  public static final StatusCode SMDP_SVN_UNSUPPORTED =
      code("8.8.3", "3.1", "specification version number not supported");

  /** 8.8.4/3.7: no CERT.DPauth signed by a CI the eUICC supports. */
  public static final StatusCode SMDP_NO_CERTIFICATE_FOR_CI =
      code("8.8.4", "3.7", "no SM-DP+ certificate for a CI the eUICC supports");

  /** 8.8.5/4.10: the download order has expired (time to live). */
  public static final StatusCode DOWNLOAD_ORDER_EXPIRED =
      code("8.8.5", "4.10", "download order expired");

  /** 8.8.5/4.1: the same meaning as {@link #DOWNLOAD_ORDER_EXPIRED} in other SGP.22 texts. */
  public static final StatusCode DOWNLOAD_ORDER_EXPIRED_REASON_4_1 =
      code("8.8.5", "4.1", "download order expired (variant of 4.10)");

  /** 8.8.5/6.4: too many download attempts for the order. */
  public static final StatusCode DOWNLOAD_ORDER_RETRIES_EXCEEDED =
      code("8.8.5", "6.4", "download retries exceeded");

  // --- SM-DS (8.9.x), reported by ES2+ ConfirmOrder / CancelOrder ------------------------------

  /** 8.9/4.2: the (cascade) SM-DS registration failed. */
  public static final StatusCode SMDS_EXECUTION_ERROR =
      code("8.9", "4.2", "SM-DS registration failed");

  /** 8.9/5.1: the SM-DS address is invalid or unreachable. */
  public static final StatusCode SMDS_INACCESSIBLE = code("8.9", "5.1", "SM-DS inaccessible");

  /** 8.9.1/3.8: invalid SM-DS address. */
  public static final StatusCode SMDS_ADDRESS_REFUSED =
      code("8.9.1", "3.8", "invalid SM-DS address");

  /** 8.9.2/3.1: no supported CI public key identifier at the SM-DS. */
  public static final StatusCode SMDS_NO_SUPPORTED_CI_PKID =
      code("8.9.2", "3.1", "SM-DS supports none of the CI public key identifiers");

  /** 8.9.3/3.1: SVN not supported by the SM-DS. */
  public static final StatusCode SMDS_SVN_UNSUPPORTED =
      code("8.9.3", "3.1", "specification version number not supported by the SM-DS");

  /** 8.9.4/3.7: the SM-DS has no certificate for a CI the eUICC supports. */
  public static final StatusCode SMDS_NO_CERTIFICATE_FOR_CI =
      code("8.9.4", "3.7", "no SM-DS certificate for a CI the eUICC supports");

  /** 8.9.5/3.3: the event record already exists (EventID duplicated). */
  public static final StatusCode EVENT_RECORD_ALREADY_EXISTS =
      code("8.9.5", "3.3", "event record already exists");

  /** 8.9.5/3.9: no event with this EventID for the EID. */
  public static final StatusCode EVENT_RECORD_UNKNOWN =
      code("8.9.5", "3.9", "event record unknown");

  // --- Session and PKI -------------------------------------------------------------------------

  /** 8.10.1/3.9: the transactionId names no ongoing RSP session. */
  public static final StatusCode TRANSACTION_ID_UNKNOWN =
      code("8.10.1", "3.9", "transactionId unknown");

  /** 8.11.1/3.9: the CI of the EUM certificate is not a trusted root. */
  public static final StatusCode CI_PUBLIC_KEY_UNKNOWN =
      code("8.11.1", "3.9", "CI public key unknown");

  /** A code whose spelling differs between SGP.22 versions or implementations. */
  public record Drift(StatusCode preferred, StatusCode variant, String note) {}

  static {
    DRIFTS.add(
        new Drift(
            DOWNLOAD_ORDER_EXPIRED,
            DOWNLOAD_ORDER_EXPIRED_REASON_4_1,
            "order expired is 8.8.5/4.10 (reason 'time to live expired') in current texts;"
                + " 8.8.5/4.1 appears in other versions and implementations"));
    DRIFTS.add(
        new Drift(
            SMDP_OID_INVALID,
            SMDP_OID_INVALID_REASON_3_1,
            "invalid SM-DP+ OID is 8.8/3.10; some code tables give 8.8/3.1"));
    DRIFTS.add(
        new Drift(
            MATCHING_ID_DIFFERENT_ASSOCIATED,
            MATCHING_ID_DIFFERENT_ASSOCIATED_REASON_3_1,
            "a different matchingId associated is 8.2.6/3.10; some code tables give 8.2.6/3.1"));
    DRIFTS.add(
        new Drift(
            EID_DIFFERENT_ASSOCIATED,
            EID_DIFFERENT_ASSOCIATED_REASON_3_1,
            "a different EID associated is 8.1.1/3.10; some code tables give 8.1.1/3.1"));
  }

  private static final Map<String, String> SUBJECTS =
      Map.ofEntries(
          Map.entry("8.1", "eUICC"),
          Map.entry("8.1.1", "EID"),
          Map.entry("8.1.2", "EUM certificate"),
          Map.entry("8.1.3", "eUICC certificate"),
          Map.entry("8.2", "profile"),
          Map.entry("8.2.1", "profile ICCID"),
          Map.entry("8.2.5", "profile type"),
          Map.entry("8.2.6", "matchingId"),
          Map.entry("8.2.7", "confirmation code"),
          Map.entry("8.2.8", "profile policy rules"),
          Map.entry("8.2.9", "profile metadata"),
          Map.entry("8.8", "SM-DP+"),
          Map.entry("8.8.1", "SM-DP+ address"),
          Map.entry("8.8.2", "SM-DP+ security configuration"),
          Map.entry("8.8.3", "specification version number"),
          Map.entry("8.8.4", "SM-DP+ certificate"),
          Map.entry("8.8.5", "download order"),
          Map.entry("8.9", "SM-DS"),
          Map.entry("8.9.1", "SM-DS address"),
          Map.entry("8.9.2", "SM-DS security configuration"),
          Map.entry("8.9.3", "SM-DS specification version number"),
          Map.entry("8.9.4", "SM-DS certificate"),
          Map.entry("8.9.5", "event record"),
          Map.entry("8.10.1", "transactionId"),
          Map.entry("8.11.1", "CI public key"));

  private static final Map<String, String> REASONS =
      Map.ofEntries(
          Map.entry("1.2", "not allowed"),
          Map.entry("2.1", "invalid"),
          Map.entry("2.2", "mandatory element missing"),
          Map.entry("3.1", "unsupported"),
          Map.entry("3.3", "already in use"),
          Map.entry("3.7", "unavailable"),
          Map.entry("3.8", "refused"),
          Map.entry("3.9", "unknown"),
          Map.entry("3.10", "invalid association"),
          Map.entry("3.11", "value has changed"),
          Map.entry("4.2", "execution error"),
          Map.entry("4.3", "stopped on warning"),
          Map.entry("4.8", "insufficient memory"),
          Map.entry("4.10", "time to live expired"),
          Map.entry("5.1", "inaccessible"),
          Map.entry("6.1", "verification failed"),
          Map.entry("6.3", "expired"),
          Map.entry("6.4", "maximum number of retries exceeded"));

  /** Every code of the catalogue, drift variants included, in declaration order. */
  public static List<StatusCode> all() {
    return List.copyOf(BY_KEY.values());
  }

  /** The catalogue entry for these codes, if any. Null arguments give empty. */
  public static Optional<StatusCode> find(String subjectCode, String reasonCode) {
    if (subjectCode == null || reasonCode == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_KEY.get(subjectCode + "/" + reasonCode));
  }

  /**
   * One line for logs: the catalogue entry ({@code 8.2.7/6.4 confirmation code retries exceeded}),
   * or for codes outside the catalogue the generic subject and reason names where known ({@code
   * 1.6/2.1 (not in the SGP.22 catalogue; reason: invalid)}).
   */
  public static String describe(String subjectCode, String reasonCode) {
    Optional<StatusCode> known = find(subjectCode, reasonCode);
    if (known.isPresent()) {
      return known.get().toString();
    }
    StringBuilder sb = new StringBuilder();
    sb.append(subjectCode).append('/').append(reasonCode).append(" (not in the SGP.22 catalogue");
    String subject = subjectCode == null ? null : SUBJECTS.get(subjectCode);
    String reason = reasonCode == null ? null : REASONS.get(reasonCode);
    if (subject != null) {
      sb.append("; subject: ").append(subject);
    }
    if (reason != null) {
      sb.append("; reason: ").append(reason);
    }
    return sb.append(')').toString();
  }

  /** Generic name of a subject code (e.g. 8.2.7 "confirmation code"), if known. */
  public static Optional<String> subjectName(String subjectCode) {
    return Optional.ofNullable(subjectCode == null ? null : SUBJECTS.get(subjectCode));
  }

  /** Generic name of a reason code (e.g. 6.4 "maximum number of retries exceeded"), if known. */
  public static Optional<String> reasonName(String reasonCode) {
    return Optional.ofNullable(reasonCode == null ? null : REASONS.get(reasonCode));
  }

  /** The known drifts between spellings of the same code. */
  public static List<Drift> drifts() {
    return Collections.unmodifiableList(DRIFTS);
  }

  /** The spelling the harness emits for {@code code}: itself unless it is a drift variant. */
  public static StatusCode preferred(StatusCode code) {
    for (Drift d : DRIFTS) {
      if (d.variant().key().equals(code.key())) {
        return d.preferred();
      }
    }
    return code;
  }

  /** The drift note for a code, when it is either side of a known drift. */
  public static Optional<String> driftNote(StatusCode code) {
    for (Drift d : DRIFTS) {
      if (d.variant().key().equals(code.key()) || d.preferred().key().equals(code.key())) {
        return Optional.of(d.note());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the received codes mean {@code expected}, accepting the drift variants: a scenario
   * expecting "order expired" passes on 8.8.5/4.10 and on 8.8.5/4.1.
   */
  public static boolean sameMeaning(StatusCode expected, String subjectCode, String reasonCode) {
    Optional<StatusCode> got = find(subjectCode, reasonCode);
    return got.isPresent() && preferred(got.get()).key().equals(preferred(expected).key());
  }
}
