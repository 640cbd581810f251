package org.rspharness.core.pki;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rspharness.core.crypto.Curve;

/**
 * Where the simulators get their certificates and keys: a generated the certs module's TestPki or a
 * PKI directory in the SGP.26 layout (the certs module's PkiDirectory.load), interchangeably.
 */
public interface CredentialSource {

  /**
   * The credential of {@code role} on {@code curve}.
   *
   * @throws PkiException naming the source, role, curve and expected files when there is none
   */
  Credential credential(Role role, Curve curve);

  /** The credential of {@code role} on {@code curve}, if the source has one. */
  Optional<Credential> find(Role role, Curve curve);

  /** The curves for which this source has a CI. */
  Set<Curve> curves();

  /** Every certificate of the source, for inspection (variants excluded). */
  List<X509Certificate> certificates();

  /** The CRL issued by the CI of {@code curve}, if the source has one. */
  Optional<X509CRL> crl(Curve curve);

  /** The bad variant {@code variant} on {@code curve}, if the source has it. */
  Optional<Credential> variant(BadVariant variant, Curve curve);

  /** Where the credentials come from, for messages (e.g. "PKI directory /tmp/pki"). */
  String description();

  /** The CI (root) of {@code curve}. */
  default Credential ci(Curve curve) {
    return credential(Role.CI, curve);
  }

  /** The EUM certificate of {@code curve}. */
  default Credential eum(Curve curve) {
    return credential(Role.EUM, curve);
  }

  /** The eUICC certificate of {@code curve} (chain: EUM, CI). */
  default Credential euicc(Curve curve) {
    return credential(Role.EUICC, curve);
  }

  /** The SM-DP+ authentication certificate (CERT.DPauth.SIG) of {@code curve}. */
  default Credential dpAuth(Curve curve) {
    return credential(Role.DP_AUTH, curve);
  }

  /** The SM-DP+ profile binding certificate (CERT.DPpb.SIG) of {@code curve}. */
  default Credential dpPb(Curve curve) {
    return credential(Role.DP_PB, curve);
  }

  /** The SM-DP+ TLS server certificate of {@code curve}. */
  default Credential dpTls(Curve curve) {
    return credential(Role.DP_TLS, curve);
  }

  /** The SM-DS authentication certificate of {@code curve}. */
  default Credential dsAuth(Curve curve) {
    return credential(Role.DS_AUTH, curve);
  }

  /** The SM-DS TLS server certificate of {@code curve}. */
  default Credential dsTls(Curve curve) {
    return credential(Role.DS_TLS, curve);
  }

  /** A validator trusting this source's CIs and CRLs. */
  default ChainValidator validator() {
    return ChainValidator.of(this);
  }
}
