package org.rspharness.certs;

import java.security.PublicKey;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.teletrust.TeleTrusTObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The SGP.22 elliptic curves of the RSP PKI: NIST P-256 and brainpoolP256r1, each with its own CI;
 * SGP.26 tags their files {@code NIST} and {@code BRP}.
 */
public enum Curve {
  /** NIST P-256 (secp256r1, prime256v1). */
  NIST("NIST", "nist", "secp256r1", X9ObjectIdentifiers.prime256v1),
  /** brainpoolP256r1 (RFC 5639). */
  BRAINPOOL("BRP", "brainpool", "brainpoolP256r1", TeleTrusTObjectIdentifiers.brainpoolP256r1);

  private final String fileTag;
  private final String cliName;
  private final String curveName;
  private final ASN1ObjectIdentifier oid;

  Curve(String fileTag, String cliName, String curveName, ASN1ObjectIdentifier oid) {
    this.fileTag = fileTag;
    this.cliName = cliName;
    this.curveName = curveName;
    this.oid = oid;
  }

  /** The tag SGP.26 puts in file names: {@code NIST} or {@code BRP}. */
  public String fileTag() {
    return fileTag;
  }

  /** The lower-case name used on the command line: {@code nist} or {@code brainpool}. */
  public String cliName() {
    return cliName;
  }

  /** The curve's standard name as Bouncy Castle knows it. */
  public String curveName() {
    return curveName;
  }

  /** The named-curve OID carried in SubjectPublicKeyInfo and EC PARAMETERS. */
  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** The curve whose named-curve OID is {@code oid}, if it is one of ours. */
  public static Optional<Curve> ofOid(ASN1ObjectIdentifier oid) {
    for (Curve c : values()) {
      if (c.oid.equals(oid)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The curve of an EC public key (named-curve encoding), if it is one of ours. */
  public static Optional<Curve> of(PublicKey key) {
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
      if (spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid) {
        return ofOid(oid);
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
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
}
