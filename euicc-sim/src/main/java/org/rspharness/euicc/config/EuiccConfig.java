package org.rspharness.euicc.config;

import java.util.List;
import java.util.Set;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ppr.ProfilePolicyAuthorisationRule;
import org.rspharness.core.util.Hex;
import org.rspharness.core.util.Records;

/**
 * What an eUICC declares and allows, apart from its identity: SGP.22 section 4.3 EUICCInfo2
 * content, memory for profiles, the configured SM-DP+ / SM-DS addresses (ES10a) and the Rules
 * Authorisation Table (section 2.9.2).
 *
 * @param svn SGP.22 version supported, "major.minor.revision" (EUICCInfo1/2 svn)
 * @param profileVersion SAIP profile package version supported
 * @param firmwareVersion euiccFirmwareVer
 * @param globalPlatformVersion globalplatformVersion, or null to leave it out
 * @param javacardVersion javacardVersion, or null to leave it out
 * @param ppVersion Protection Profile version
 * @param sasAccreditationNumber SAS accreditation number (0..64 characters)
 * @param memoryBudget bytes of profile data the eUICC can hold (sum of installed profile packages)
 * @param defaultSmdpAddress the factory default SM-DP+ address, or null for none
 * @param rootSmdsAddress the root SM-DS address (mandatory in EuiccConfiguredAddresses)
 * @param curves curves the eUICC uses; empty means every curve its credentials cover
 * @param rat the Rules Authorisation Table
 * @param testProfileSupport whether profiles of class test may be installed
 * @param maxProfiles how many profiles the eUICC holds at most (0: as many as memory allows); a
 *     full eUICC refuses ConfigureISDP with installFailedDueToInsufficientMemoryForProfile, as
 *     SGP.22 v2 has no reason of its own for it
 */
