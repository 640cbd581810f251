package org.rspharness.scenario.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rspharness.core.util.Durations;

/**
 * What a step does: an operator function on ES2+, a device (LPA + eUICC) operation, a raw ES10
 * command, a wait, or a group of steps. Each record's components are the fields of its YAML object;
 * {@link #key()} is the YAML key naming it. String fields may hold templates such as {@code
 * ${iccid}}, resolved by the engine.
 */
public sealed interface Action {

  /** Result fields a step may capture. */
  Set<String> CAPTURABLE =
      Set.of(
          "iccid",
          "eid",
          "matchingId",
          "activationCode",
          "transactionId",
          "smdpAddress",
          "sw",
          "response",
          "seqNumber",
          "eventIds",
          "smds");

  /** The YAML key of this action. */
  String key();

  /** Operator functions (ES2+), run against the SM-DP+. */
  sealed interface Operator extends Action {}

  /** Operations of one device: the LPA and its eUICC. */
  sealed interface Device extends Action {
    /** The device name from the topology. */
    String device();
  }

  /** Steps holding other steps. */
  sealed interface Group extends Action {
    /** The nested steps. */
    List<Step> steps();
  }

  /**
   * SGP.22 section 5.3.1 ES2+.DownloadOrder: reserves a profile (by ICCID or by profile type),
   * optionally for one EID.
   */
  record DownloadOrder(String eid, String iccid, String profileType) implements Operator {
    /** Needs an ICCID or a profile type. */
    public DownloadOrder {
      if (iccid == null && profileType == null) {
        throw new IllegalArgumentException("iccid: expected an iccid or a profileType");
      }
    }

    @Override
    public String key() {
      return "downloadOrder";
    }
  }

  /**
   * SGP.22 section 5.3.2 ES2+.ConfirmOrder: confirms the order, sets the matchingId and
   * confirmation code; {@code releaseFlag} false leaves a ReleaseProfile to do.
   */
  record ConfirmOrder(
      String iccid,
      String eid,
      String matchingId,
      String confirmationCode,
      String smdsAddress,
      boolean releaseFlag)
      implements Operator {
    /** Needs the ICCID. */
    public ConfirmOrder {
      require("iccid", iccid);
    }

    @Override
    public String key() {
      return "confirmOrder";
    }
  }

  /** SGP.22 section 5.3.3 ES2+.CancelOrder: ends an order; the profile becomes this status. */
  record CancelOrder(String iccid, String eid, String matchingId, FinalStatus finalProfileStatus)
      implements Operator {
    /** Needs the ICCID and the final status. */
    public CancelOrder {
      require("iccid", iccid);
      if (finalProfileStatus == null) {
        throw new IllegalArgumentException("finalProfileStatus: missing; Available or Unavailable");
      }
    }

    @Override
    public String key() {
      return "cancelOrder";
    }
  }

  /** The finalProfileStatusIndicator of CancelOrder (SGP.22 section 5.3.3). */
  enum FinalStatus {
    AVAILABLE,
    UNAVAILABLE;

    /** The SGP.22 spelling. */
    public String specName() {
      String n = name().toLowerCase(Locale.ROOT);
      return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
  }

  /** SGP.22 section 5.3.4 ES2+.ReleaseProfile: makes a confirmed profile downloadable. */
  record ReleaseProfile(String iccid) implements Operator {
    /** Needs the ICCID. */
    public ReleaseProfile {
      require("iccid", iccid);
    }

    @Override
    public String key() {
      return "releaseProfile";
    }
  }

  /**
   * SGP.22 section 5.3.5 ES2+.HandleDownloadProgressInfo: waits until the SM-DP+ has called the
   * operator back for {@code iccid} at this notification point (null: any point).
   */
  record WaitForCallback(String iccid, Integer notificationPointId, Duration timeout)
      implements Operator {
    /** Needs the ICCID and a positive timeout. */
    public WaitForCallback {
      require("iccid", iccid);
      if (notificationPointId != null && (notificationPointId < 1 || notificationPointId > 255)) {
        throw new IllegalArgumentException("notificationPointId: expected 1 to 255");
      }
      positive("timeout", timeout);
    }

    @Override
    public String key() {
      return "waitForCallback";
    }
  }

