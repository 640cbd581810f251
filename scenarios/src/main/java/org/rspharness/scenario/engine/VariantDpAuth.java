package org.rspharness.scenario.engine;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;

/** A PKI whose SM-DP+ presents a bad CERT.DPauth.SIG (expired, revoked, ...) on every curve. */
record VariantDpAuth(CredentialSource base, BadVariant variant) implements CredentialSource {

  @Override
  public Credential credential(Role role, Curve curve) {
    return find(role, curve)
        .orElseThrow(() -> new PkiException(description() + ": no " + role + " for " + curve));
  }

  @Override
  public Optional<Credential> find(Role role, Curve curve) {
    return role == variant.role() ? base.variant(variant, curve) : base.find(role, curve);
  }

  @Override
  public Set<Curve> curves() {
    return base.curves();
  }

  @Override
  public List<X509Certificate> certificates() {
    return base.certificates();
  }

  @Override
  public Optional<X509CRL> crl(Curve curve) {
    return base.crl(curve);
  }

  @Override
  public Optional<Credential> variant(BadVariant v, Curve curve) {
    return base.variant(v, curve);
  }

  @Override
  public String description() {
    return base.description() + " presenting the " + variant.directoryName() + " DPauth";
  }
}
