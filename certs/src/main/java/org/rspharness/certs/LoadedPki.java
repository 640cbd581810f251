package org.rspharness.certs;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;

/**
 * A PKI directory in the SGP.26 layout, loaded by {@link PkiDirectory#load}: all certificates
 * found, classified by role and curve, with the chosen credential per role and curve (several
 * candidates are kept: {@link #candidates}).
 *
 * <p>Choice among candidates: first those whose chain validates at the load time, then those with a
 * private key, then the lowest serial number, then the file name. So SGP.26's expired DPtls
 * certificates (SM-DP+ 2, 4, 8) stay available as candidates, and its DP2 certificates lose to the
 * primary SM-DP+'s.
 */
public final class LoadedPki implements CredentialSource {

  private final Path dir;
  private final List<PkiEntry> entries;
  private final List<PkiEntry> variantEntries;
  private final List<X509CRL> crls;
  private final Instant at;
  private final Map<Curve, Map<Role, List<Credential>>> candidates = new EnumMap<>(Curve.class);

  LoadedPki(
      Path dir,
      List<PkiEntry> entries,
      List<PkiEntry> variantEntries,
      List<X509CRL> crls,
      Instant at) {
    this.dir = dir;
    this.entries = List.copyOf(entries);
    this.variantEntries = List.copyOf(variantEntries);
    this.crls = List.copyOf(crls);
    this.at = at;
    rank();
  }

  private void rank() {
    for (Curve curve : Curve.values()) {
      Map<Role, List<Credential>> byRole = new EnumMap<>(Role.class);
      // CIs first, since every other choice depends on the CI of the curve.
      List<Credential> cis = rankRole(Role.CI, curve, null);
      if (cis.isEmpty()) {
        continue;
      }
      byRole.put(Role.CI, cis);
      ChainValidator validator = new ChainValidator(List.of(cis.get(0).certificate()), crls);
      for (Role role : Role.values()) {
        if (role != Role.CI) {
          byRole.put(role, rankRole(role, curve, validator));
        }
      }
      candidates.put(curve, byRole);
    }
  }

  private List<Credential> rankRole(Role role, Curve curve, ChainValidator validator) {
    List<X509Certificate> eums =
        entriesOf(Role.EUM, curve).stream().map(PkiEntry::certificate).toList();
    record Ranked(PkiEntry entry, Credential credential, boolean ok) {}
    List<Ranked> ranked = new ArrayList<>();
    for (PkiEntry e : entriesOf(role, curve)) {
      boolean ok;
      List<X509Certificate> chain;
      if (role == Role.CI) {
        ok =
            CertFacts.selfIssued(e.certificate())
                && !at.isBefore(e.certificate().getNotBefore().toInstant())
                && !at.isAfter(e.certificate().getNotAfter().toInstant());
        chain = List.of();
      } else {
        ChainResult r =
            validator.validate(e.certificate(), role == Role.EUICC ? eums : List.of(), role, at);
        ok = r.ok();
        chain = r.path().size() > 1 ? r.path().subList(1, r.path().size()) : List.of();
      }
      ranked.add(new Ranked(e, new Credential(e.certificate(), e.privateKey(), chain), ok));
    }
    ranked.sort(
        Comparator.comparing((Ranked r) -> !r.ok)
            .thenComparing(r -> !r.entry.hasPrivateKey())
            .thenComparing(r -> r.entry.certificate().getSerialNumber())
            .thenComparing(r -> r.entry.file().toString()));
    List<Credential> out = new ArrayList<>();
    for (Ranked r : ranked) {
      out.add(r.credential);
    }
    return out;
  }

  private List<PkiEntry> entriesOf(Role role, Curve curve) {
    return entries.stream()
        .filter(e -> e.curve() == curve && e.role().equals(Optional.of(role)))
        .toList();
  }

  /** The directory this PKI was loaded from. */
  public Path directory() {
    return dir;
  }

  /** The time at which candidates were ranked. */
  public Instant rankedAt() {
    return at;
  }

  /** Every certificate found (variants excluded), with its file, role, curve and key. */
  public List<PkiEntry> entries() {
    return entries;
  }

  /** The certificates found under {@code variants/}. */
  public List<PkiEntry> variantEntries() {
    return variantEntries;
  }

  /** All certificates of {@code role} on {@code curve}, best first (see the class doc). */
  public List<Credential> candidates(Role role, Curve curve) {
    return candidates.getOrDefault(curve, Map.of()).getOrDefault(role, List.of());
  }

  @Override
  public Credential credential(Role role, Curve curve) {
    return find(role, curve)
        .orElseThrow(
            () ->
                new PkiException(
                    "PKI directory "
                        + dir
                        + " has no "
                        + role.label()
                        + " certificate for curve "
                        + curve
                        + " (a certificate with policy "
                        + role.policyOid()
                        + " and a "
                        + curve.curveName()
                        + " key"
                        + (role == Role.CI ? "" : ", under a CI of that curve")
                        + "); expected e.g. "
                        + String.join(" with ", role.expectedFiles(curve))));
  }

  @Override
  public Optional<Credential> find(Role role, Curve curve) {
    List<Credential> c = candidates(role, curve);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  @Override
  public Set<Curve> curves() {
    return candidates.isEmpty() ? Set.of() : EnumSet.copyOf(candidates.keySet());
  }

  @Override
  public List<X509Certificate> certificates() {
    return entries.stream().map(PkiEntry::certificate).toList();
  }

  @Override
  public Optional<X509CRL> crl(Curve curve) {
    Optional<Credential> ci = find(Role.CI, curve);
    if (ci.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate c = ci.get().certificate();
    for (X509CRL crl : crls) {
      if (crl.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
        try {
          crl.verify(c.getPublicKey(), Keys.BC);
          return Optional.of(crl);
        } catch (Exception wrongCi) {
          // a CRL of the other curve's CI (same name, other key)
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Credential> variant(BadVariant variant, Curve curve) {
    Optional<PkiEntry> e =
        variantEntries.stream()
            .filter(v -> v.variant().equals(Optional.of(variant)) && v.curve() == curve)
            .min(Comparator.comparing((PkiEntry v) -> !v.hasPrivateKey()));
    if (e.isEmpty()) {
      return Optional.empty();
    }
    List<X509Certificate> chain = new ArrayList<>();
    if (variant.role() == Role.EUICC) {
      find(Role.EUM, curve).ifPresent(c -> chain.add(c.certificate()));
    }
    find(Role.CI, curve).ifPresent(c -> chain.add(c.certificate()));
    return Optional.of(new Credential(e.get().certificate(), e.get().privateKey(), chain));
  }

  @Override
  public String description() {
    return "PKI directory " + dir;
  }
}
