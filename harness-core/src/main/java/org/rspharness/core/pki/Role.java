package org.rspharness.core.pki;

import java.util.List;
import java.util.Optional;
import org.rspharness.core.crypto.Curve;

/**
 * Certificate roles of the SGP.22 RSP PKI, each identified by its certificate policy OID
 * (id-rspRole, 2.23.146.1.2.1.x, SGP.22 RSPDefinitions), with the SGP.26 directory and file names
 * that hold it.
 */
public enum Role {
  /** Certificate Issuer, the root: id-rspRole-ci. */
  CI(
      "CI",
      "2.23.146.1.2.1.0",
      "CertificateIssuer",
      "CERT_CI_ECDSA_%s.der",
      "SK_CI_ECDSA_%s.pem",
      null),
  /** eUICC Manufacturer, a CA limited to its EIDs: id-rspRole-eum. */
  EUM(
      "EUM",
      "2.23.146.1.2.1.2",
      "EUM",
      "CERT_EUM_ECDSA_%s.der",
      "SK_EUM_ECDSA_%s.pem",
      "PK_EUM_ECDSA_%s.pem"),
  /** eUICC, EID in the subject serialNumber: id-rspRole-euicc. */
  EUICC(
      "eUICC",
      "2.23.146.1.2.1.1",
      "eUICC",
      "CERT_EUICC_ECDSA_%s.der",
      "SK_EUICC_ECDSA_%s.pem",
      "PK_EUICC_ECDSA_%s.pem"),
  /** SM-DP+ authentication (ES9+ InitiateAuthentication): id-rspRole-dp-auth. */
  DP_AUTH(
      "DPauth",
      "2.23.146.1.2.1.4",
      "DPauth",
      "CERT_S_SM_DPauth_ECDSA_%s.der",
      "SK_S_SM_DPauth_ECDSA_%s.pem",
      "PK_S_SM_DPauth_ECDSA_%s.pem"),
  /** SM-DP+ profile binding (PrepareDownload, BPP): id-rspRole-dp-pb. */
  DP_PB(
      "DPpb",
      "2.23.146.1.2.1.5",
      "DPpb",
      "CERT_S_SM_DPpb_ECDSA_%s.der",
      "SK_S_SM_DPpb_ECDSA_%s.pem",
      "PK_S_SM_DPpb_ECDSA_%s.pem"),
  /** SM-DP+ TLS server (ES9+): id-rspRole-dp-tls. SGP.26 v3 names the certificate VARO. */
  DP_TLS(
      "DPtls",
      "2.23.146.1.2.1.3",
      "DPtls",
      "CERT_S_SM_DP_VARO_TLS_%s.der",
      "SK_S_SM_DP_TLS_%s.pem",
      "PK_S_SM_DP_TLS_%s.pem"),
  /** SM-DS authentication (ES11): id-rspRole-ds-auth. */
  DS_AUTH(
      "DSauth",
      "2.23.146.1.2.1.7",
      "DSauth",
      "CERT_S_SM_DSauth_ECDSA_%s.der",
      "SK_S_SM_DSauth_ECDSA_%s.pem",
      "PK_S_SM_DSauth_ECDSA_%s.pem"),
  /** SM-DS TLS server (ES11): id-rspRole-ds-tls. */
  DS_TLS(
      "DStls",
      "2.23.146.1.2.1.6",
      "DStls",
      "CERT_S_SM_DS_TLS_%s.der",
      "SK_S_SM_DS_TLS_%s.pem",
      "PK_S_SM_DS_TLS_%s.pem");

  private final String label;
  private final String policyOid;
  private final String directory;
  private final String certPattern;
  private final String keyPattern;
  private final String publicKeyPattern;

  Role(
      String label,
      String policyOid,
      String directory,
      String certPattern,
      String keyPattern,
      String publicKeyPattern) {
    this.label = label;
    this.policyOid = policyOid;
    this.directory = directory;
    this.certPattern = certPattern;
    this.keyPattern = keyPattern;
    this.publicKeyPattern = publicKeyPattern;
  }

  /** The short name SGP.22/SGP.26 use: CI, EUM, eUICC, DPauth, DPpb, DPtls, DSauth, DStls. */
  public String label() {
    return label;
  }

  /** The id-rspRole certificate policy OID of this role. */
  public String policyOid() {
    return policyOid;
  }

  /** The SGP.26 directory holding this role's files. */
  public String directory() {
    return directory;
  }

  /** SGP.26 file name of the DER certificate for {@code curve}. */
  public String certificateFile(Curve curve) {
    return certPattern.formatted(curve.fileTag());
  }

  /** SGP.26 file name of the PEM private key (EC PARAMETERS + EC PRIVATE KEY). */
  public String privateKeyFile(Curve curve) {
    return keyPattern.formatted(curve.fileTag());
  }

  /** SGP.26 file name of the PEM public key, if SGP.26 ships one for the role (not for the CI). */
  public Optional<String> publicKeyFile(Curve curve) {
    return Optional.ofNullable(publicKeyPattern).map(p -> p.formatted(curve.fileTag()));
  }

  /** Relative paths of the files expected for this role and curve, for error messages. */
  public List<String> expectedFiles(Curve curve) {
    return List.of(
        directory + "/" + certificateFile(curve), directory + "/" + privateKeyFile(curve));
  }

  /** Whether certificates of this role are CAs (CI, EUM). */
  public boolean isCa() {
    return this == CI || this == EUM;
  }

  /** The role whose certificate signs this one ({@code CI} signs itself). */
  public Role issuerRole() {
    return this == EUICC ? EUM : CI;
  }

  /** The role carrying {@code policyOid}, if it is an id-rspRole OID we know. */
  public static Optional<Role> byPolicy(String policyOid) {
    for (Role r : values()) {
      if (r.policyOid.equals(policyOid)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The role whose label (case-insensitive) or enum name is {@code s}. */
  public static Role parse(String s) {
    for (Role r : values()) {
      if (r.label.equalsIgnoreCase(s) || r.name().equalsIgnoreCase(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role: unknown '" + s + "'");
  }
}