public record EuiccConfig(
    String svn,
    String profileVersion,
    String firmwareVersion,
    String globalPlatformVersion,
    String javacardVersion,
    String ppVersion,
    String sasAccreditationNumber,
    long memoryBudget,
    String defaultSmdpAddress,
    String rootSmdsAddress,
    Set<Curve> curves,
    List<RatRule> rat,
    boolean testProfileSupport,
    int maxProfiles) {

  /** Default memory budget: 1 MiB (a TS.48 test profile is about 12 KB). */
  public static final long DEFAULT_MEMORY_BUDGET = 1024 * 1024;

  /**
   * SGP.22 section 2.9.2.2: one rule of the Rules Authorisation Table.
   *
   * @param ppr1 the rule allows PPR1 (disabling not allowed)
   * @param ppr2 the rule allows PPR2 (deletion not allowed)
   * @param allowedMccMnc profile owners the rule applies to: 6 hex digits of the 3-byte TS 24.008
   *     MCC/MNC coding, where a nibble E matches any digit ("EEEEEE" matches every operator)
   * @param consentRequired whether the end user must consent (pprFlags bit 0)
   */
  public record RatRule(
      boolean ppr1, boolean ppr2, List<String> allowedMccMnc, boolean consentRequired) {
    /** Validates and copies. */
    public RatRule {
      allowedMccMnc = List.copyOf(allowedMccMnc);
      for (String m : allowedMccMnc) {
        if (!m.matches("[0-9A-Fa-f]{6}")) {
          throw new IllegalArgumentException("allowedMccMnc must be 6 hex digits: " + m);
        }
      }
    }

    /** This rule as the one RAT matching rule reads it. */
    public ProfilePolicyAuthorisationRule authorisationRule() {
      return new ProfilePolicyAuthorisationRule(
          (ppr1 ? ProfilePolicyAuthorisationRule.PPR1 : 0)
              | (ppr2 ? ProfilePolicyAuthorisationRule.PPR2 : 0),
          allowedMccMnc.stream().map(Hex::decode).toList(),
          consentRequired);
    }
  }

  /** Validates and copies. */
  public EuiccConfig {
    for (String[] v :
        new String[][] {
          {"svn", svn},
          {"profileVersion", profileVersion},
          {"firmwareVersion", firmwareVersion},
          {"ppVersion", ppVersion}
        }) {
      requireVersion(v[0], v[1]);
    }
    if (globalPlatformVersion != null) {
      requireVersion("globalPlatformVersion", globalPlatformVersion);
    }
    if (javacardVersion != null) {
      requireVersion("javacardVersion", javacardVersion);
    }
    if (sasAccreditationNumber == null || sasAccreditationNumber.length() > 64) {
      throw new IllegalArgumentException("sasAccreditationNumber must be 0..64 characters");
    }
    if (maxProfiles < 0) {
      throw new IllegalArgumentException("maxProfiles must be >= 0: " + maxProfiles);
    }
    if (memoryBudget < 0) {
      throw new IllegalArgumentException("memoryBudget must be >= 0: " + memoryBudget);
    }
    if (rootSmdsAddress == null || rootSmdsAddress.isEmpty()) {
      throw new IllegalArgumentException("rootSmdsAddress must be set");
    }
    curves = Set.copyOf(curves);
    rat = List.copyOf(rat);
  }

  /**
   * SGP.22 v2.2.2, SAIP 2.3.1, 1 MiB for profiles, no default SM-DP+, root SM-DS
   * testrootsmds.example.com, every curve, a RAT allowing PPR1 and PPR2 for every operator, test
   * profiles allowed.
   */
  public static EuiccConfig defaults() {
    return new EuiccConfig(
        "2.2.2",
        "2.3.1",
        "1.0.0",
        "2.3.0",
        "3.0.5",
        "0.0.1",
        "RSP-HARNESS-SIM",
        DEFAULT_MEMORY_BUDGET,
        null,
        "testrootsmds.example.com",
        Set.of(),
        List.of(new RatRule(true, true, List.of("EEEEEE"), false)),
        true,
        0);
  }

  /** This configuration holding at most {@code n} profiles (0: as many as memory allows). */
  public EuiccConfig withMaxProfiles(int n) {
    return Records.with(this, "maxProfiles", n);
  }

  /** This configuration with another memory budget. */
  public EuiccConfig withMemoryBudget(long bytes) {
    return Records.with(this, "memoryBudget", bytes);
  }

  /** This configuration with another default SM-DP+ address (null for none). */
  public EuiccConfig withDefaultSmdpAddress(String address) {
    return Records.with(this, "defaultSmdpAddress", address);
  }

  /** This configuration with another root SM-DS address (ES10a rootDsAddress). */
  public EuiccConfig withRootSmdsAddress(String address) {
    return Records.with(this, "rootSmdsAddress", address);
  }

  /** This configuration restricted to {@code curves} (empty: all of the credentials). */
  public EuiccConfig withCurves(Set<Curve> curves) {
    return Records.with(this, "curves", curves);
  }

  /** This configuration with another Rules Authorisation Table. */
  public EuiccConfig withRat(List<RatRule> rat) {
    return Records.with(this, "rat", rat);
  }

  /** This configuration with another SVN ("2.2.2", "2.3.0", ...). */
  public EuiccConfig withSvn(String svn) {
    return Records.with(this, "svn", svn);
  }

  /** The three VersionType octets of "major.minor.revision". */
  public static byte[] versionBytes(String version) {
    String[] parts = version.split("\\.");
    byte[] out = new byte[3];
    for (int i = 0; i < 3; i++) {
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  // compiled once: a config is built for every virtual device's download
  private static final java.util.regex.Pattern VERSION =
      java.util.regex.Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private static void requireVersion(String field, String value) {
    if (value == null || !VERSION.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be major.minor.revision: " + value);
    }
    for (String p : value.split("\\.")) {
      if (Integer.parseInt(p) > 255) {
        throw new IllegalArgumentException(field + " parts must be 0..255: " + value);
      }
    }
  }
}