  /**
   * SGP.22 section 3.1.3 profile download: by activation code, or (when {@code activationCode} is
   * null) from the eUICC's default SM-DP+ address; {@code confirmationCode} when the LPA is asked
   * for one.
   */
  record Download(
      String device, String activationCode, String confirmationCode, UserConsent consent)
      implements Device {
    /** Needs the device; consent defaults to accept. */
    public Download {
      require("device", device);
      if (consent == null) {
        consent = UserConsent.ACCEPT;
      }
    }

    /** A download the user accepts. */
    public Download(String device, String activationCode, String confirmationCode) {
      this(device, activationCode, confirmationCode, UserConsent.ACCEPT);
    }

    @Override
    public String key() {
      return "download";
    }
  }

  /**
   * SGP.22 section 3.6.2 then 3.1.3: the device retrieves its events at an SM-DS ({@code smds}, or
   * its eUICC's root SM-DS address) over ES11 and downloads each, the EventID as matchingId.
   */
  record Discover(String device, String smds) implements Device {
    /** Needs the device. */
    public Discover {
      require("device", device);
    }

    @Override
    public String key() {
      return "discover";
    }
  }

  /**
   * The end user's answer when the LPA asks for consent (SGP.22 section 3.1.3.2): reject and
   * postpone end the download with CancelSession endUserRejection(0) / postponed(1).
   */
  enum UserConsent {
    ACCEPT,
    REJECT,
    POSTPONE;

    /** The file spelling. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** SGP.22 section 5.7.16 ES10c.EnableProfile. */
  record Enable(String device, String iccid, boolean refresh) implements Device {
    /** Needs device and ICCID. */
    public Enable {
      require("device", device);
      require("iccid", iccid);
    }

    @Override
    public String key() {
      return "enable";
    }
  }

  /** SGP.22 section 5.7.17 ES10c.DisableProfile. */
  record Disable(String device, String iccid, boolean refresh) implements Device {
    /** Needs device and ICCID. */
    public Disable {
      require("device", device);
      require("iccid", iccid);
    }

    @Override
    public String key() {
      return "disable";
    }
  }

  /** SGP.22 section 5.7.18 ES10c.DeleteProfile. */
  record Delete(String device, String iccid) implements Device {
    /** Needs device and ICCID. */
    public Delete {
      require("device", device);
      require("iccid", iccid);
    }

    @Override
    public String key() {
      return "delete";
    }
  }

  /** SGP.22 section 5.7.21 ES10c.SetNickname. */
  record Nickname(String device, String iccid, String nickname) implements Device {
    /** Needs device, ICCID and a nickname of at most 64 characters. */
    public Nickname {
      require("device", device);
      require("iccid", iccid);
      if (nickname == null || nickname.length() > 64) {
        throw new IllegalArgumentException("nickname: expected a text of at most 64 characters");
      }
    }

    @Override
    public String key() {
      return "nickname";
    }
  }

  /** SGP.22 section 5.7.19 ES10c.eUICCMemoryReset with its three reset options. */
  record MemoryReset(
      String device,
      boolean deleteOperationalProfiles,
      boolean deleteFieldLoadedTestProfiles,
      boolean resetDefaultSmdpAddress)
      implements Device {
    /** Needs the device. */
    public MemoryReset {
      require("device", device);
    }

    @Override
    public String key() {
      return "memoryReset";
    }
  }

  /** SGP.22 section 3.5: the LPA sends the eUICC's pending notifications and removes them. */
  record ProcessNotifications(String device) implements Device {
    /** Needs the device. */
    public ProcessNotifications {
      require("device", device);
    }

    @Override
    public String key() {
      return "processNotifications";
    }
  }

