package org.rspharness.certs;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;

/**
 * A generated SGP.22 test PKI in the SGP.26 shape: per curve, each role's certificate and private
 * key, the CI's CRL and, if asked for, the {@link BadVariant}s. Build one with {@link #builder()};
 * write it with {@link PkiDirectory#write}.
 */
public final class TestPki implements CredentialSource {

  private final Map<Curve, Map<Role, Credential>> credentials;
  private final Map<Curve, X509CRL> crls;
  private final Map<Curve, Map<BadVariant, Credential>> variants;
  private final Instant validFrom;
  private final Eid eid;
  private final String smdpHost;

  TestPki(
      Map<Curve, Map<Role, Credential>> credentials,
      Map<Curve, X509CRL> crls,
      Map<Curve, Map<BadVariant, Credential>> variants,
      Instant validFrom,
      Eid eid,
      String smdpHost) {
    this.credentials = deepCopy(credentials);
    this.crls = Collections.unmodifiableMap(new EnumMap<>(crls));
    this.variants = deepCopy(variants);
    this.validFrom = validFrom;
    this.eid = eid;
    this.smdpHost = smdpHost;
  }

  private static <K extends Enum<K>> Map<Curve, Map<K, Credential>> deepCopy(
      Map<Curve, Map<K, Credential>> in) {
    Map<Curve, Map<K, Credential>> out = new EnumMap<>(Curve.class);
    in.forEach((c, m) -> out.put(c, Collections.unmodifiableMap(m)));
    return Collections.unmodifiableMap(out);
  }

  /** A builder with SGP.26's names and identifiers, both curves, secure randomness, now. */
  public static TestPkiBuilder builder() {
    return new TestPkiBuilder();
  }

  /** The start of every regular certificate's validity. */
  public Instant validFrom() {
    return validFrom;
  }

  /** The EID of the eUICC certificates. */
  public Eid eid() {
    return eid;
  }

  /** The SM-DP+ host name in the DPtls certificates. */
  public String smdpHost() {
    return smdpHost;
  }

  /** Every regular credential of {@code curve}, by role. */
  public Map<Role, Credential> credentials(Curve curve) {
    return credentials.getOrDefault(curve, Map.of());
  }

  /** Every bad variant of {@code curve} (empty unless built with variants). */
  public Map<BadVariant, Credential> variants(Curve curve) {
    return variants.getOrDefault(curve, Map.of());
  }

  @Override
  public Credential credential(Role role, Curve curve) {
    return find(role, curve)
        .orElseThrow(
            () ->
                new PkiException(
                    description()
                        + " has no "
                        + role.label()
                        + " certificate for curve "
                        + curve
                        + " (generated curves: "
                        + curves()
                        + ")"));
  }

  @Override
  public Optional<Credential> find(Role role, Curve curve) {
    return Optional.ofNullable(credentials(curve).get(role));
  }

  @Override
  public Set<Curve> curves() {
    return credentials.keySet();
  }

  @Override
  public List<X509Certificate> certificates() {
    List<X509Certificate> out = new ArrayList<>();
    credentials.values().forEach(m -> m.values().forEach(c -> out.add(c.certificate())));
    return out;
  }

  @Override
  public Optional<X509CRL> crl(Curve curve) {
    return Optional.ofNullable(crls.get(curve));
  }

  @Override
  public Optional<Credential> variant(BadVariant variant, Curve curve) {
    return Optional.ofNullable(variants(curve).get(variant));
  }

  @Override
  public String description() {
    return "generated PKI";
  }
}
