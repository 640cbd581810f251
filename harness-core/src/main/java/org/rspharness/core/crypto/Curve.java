package org.rspharness.core.crypto;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;

/**
 * SGP.22 section 2.6: the two curves of RSP, NIST P-256 (secp256r1) and brainpoolP256r1.
 *
 * <p>Each constant's Bouncy Castle side ({@link CurveParameters}: OID, domain parameters, the
 * fixed-point comb table for the generator) is built once, on first use. No public method here has
 * a Bouncy Castle type in its signature: {@code EnumSet}/{@code EnumMap} reflect over them, and a
 * command that only names a curve (e.g. {@code lpa profiles} reading a card file) then loads no
 * Bouncy Castle class. P-256 uses Bouncy Castle's specialised field arithmetic ({@code
 * CustomNamedCurves}); brainpool has none there and uses the generic one.
 */
public enum Curve {
  /** NIST P-256, OID 1.2.840.10045.3.1.7. */
  NIST_P256("secp256r1", "1.2.840.10045.3.1.7", "NIST", "nist"),
  /** brainpoolP256r1 (RFC 5639), OID 1.3.36.3.3.2.8.1.1.7. */
  BRAINPOOL_P256R1("brainpoolP256r1", "1.3.36.3.3.2.8.1.1.7", "BRP", "brainpool");

  /** Bytes of a field element and of a scalar on both curves. */
  public static final int FIELD_BYTES = 32;

  private final String curveName;
  private final String oidText;
  private final String fileTag;
  private final String cliName;
  private volatile CurveParameters parameters;

  Curve(String curveName, String oidText, String fileTag, String cliName) {
    this.curveName = curveName;
    this.oidText = oidText;
    this.fileTag = fileTag;
    this.cliName = cliName;
  }

  /** The curve's standard name ("secp256r1", "brainpoolP256r1"). */
  public String curveName() {
    return curveName;
  }

  /** The named curve's object identifier, dotted ("1.2.840.10045.3.1.7"). */
  public String oidText() {
    return oidText;
  }

  /** The tag SGP.26 puts in file names: {@code NIST} or {@code BRP}. */
  public String fileTag() {
    return fileTag;
  }

  /** The lower-case name used on the command line: {@code nist} or {@code brainpool}. */
  public String cliName() {
    return cliName;
  }

  /** The SGP.26 file tag ({@code NIST} or {@code BRP}), which is how people name the curves. */
  @Override
  public String toString() {
    return fileTag;
  }

  /** The OID and domain parameters (Bouncy Castle), built on first use and then shared. */
  public CurveParameters parameters() {
    CurveParameters p = parameters;
    if (p == null) {
      synchronized (this) {
        p = parameters;
        if (p == null) {
          p = new CurveParameters(oidText);
          parameters = p;
        }
      }
    }
    return p;
  }

  /** Parses a command-line curve name ({@code nist}, {@code brainpool}, or the file tags). */
  public static Curve parse(String s) {
    String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    for (Curve c : values()) {
      if (c.cliName.equals(v) || c.fileTag.toLowerCase(Locale.ROOT).equals(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "curve: unknown '" + s + "'; use nist or brainpool (or NIST/BRP)");
  }

  /** The curve with this dotted OID, if RSP uses it. */
  public static Optional<Curve> findOid(String dottedOid) {
    for (Curve c : values()) {
      if (c.oidText.equals(dottedOid)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The curve with this dotted OID; IllegalArgumentException naming the OID if RSP does not use it.
   */
  public static Curve fromOid(String dottedOid) {
    return findOid(dottedOid)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "curve: "
                        + dottedOid
                        + " is not an RSP curve (expected secp256r1 or brainpoolP256r1)"));
  }

  /** The curve of an EC public key with named-curve parameters, if RSP uses it; else empty. */
  public static Optional<Curve> find(PublicKey key) {
    try {
      return Optional.of(of(key));
    } catch (IllegalArgumentException notAnRspCurve) {
      return Optional.empty();
    }
  }

  /** The curve of a JCA EC public key (any provider: read from its X.509 encoding). */
  public static Curve of(PublicKey key) {
    return CurveParameters.of(CurveParameters.spkiOf(key));
  }

  /** The curve of a certificate's subject public key. */
  public static Curve of(X509Certificate certificate) {
    return of(certificate.getPublicKey());
  }
}