  /** Power off and on the eUICC (card reset); state held in non-volatile memory survives. */
  record PowerCycle(String device) implements Device {
    /** Needs the device. */
    public PowerCycle {
      require("device", device);
    }

    @Override
    public String key() {
      return "powerCycle";
    }
  }

  /**
   * A raw ES10 command (the STORE DATA payload, hex), e.g. {@code BF2E00} GetEuiccChallenge (SGP.22
   * section 5.7.7); {@code ${name}} parts are filled with captured hex.
   */
  record Es10(String device, String command) implements Device {
    /** Hex byte pairs and templates. */
    public static final String HEX_WITH_TEMPLATES = "([0-9A-Fa-f]{2}|\\$\\{[^}]+})+";

    /** Needs the device and even-length hex. */
    public Es10 {
      require("device", device);
      if (command == null || !command.matches(HEX_WITH_TEMPLATES)) {
        throw new IllegalArgumentException(
            "command: expected hex bytes such as BF2E00 (may hold ${captures}), got '"
                + command
                + "'");
      }
    }

    @Override
    public String key() {
      return "es10";
    }
  }

  /**
   * Moves protocol time forward (the embedded SM-DP+'s and the eUICCs' clock), e.g. past an order's
   * expiry (SGP.22 section 5.3.1 DownloadOrder) without waiting for it.
   */
  record AdvanceClock(Duration by) implements Action {
    /** Needs a positive duration. */
    public AdvanceClock {
      positive("by", by);
    }

    @Override
    public String key() {
      return "advanceClock";
    }
  }

  /** Waits until {@code condition} holds, failing after {@code timeout}. */
  record WaitUntil(Expectation condition, Duration timeout) implements Action {
    /** Needs the condition and a positive timeout. */
    public WaitUntil {
      if (condition == null) {
        throw new IllegalArgumentException("condition: missing");
      }
      positive("timeout", timeout);
    }

    @Override
    public String key() {
      return "waitUntil";
    }
  }

  /** Runs {@code steps} {@code times} times; {@code ${index}} (when named) counts from 0. */
  record Repeat(int times, String index, List<Step> steps) implements Group {
    /** Needs at least one time and one step. */
    public Repeat {
      if (times < 1) {
        throw new IllegalArgumentException("times: expected at least 1");
      }
      if (index != null && !Step.IDENTIFIER.matcher(index).matches()) {
        throw new IllegalArgumentException("index: expected a name, got '" + index + "'");
      }
      steps = nonEmpty(steps);
    }

    @Override
    public String key() {
      return "repeat";
    }
  }

  /** Runs {@code steps} once per value, with {@code ${var}} set to it. */
  record ForEach(String var, List<String> values, List<Step> steps) implements Group {
    /** Needs a variable name, values and steps. */
    public ForEach {
      if (var == null || !Step.IDENTIFIER.matcher(var).matches()) {
        throw new IllegalArgumentException("var: expected a name, got '" + var + "'");
      }
      if (values == null || values.isEmpty()) {
        throw new IllegalArgumentException("values: expected a non-empty list");
      }
      values = List.copyOf(values);
      steps = nonEmpty(steps);
    }

    @Override
    public String key() {
      return "forEach";
    }
  }

  /** Runs each step as its own branch, all at once (typically one branch per device). */
  record Parallel(List<Step> steps) implements Group {
    /** Needs at least two branches. */
    public Parallel {
      steps = nonEmpty(steps);
      if (steps.size() < 2) {
        throw new IllegalArgumentException("steps: a parallel group needs at least 2 branches");
      }
    }

    @Override
    public String key() {
      return "parallel";
    }
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": missing; expected a text");
    }
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(field + ": expected " + Durations.EXPECTED);
    }
  }

  private static List<Step> nonEmpty(List<Step> steps) {
    if (steps == null || steps.isEmpty()) {
      throw new IllegalArgumentException("steps: expected a non-empty list of steps");
    }
    return List.copyOf(steps);
  }
}
