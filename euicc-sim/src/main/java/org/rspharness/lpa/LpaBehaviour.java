package org.rspharness.lpa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an LPA behaves where SGP.22 leaves it a choice, and real LPAs differ (SM-DP+ vendors trip on
 * the differences). {@code spec} is the default; the other presets take each setting from the
 * public source named in {@link #PRESET_SOURCES}, and keep the {@code spec} value for every setting
 * their source does not document.
 *
 * @param preset the preset these settings started from
 * @param storeDataBlockSize data bytes per ES10 STORE DATA block (6..255)
 * @param logicalChannel ES10 on a logical channel opened with MANAGE CHANNEL (CLA coding the
 *     channel), or on the basic channel 0 (CLA 80)
 * @param connectionPerCall a new TLS connection for each ES9+ call ({@code Connection: close})
 *     instead of keep-alive
 * @param cancelReason which CancelSessionReason the LPA sends when a download fails
 * @param adminProtocol the X-Admin-Protocol header value
 * @param userAgent the User-Agent header value
 * @param notificationAttempts ES9+.HandleNotification attempts per notification (at least 1)
 * @param removeUndelivered remove a notification from the eUICC even when it was not delivered
 *     (SGP.22 3.5: it is removed only once delivered)
 * @param es11Path where ES11 calls go (SGP.22 5.8): {@code /gsma/rsp2/es9plus/} in every preset,
 *     since the GSMA root SM-DS answers 404 on {@code /gsma/rsp2/es11/} and LPAs reuse their ES9+
 *     code for ES11; {@code es11} to test an SM-DS that serves the ES11 paths
 */
public record LpaBehaviour(
    String preset,
    int storeDataBlockSize,
    boolean logicalChannel,
    boolean connectionPerCall,
    CancelReasonPolicy cancelReason,
    String adminProtocol,
    String userAgent,
    int notificationAttempts,
    boolean removeUndelivered,
    org.rspharness.lpa.es11.Es11Client.PathVariant es11Path) {

  /** Which CancelSessionReason a failed download sends. */
  public enum CancelReasonPolicy {
    /** SGP.22 5.7.14: the reason of the failure (timeout, metadataMismatch, ...). */
    PER_FAILURE,
    /** endUserRejection(0) whatever failed, as one common LPA does. */
    ALWAYS_END_USER_REJECTION;

    /** The reason to send for a failure whose own reason is {@code perFailure}. */
    public int reason(int perFailure) {
      return this == PER_FAILURE ? perFailure : Lpa.END_USER_REJECTION;
    }
  }

  /** The SGP.22 values: 120-byte blocks, a logical channel, keep-alive, reasons per failure. */
  public static final LpaBehaviour SPEC =
      new LpaBehaviour(
          "spec",
          120,
          true,
          false,
          CancelReasonPolicy.PER_FAILURE,
          "gsma/rsp/v2.2.0",
          "gsma-rsp-lpad",
          3,
          false,
          org.rspharness.lpa.es11.Es11Client.PathVariant.ES9PLUS);

  /** Where each preset's settings come from. */
  public static final Map<String, String> PRESET_SOURCES;

  private static final Map<String, LpaBehaviour> PRESETS;

  static {
    Map<String, LpaBehaviour> p = new LinkedHashMap<>();
    Map<String, String> s = new LinkedHashMap<>();
    p.put("spec", SPEC);
    s.put("spec", "SGP.22 v2.2.2 sections 5.7 and 6.5 (the harness defaults)");
    // lpac (github.com/estkme-group/lpac) docs/ENVVARS.md: LPAC_CUSTOM_ES10X_MSS "default: 120,
    // min: 6, max: 255"; LPAC_CUSTOM_ISD_R_AID is the AID "used to open the logic channel".
    p.put("lpac", SPEC.toBuilder("lpac").storeDataBlockSize(120).logicalChannel(true).build());
    s.put(
        "lpac",
        "lpac docs/ENVVARS.md: STORE DATA segments of 120 bytes (LPAC_CUSTOM_ES10X_MSS default),"
            + " ISD-R on a logical channel (LPAC_CUSTOM_ISD_R_AID); other settings: spec");
    // ChromeOS hermes (chromiumos platform2 hermes/smdp.cc): X-Admin-Protocol gsma/rsp/v2.2.2,
    // User-Agent gsma-rsp-lpad.
    p.put(
        "chromeos-hermes",
        SPEC.toBuilder("chromeos-hermes")
            .adminProtocol("gsma/rsp/v2.2.2")
            .userAgent("gsma-rsp-lpad")
            .build());
    s.put(
        "chromeos-hermes",
        "chromiumos platform2 hermes/smdp.cc: X-Admin-Protocol gsma/rsp/v2.2.2, User-Agent"
            + " gsma-rsp-lpad; other settings: spec");
    // Field reports gathered in the project's protocol notes: one common LPA sends
    // endUserRejection for every failure.
    p.put(
        "end-user-rejection-always",
        SPEC.toBuilder("end-user-rejection-always")
            .cancelReason(CancelReasonPolicy.ALWAYS_END_USER_REJECTION)
            .build());
    s.put(
        "end-user-rejection-always",
        "field reports (an LPA that sends endUserRejection(0) for every failure); other settings:"
            + " spec");
    PRESETS = Map.copyOf(p);
    PRESET_SOURCES = java.util.Collections.unmodifiableMap(s);
  }

  /** Checks every setting. */
  public LpaBehaviour {
    if (storeDataBlockSize < 6 || storeDataBlockSize > 255) {
      throw new IllegalArgumentException(
          "storeDataBlockSize: " + storeDataBlockSize + " is not 6..255");
    }
    if (notificationAttempts < 1) {
      throw new IllegalArgumentException("notificationAttempts: at least 1");
    }
    if (adminProtocol == null || adminProtocol.isBlank()) {
      throw new IllegalArgumentException("adminProtocol: must not be blank");
    }
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent: must not be blank");
    }
    if (cancelReason == null) {
      throw new IllegalArgumentException("cancelReason: missing");
    }
    if (es11Path == null) {
      throw new IllegalArgumentException("es11Path: missing");
    }
  }

  /** The preset named {@code name}; IllegalArgumentException naming the presets otherwise. */
  public static LpaBehaviour preset(String name) {
    LpaBehaviour b = PRESETS.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
    if (b == null) {
      throw new IllegalArgumentException(
          "preset: unknown '" + name + "'; one of " + List.copyOf(PRESET_SOURCES.keySet()));
    }
    return b;
  }

  /** The preset names in documentation order. */
  public static List<String> presets() {
    return List.copyOf(PRESET_SOURCES.keySet());
  }

  /**
   * A preset ({@code preset}, default spec) with single settings overridden, as scenario files and
   * {@code load} give them: {@code storeDataBlockSize}, {@code logicalChannel}, {@code
   * connectionPerCall}, {@code cancelReason} (per-failure | always-end-user-rejection), {@code
   * adminProtocol}, {@code userAgent}, {@code notificationAttempts}, {@code removeUndelivered},
   * {@code es11Path} (es9plus | es11).
   */
  public static LpaBehaviour of(Map<String, ?> settings) {
    Object presetName = settings.get("preset");
    Builder b = preset(presetName == null ? "spec" : presetName.toString()).toBuilder(null);
    for (Map.Entry<String, ?> e : settings.entrySet()) {
      String v = String.valueOf(e.getValue()).trim();
      switch (e.getKey()) {
        case "preset" -> {}
        case "storeDataBlockSize" -> b.storeDataBlockSize(integer(e.getKey(), v));
        case "logicalChannel" -> b.logicalChannel(bool(e.getKey(), v));
        case "connectionPerCall" -> b.connectionPerCall(bool(e.getKey(), v));
        case "cancelReason" -> b.cancelReason(cancelPolicy(v));
        case "adminProtocol" -> b.adminProtocol(v);
        case "userAgent" -> b.userAgent(v);
        case "notificationAttempts" -> b.notificationAttempts(integer(e.getKey(), v));
        case "removeUndelivered" -> b.removeUndelivered(bool(e.getKey(), v));
        case "es11Path" -> b.es11Path(org.rspharness.lpa.es11.Es11Client.PathVariant.parse(v));
        default ->
            throw new IllegalArgumentException(
                e.getKey()
                    + ": unknown LPA setting; expected one of [preset, storeDataBlockSize,"
                    + " logicalChannel, connectionPerCall, cancelReason, adminProtocol, userAgent,"
                    + " notificationAttempts, removeUndelivered, es11Path]");
      }
    }
    return b.build();
  }

  /**
   * The command-line form: a preset name, then settings as {@code key=value}, comma-separated
   * ({@code lpac}, {@code spec,storeDataBlockSize=255}, {@code connectionPerCall=true}).
   */
  public static LpaBehaviour parse(String text) {
    Map<String, Object> settings = new LinkedHashMap<>();
    String[] parts = text == null ? new String[0] : text.split(",");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      int eq = part.indexOf('=');
      if (eq < 0 && i == 0) {
        settings.put("preset", part);
      } else if (eq <= 0) {
        throw new IllegalArgumentException(
            "'" + part + "': expected a preset first, then KEY=VALUE settings");
      } else {
        settings.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return of(settings);
  }

  private static int integer(String key, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected a number, got '" + v + "'");
    }
  }

  private static boolean bool(String key, String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(key + ": expected true or false, got '" + v + "'");
  }

  private static CancelReasonPolicy cancelPolicy(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "per-failure" -> CancelReasonPolicy.PER_FAILURE;
      case "always-end-user-rejection" -> CancelReasonPolicy.ALWAYS_END_USER_REJECTION;
      default ->
          throw new IllegalArgumentException(
              "cancelReason: expected per-failure or always-end-user-rejection, got '" + v + "'");
    };
  }

  /** The ES10 client options these settings give (block size, channel). */
  public org.rspharness.lpa.es10.Es10Client.Options es10Options(String eventSource) {
    return new org.rspharness.lpa.es10.Es10Client.Options(
        storeDataBlockSize, eventSource, logicalChannel, true);
  }

  /** {@code base} with these settings' X-Admin-Protocol and User-Agent. */
  public org.rspharness.lpa.es9.Es9PlusClient.Config es9Config(
      org.rspharness.lpa.es9.Es9PlusClient.Config base) {
    return base.withAdminProtocol(adminProtocol).withUserAgent(userAgent);
  }

  /** One line naming the preset and every setting, for start-up summaries and reports. */
  public String describe() {
    return preset
        + " (STORE DATA "
        + storeDataBlockSize
        + " bytes, "
        + (logicalChannel ? "logical channel" : "basic channel")
        + ", "
        + (connectionPerCall ? "connection per call" : "keep-alive")
        + ", cancel "
        + cancelReason.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + ", "
        + adminProtocol
        + ", "
        + userAgent
        + ", "
        + notificationAttempts
        + " notification attempt(s)"
        + (removeUndelivered ? ", removes undelivered" : "")
        + ", ES11 on "
        + es11Path.path()
        + ")";
  }

  /** A builder starting from these settings, named {@code newPreset} (null: keep the name). */
  public Builder toBuilder(String newPreset) {
    return new Builder(this, newPreset == null ? preset : newPreset);
  }

  /** Builds a behaviour setting by setting. */
  public static final class Builder {
    private final String preset;
    private int storeDataBlockSize;
    private boolean logicalChannel;
    private boolean connectionPerCall;
    private CancelReasonPolicy cancelReason;
    private String adminProtocol;
    private String userAgent;
    private int notificationAttempts;
    private boolean removeUndelivered;
    private org.rspharness.lpa.es11.Es11Client.PathVariant es11Path;

    private Builder(LpaBehaviour b, String preset) {
      this.preset = preset;
      storeDataBlockSize = b.storeDataBlockSize;
      logicalChannel = b.logicalChannel;
      connectionPerCall = b.connectionPerCall;
      cancelReason = b.cancelReason;
      adminProtocol = b.adminProtocol;
      userAgent = b.userAgent;
      notificationAttempts = b.notificationAttempts;
      removeUndelivered = b.removeUndelivered;
      es11Path = b.es11Path;
    }

    public Builder es11Path(org.rspharness.lpa.es11.Es11Client.PathVariant v) {
      es11Path = v;
      return this;
    }

    public Builder storeDataBlockSize(int v) {
      storeDataBlockSize = v;
      return this;
    }

    public Builder logicalChannel(boolean v) {
      logicalChannel = v;
      return this;
    }

    public Builder connectionPerCall(boolean v) {
      connectionPerCall = v;
      return this;
    }

    public Builder cancelReason(CancelReasonPolicy v) {
      cancelReason = v;
      return this;
    }

    public Builder adminProtocol(String v) {
      adminProtocol = v;
      return this;
    }

    public Builder userAgent(String v) {
      userAgent = v;
      return this;
    }

    public Builder notificationAttempts(int v) {
      notificationAttempts = v;
      return this;
    }

    public Builder removeUndelivered(boolean v) {
      removeUndelivered = v;
      return this;
    }

    public LpaBehaviour build() {
      return new LpaBehaviour(
          preset,
          storeDataBlockSize,
          logicalChannel,
          connectionPerCall,
          cancelReason,
          adminProtocol,
          userAgent,
          notificationAttempts,
          removeUndelivered,
          es11Path);
    }
  }
}
