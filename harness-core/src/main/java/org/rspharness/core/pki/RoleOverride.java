package org.rspharness.core.pki;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rspharness.core.crypto.Curve;

/**
 * A credential source equal to another except for one role, whose credentials come from {@code
 * replacement} (per curve; a curve missing there has none): a device's own eUICC certificate under
 * a shared PKI, an SM-DP+ presenting a bad DPauth variant.
 *
 * @param base the source everything else comes from
 * @param role the role replaced
 * @param replacement the role's credentials by curve
 * @param what a few words for {@link #description()}, e.g. {@code with eUICC 8904...}
 */
public record RoleOverride(
    CredentialSource base, Role role, Map<Curve, Credential> replacement, String what)
    implements CredentialSource {

  /** Copies the map. */
  public RoleOverride {
    replacement = Map.copyOf(replacement);
  }

  @Override
  public Credential credential(Role r, Curve curve) {
    return find(r, curve)
        .orElseThrow(
            () -> new PkiException(description() + ": no " + r + " credential for " + curve));
  }

  @Override
  public Optional<Credential> find(Role r, Curve curve) {
    return r == role ? Optional.ofNullable(replacement.get(curve)) : base.find(r, curve);
  }

  @Override
  public Set<Curve> curves() {
    return base.curves();
  }

  /** The base's certificates with those of the replaced role swapped for the replacements. */
  @Override
  public List<X509Certificate> certificates() {
    List<X509Certificate> replaced = new ArrayList<>();
    for (Curve c : base.curves()) {
      base.find(role, c).ifPresent(cred -> replaced.add(cred.certificate()));
    }
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : base.certificates()) {
      if (!replaced.contains(c)) {
        out.add(c);
      }
    }
    replacement.values().forEach(c -> out.add(c.certificate()));
    return out;
  }

  @Override
  public Optional<X509CRL> crl(Curve curve) {
    return base.crl(curve);
  }

  @Override
  public Optional<Credential> variant(BadVariant variant, Curve curve) {
    return base.variant(variant, curve);
  }

  @Override
  public String description() {
    return base.description() + " " + what;
  }
}
