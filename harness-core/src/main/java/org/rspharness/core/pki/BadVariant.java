package org.rspharness.core.pki;

import java.util.Locale;
import java.util.Optional;

/**
 * Named bad certificates for negative tests; each is a certificate (with key) of {@link #role()}
 * that {@link ChainValidator} rejects for one specific reason.
 */
public enum BadVariant {
  /** DPauth whose validity ended before the PKI's validity start. */
  EXPIRED(Role.DP_AUTH),
  /** DPauth whose validity starts a year after the PKI's validity start. */
  NOT_YET_VALID(Role.DP_AUTH),
  /** DPauth signed by another CI with the same name but a different key. */
  UNKNOWN_CI(Role.DP_AUTH),
  /** EUM certificate signed by its own key instead of the CI. */
  SELF_SIGNED_EUM(Role.EUM),
  /** eUICC certificate signed by its own key instead of the EUM. */
  SELF_SIGNED_EUICC(Role.EUICC),
  /** DPauth certificate carrying the DPpb policy (2.23.146.1.2.1.5) instead of DPauth's. */
  WRONG_ROLE_POLICY(Role.DP_AUTH),
  /** eUICC whose EID lies outside the EUM's permitted serialNumber prefix (name constraints). */
  EID_OUTSIDE_EUM_RANGE(Role.EUICC),
  /** DPauth whose key usage is keyAgreement instead of digitalSignature. */
  WRONG_KEY_USAGE(Role.DP_AUTH),
  /** DPauth listed as revoked in the CI's CRL. */
  REVOKED(Role.DP_AUTH);

  private final Role role;

  BadVariant(Role role) {
    this.role = role;
  }

  /** The role the bad certificate stands in for. */
  public Role role() {
    return role;
  }

  /** The sub-directory of {@code variants/} holding it, e.g. {@code self-signed-eum}. */
  public String directoryName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The variant stored in directory {@code name}, if any. */
  public static Optional<BadVariant> byDirectoryName(String name) {
    for (BadVariant v : values()) {
      if (v.directoryName().equals(name)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
