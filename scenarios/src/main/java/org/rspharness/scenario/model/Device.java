package org.rspharness.scenario.model;

import java.util.List;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.util.Records;
import org.rspharness.lpa.LpaBehaviour;

/**
 * One device of the topology: an LPA and its software eUICC with its own configuration.
 *
 * @param name unique name steps refer to
 * @param curve the eUICC's curve (SGP.22 section 2.6: NIST P-256 or brainpoolP256r1)
 * @param svn the SGP.22 version the eUICC claims (EUICCInfo1 svn), e.g. {@code 2.3.0}
 * @param memory free non-volatile memory in bytes (EUICCInfo2 extCardResource)
 * @param ciList the CIs the eUICC trusts for verification and signing: {@code pki} (the CI of the
 *     scenario's PKI) or {@code other} (a CI of another PKI, which the SM-DP+ does not know)
 * @param ppr which profile policy rules the device accepts (the Rules Authorisation Table)
 * @param imei the device IMEI (15 digits) or null
 * @param tac the device TAC (8 digits), by default the first 8 digits of the IMEI
 * @param rootSmds the eUICC's root SM-DS address (ES10a rootDsAddress), by default the embedded
 *     root SM-DS {@value #DEFAULT_ROOT_SMDS}
 * @param binding the ES9+ binding the LPA speaks: {@code json} (default) or {@code asn1} (SGP.22 v3
 *     section 6.6)
 * @param es11Path where the LPA sends ES11: {@code es9plus} or {@code es11}; null (default): as the
 *     device's LPA behaviour says ({@code es9plus} in every preset, as field LPAs do)
 * @param strict deviations of the SM-DP+ from SGP.22 fail (the letter of the spec) instead of being
 *     recorded and tolerated as field devices do
 * @param reader a PC/SC reader holding the device's card: the LPA drives that card instead of a
 *     software eUICC (null: the software eUICC)
 * @param lpa the LPA's behaviour where SGP.22 leaves a choice ({@code spec} by default)
 * @param maxProfiles how many profiles the software eUICC holds at most (0: as memory allows)
 */
public record Device(
    String name,
    Curve curve,
    String svn,
    long memory,
    List<String> ciList,
    PprPolicy ppr,
    String imei,
    String tac,
    String rootSmds,
    String binding,
    String es11Path,
    boolean strict,
    String reader,
    LpaBehaviour lpa,
    int maxProfiles) {

  /** The embedded root SM-DS, every device's root SM-DS unless it names another. */
  public static final String DEFAULT_ROOT_SMDS = "testrootsmds.example.com";

  /** Default free memory: 512 KiB. */
  public static final long DEFAULT_MEMORY = 512 * 1024;

  /** Default SVN. */
  public static final String DEFAULT_SVN = "2.3.0";

  /** Checks every field and fills the defaults. */
  public Device {
    if (name == null || !Step.IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("name: expected a device name, got '" + name + "'");
    }
    if (curve == null) {
      curve = Curve.NIST_P256;
    }
    if (svn == null) {
      svn = DEFAULT_SVN;
    }
    if (!svn.matches("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")) {
      throw new IllegalArgumentException(
          "svn: expected a version such as 2.3.0, got '" + svn + "'");
    }
    if (memory < 0) {
      throw new IllegalArgumentException("memory: expected zero or more bytes");
    }
    ciList = ciList == null || ciList.isEmpty() ? List.of("pki") : List.copyOf(ciList);
    for (int i = 0; i < ciList.size(); i++) {
      String ci = ciList.get(i);
      if (!ci.equals("pki") && !ci.equals("other")) {
        throw new IllegalArgumentException(
            "ciList["
                + i
                + "]: expected 'pki' (the scenario PKI's CI) or 'other' (a CI the SM-DP+"
                + " does not know), got '"
                + ci
                + "'");
      }
    }
    if (ppr == null) {
      ppr = PprPolicy.ALLOW_ALL;
    }
    if (lpa == null) {
      lpa = LpaBehaviour.SPEC;
    }
    if (maxProfiles < 0) {
      throw new IllegalArgumentException("maxProfiles: expected 0 (no limit) or more");
    }
    if (reader != null && reader.isBlank()) {
      throw new IllegalArgumentException("reader: expected a PC/SC reader name");
    }
    if (imei != null && !imei.matches("[0-9]{15}")) {
      throw new IllegalArgumentException("imei: expected 15 digits, got '" + imei + "'");
    }
    if (tac == null && imei != null) {
      tac = imei.substring(0, 8);
    }
    if (tac != null && !tac.matches("[0-9]{8}")) {
      throw new IllegalArgumentException("tac: expected 8 digits, got '" + tac + "'");
    }
    if (tac != null && imei != null && !imei.startsWith(tac)) {
      throw new IllegalArgumentException("tac: " + tac + " is not the start of imei " + imei);
    }
    if (rootSmds == null) {
      rootSmds = DEFAULT_ROOT_SMDS;
    }
    if (binding == null) {
      binding = "json";
    }
    if (!binding.equals("json") && !binding.equals("asn1")) {
      throw new IllegalArgumentException("binding: expected json or asn1, got '" + binding + "'");
    }
    if (es11Path != null && !es11Path.equals("es9plus") && !es11Path.equals("es11")) {
      throw new IllegalArgumentException(
          "es11Path: expected es9plus or es11, got '" + es11Path + "'");
    }
  }

  /** A device with all defaults (NIST, 2.3.0, 512 KiB, the PKI's CI, PPRs allowed, no IMEI). */
  public static Device of(String name) {
    return new Device(
        name,
        null,
        null,
        DEFAULT_MEMORY,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        0);
  }

  /** The same device on another curve. */
  public Device withCurve(Curve c) {
    return Records.with(this, "curve", c);
  }

  /** The same device with strictness {@code on}. */
  public Device withStrict(boolean on) {
    return Records.with(this, "strict", on);
  }

  /** The same device with another LPA behaviour. */
  public Device withLpa(LpaBehaviour behaviour) {
    return Records.with(this, "lpa", behaviour);
  }

  /** The same device on the card in PC/SC reader {@code name}. */
  public Device withReader(String name) {
    return Records.with(this, "reader", name);
  }

  /**
   * Which profile policy rules the device's Rules Authorisation Table lets profiles carry (SGP.22
   * section 2.9.2: PPR1 forbids disabling, PPR2 forbids deleting).
   */
  public record PprPolicy(boolean allowPpr1, boolean allowPpr2) {
    /** Both allowed. */
    public static final PprPolicy ALLOW_ALL = new PprPolicy(true, true);
  }
}
