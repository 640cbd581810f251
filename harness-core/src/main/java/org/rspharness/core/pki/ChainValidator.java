package org.rspharness.core.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.NativeEc;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.util.BoundedCache;
import org.rspharness.core.util.ByteKey;

/**
 * SGP.22 section 4.5 certificate checks for the RSP PKI: builds the path from a certificate to the
 * trusted CI of its curve and verifies signatures, validity at a given time, the role policy, key
 * usage (and TLS extended key usage), the EUM's EID name constraints and CRL revocation. The first
 * failure gives the result's reason.
 *
 * <p>The EID rule is SGP.22's, not RFC 5280's: the EUM's permitted subtree carries its organization
 * and an EID prefix in serialNumber; an eUICC certificate conforms when its subject O is that
 * organization and its serialNumber (the EID) starts with the prefix. (A generic RFC 5280 validator
 * such as openssl rejects SGP.26's own eUICC certificates for this reason.)
 */
public final class ChainValidator {

  /** Bound on each cache below: past it the cache starts again (a lab run sees a few PKIs). */
  static final int CACHE_LIMIT = 4096;

  private final Map<Curve, X509Certificate> cis = new EnumMap<>(Curve.class);
  private final List<X509CRL> crls;

  /**
   * Signatures that verified, by the exact DER of the signed object and of the issuer: the same
   * bytes verify the same way every time, whichever validator asks, so each certificate and CRL
   * signature is checked once per process (a fleet of virtual eUICCs, one validator each, checks
   * the SM-DP+'s certificates once, not once per device). Only successes are kept; validity at the
   * given time, policies, key usage, the EID rule and revocation are still checked on every call.
   */
  private static final BoundedCache<PairKey, Boolean> verifiedSignatures =
      new BoundedCache<>(CACHE_LIMIT);

  /** Validity bounds by certificate DER. */
  private static final BoundedCache<ByteKey, Date[]> validities = new BoundedCache<>(CACHE_LIMIT);

  /** Name constraints of EUM certificates by DER. */
  private static final BoundedCache<ByteKey, List<X500Name>> permittedNames =
      new BoundedCache<>(CACHE_LIMIT);

  /** A validator trusting {@code trustedCis} (one per curve) and honouring {@code crls}. */
  public ChainValidator(Collection<X509Certificate> trustedCis, Collection<X509CRL> crls) {
    for (X509Certificate ci : trustedCis) {
      cis.put(CertFacts.curve(ci), ci);
    }
    this.crls = List.copyOf(crls);
  }

  /** A validator trusting the CIs of {@code source} and its CRLs. */
  public static ChainValidator of(CredentialSource source) {
    List<X509Certificate> roots = new ArrayList<>();
    List<X509CRL> lists = new ArrayList<>();
    for (Curve c : source.curves()) {
      source.find(Role.CI, c).ifPresent(ci -> roots.add(ci.certificate()));
      source.crl(c).ifPresent(lists::add);
    }
    return new ChainValidator(roots, lists);
  }

  /** Validates a credential as {@code expectedRole}, using its own chain as intermediates. */
  public ChainResult validate(Credential credential, Role expectedRole, Instant at) {
    return validate(credential.certificate(), credential.chain(), expectedRole, at);
  }

  /**
   * Validates {@code cert} as a certificate of {@code expectedRole} (null: the role its policy
   * names) at time {@code at}, finding issuers among {@code intermediates} and the trusted CIs.
   */
  public ChainResult validate(
      X509Certificate cert, List<X509Certificate> intermediates, Role expectedRole, Instant at) {
    List<X509Certificate> path = new ArrayList<>();
    path.add(cert);
    Optional<Curve> curveOpt = Curve.find(cert.getPublicKey());
    if (curveOpt.isEmpty()) {
      return ChainResult.failure(quoted(cert) + ": key is not on P-256 or brainpoolP256r1", path);
    }
    Curve curve = curveOpt.get();
    Role role = expectedRole;
    if (role == null) {
      Optional<Role> r = CertFacts.role(cert);
      if (r.isEmpty()) {
        return ChainResult.failure(
            quoted(cert) + ": no id-rspRole certificate policy (2.23.146.1.2.1.x)", path);
      }
      role = r.get();
    }
    X509Certificate ci = cis.get(curve);
    if (ci == null) {
      return ChainResult.failure(
          "no trusted CI for curve " + curve + " to check " + quoted(cert), path);
    }

    // 1. Path: issuer by name, confirmed by signature, up to the trusted CI.
    X509Certificate current = cert;
    for (int depth = 0; ; depth++) {
      if (sameCert(current, ci)) {
        if (!verifiesCached(ci, ci)) {
          return ChainResult.failure(
              "signature of the CI " + quoted(cert) + " does not verify", path);
        }
        break;
      }
      if (CertFacts.selfIssued(current) && role == Role.CI) {
        return ChainResult.failure(
            quoted(current)
                + " is not the trusted CI of curve "
                + curve
                + " (same name or not, another key)",
            path);
      }
      if (CertFacts.selfIssued(current)) {
        String expectedIssuer = current == cert ? role.issuerRole().label() : "CI";
        return ChainResult.failure(
            "self-signed: "
                + quoted(current)
                + " is its own issuer, not issued by the "
                + expectedIssuer
                + " ("
                + curve
                + ")",
            path);
      }
      if (depth >= 3) {
        return ChainResult.failure(
            "chain of " + quoted(cert) + " is longer than SGP.22 allows", path);
      }
      List<X509Certificate> byName = new ArrayList<>();
      for (X509Certificate c : candidates(intermediates, ci)) {
        if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())
            && !sameCert(c, current)) {
          byName.add(c);
        }
      }
      if (byName.isEmpty()) {
        return ChainResult.failure(
            "issuer '"
                + CertFacts.issuer(current)
                + "' of "
                + quoted(current)
                + " not found: neither the CI of curve "
                + curve
                + " nor in the chain",
            path);
      }
      X509Certificate issuer = null;
      for (X509Certificate c : byName) {
        if (verifiesCached(current, c)) {
          issuer = c;
          break;
        }
      }
      if (issuer == null) {
        String akiNote =
            CertFacts.authorityKeyId(current)
                .map(
                    a ->
                        "; its authorityKeyIdentifier "
                            + CertFacts.hex(a)
                            + " names "
                            + (CertFacts.subjectKeyId(byName.get(0))
                                    .filter(s -> Arrays.equals(s, a))
                                    .isPresent()
                                ? "that key"
                                : "another key"))
                .orElse("");
        boolean toCi = byName.stream().anyMatch(c -> sameCert(c, ci));
        return ChainResult.failure(
            "signature of "
                + quoted(current)
                + " does not verify with the key of '"
                + CertFacts.issuer(current)
                + "'"
                + (toCi ? " (the trusted CI of curve " + curve + "): issued by an unknown CI" : "")
                + akiNote,
            path);
      }
      path.add(issuer);
      current = issuer;
    }

    // 2. Validity of every certificate on the path.
    Date when = Date.from(at);
    for (X509Certificate c : path) {
      Date[] validity = validity(c);
      Date notBefore = validity[0];
      Date notAfter = validity[1];
      if (when.before(notBefore)) {
        return ChainResult.failure(
            "not yet valid: '"
                + CertFacts.subject(c)
                + "' is valid from "
                + notBefore.toInstant()
                + " (checked at "
                + at
                + ")",
            path);
      }
      if (when.after(notAfter)) {
        return ChainResult.failure(
            "expired: '"
                + CertFacts.subject(c)
                + "' expired at "
                + notAfter.toInstant()
                + " (checked at "
                + at
                + ")",
            path);
      }
    }

    // 3. Role policy of the leaf and of the issuers, and the path shape.
    List<Role> expectedRoles = expectedPath(role);
    if (path.size() != expectedRoles.size()) {
      return ChainResult.failure(
          role.label()
              + " "
              + quoted(cert)
              + " must chain "
              + labels(expectedRoles)
              + " but chains through "
              + path.size()
              + " certificates",
          path);
    }
    for (int i = 0; i < path.size(); i++) {
      Role r = expectedRoles.get(i);
      List<String> policies = CertFacts.policies(path.get(i));
      if (!policies.contains(r.policyOid())) {
        String found =
            policies.isEmpty()
                ? "no certificate policy"
                : "policy "
                    + String.join(
                        ",", policies.stream().map(ChainValidator::describePolicy).toList());
        return ChainResult.failure(
            "wrong role policy: '"
                + CertFacts.subject(path.get(i))
                + "' has "
                + found
                + " where "
                + r.label()
                + " requires "
                + r.policyOid(),
            path);
      }
    }

    // 4. Key usage, basic constraints and (for TLS) extended key usage.
    for (int i = 0; i < path.size(); i++) {
      X509Certificate c = path.get(i);
      Role r = expectedRoles.get(i);
      List<String> ku = CertFacts.keyUsages(c);
      List<String> required =
          r == Role.CI
              ? List.of("keyCertSign", "cRLSign")
              : r.isCa() ? List.of("keyCertSign") : List.of("digitalSignature");
      if (!ku.containsAll(required)) {
        return ChainResult.failure(
            "wrong key usage: '"
                + CertFacts.subject(c)
                + "' has "
                + ku
                + " where "
                + r.label()
                + " requires "
                + required,
            path);
      }
      if (r.isCa() && c.getBasicConstraints() < 0) {
        return ChainResult.failure(
            "'"
                + CertFacts.subject(c)
                + "' is not a CA (basicConstraints)"
                + " but signs as "
                + r.label(),
            path);
      }
      if (!r.isCa() && c.getBasicConstraints() >= 0) {
        return ChainResult.failure(
            "'"
                + CertFacts.subject(c)
                + "' is a CA (basicConstraints)"
                + " but "
                + r.label()
                + " must be an end entity",
            path);
      }
      if (r == Role.DP_TLS || r == Role.DS_TLS) {
        List<String> eku = extendedKeyUsage(c);
        if (!eku.contains("1.3.6.1.5.5.7.3.1")) {
          return ChainResult.failure(
              "wrong extended key usage: '"
                  + CertFacts.subject(c)
                  + "' lacks serverAuth (1.3.6.1.5.5.7.3.1) required for "
                  + r.label(),
              path);
        }
      }
    }

    // 5. SGP.22 EID name constraint on eUICC certificates.
    if (role == Role.EUICC) {
      String reason = eidRule(cert, path.get(1));
      if (reason != null) {
        return ChainResult.failure(reason, path);
      }
    }

    // 6. Revocation by a CRL of the issuer whose signature verifies.
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate c = path.get(i);
      X509Certificate issuer = path.get(i + 1);
      for (X509CRL crl : crls) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
            || !crlVerifiesCached(crl, issuer)) {
          continue;
        }
        X509CRLEntry entry = crl.getRevokedCertificate(c.getSerialNumber());
        if (entry != null) {
          return ChainResult.failure(
              "revoked: serial "
                  + hexSerial(c.getSerialNumber())
                  + " of '"
                  + CertFacts.subject(c)
                  + "' is listed in the CRL of '"
                  + CertFacts.subject(issuer)
                  + "' since "
                  + entry.getRevocationDate().toInstant()
                  + (entry.getRevocationReason() != null
                      ? " (" + entry.getRevocationReason() + ")"
                      : ""),
              path);
        }
      }
    }
    return ChainResult.success(path);
  }

  /** The subject, quoted, for a failure message (built only when one is needed). */
  private static String quoted(X509Certificate c) {
    return "'" + CertFacts.subject(c) + "'";
  }

  private String eidRule(X509Certificate euicc, X509Certificate eum) {
    X500Name subject = CertFacts.holder(euicc).getSubject();
    Optional<String> eid = CertFacts.attribute(subject, BCStyle.SERIALNUMBER);
    if (eid.isEmpty()) {
      return "eUICC '" + CertFacts.subject(euicc) + "' has no EID (subject serialNumber)";
    }
    try {
      Eid.of(eid.get());
    } catch (IllegalArgumentException e) {
      return "eUICC subject serialNumber is not a valid EID: " + e.getMessage();
    }
    List<X500Name> permitted = permitted(eum);
    if (permitted.isEmpty()) {
      return null;
    }
    Optional<String> org = CertFacts.attribute(subject, BCStyle.O);
    List<String> ranges = new ArrayList<>();
    for (X500Name p : permitted) {
      Optional<String> pOrg = CertFacts.attribute(p, BCStyle.O);
      Optional<String> pSerial = CertFacts.attribute(p, BCStyle.SERIALNUMBER);
      boolean orgOk = pOrg.isEmpty() || pOrg.equals(org);
      boolean serialOk = pSerial.isEmpty() || eid.get().startsWith(pSerial.get());
      if (orgOk && serialOk) {
        return null;
      }
      ranges.add("O=" + pOrg.orElse("*") + ", serialNumber prefix " + pSerial.orElse("*"));
    }
    return "EID "
        + eid.get()
        + " (O="
        + org.orElse("none")
        + ") is outside the EUM's permitted"
        + " range (name constraints: "
        + String.join("; ", ranges)
        + ")";
  }

  private static List<Role> expectedPath(Role role) {
    return switch (role) {
      case CI -> List.of(Role.CI);
      case EUICC -> List.of(Role.EUICC, Role.EUM, Role.CI);
      default -> List.of(role, Role.CI);
    };
  }

  private static String labels(List<Role> roles) {
    return String.join(" -> ", roles.stream().map(Role::label).toList());
  }

  private static String describePolicy(String oid) {
    return Role.byPolicy(oid).map(r -> oid + " (" + r.label() + ")").orElse(oid);
  }

  private static List<String> extendedKeyUsage(X509Certificate c) {
    try {
      List<String> eku = c.getExtendedKeyUsage();
      return eku == null ? List.of() : eku;
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  private List<X509Certificate> candidates(
      List<X509Certificate> intermediates, X509Certificate ci) {
    List<X509Certificate> out = new ArrayList<>(intermediates);
    out.add(ci);
    return out;
  }

  private static boolean sameCert(X509Certificate a, X509Certificate b) {
    return a.equals(b);
  }

  private boolean verifiesCached(X509Certificate cert, X509Certificate issuer) {
    PairKey key = PairKey.of(encoded(cert), encoded(issuer));
    if (key != null && verifiedSignatures.contains(key)) {
      return true;
    }
    boolean ok = verifies(cert, issuer);
    remember(key, ok);
    return ok;
  }

  private boolean crlVerifiesCached(X509CRL crl, X509Certificate issuer) {
    byte[] der;
    try {
      der = crl.getEncoded();
    } catch (java.security.cert.CRLException e) {
      der = null;
    }
    // A CRL's DER cannot be a certificate's (other structure), so one map holds both kinds.
    PairKey key = PairKey.of(der, encoded(issuer));
    if (key != null && verifiedSignatures.contains(key)) {
      return true;
    }
    boolean ok = crlVerifies(crl, issuer);
    remember(key, ok);
    return ok;
  }

  /**
   * notBefore and notAfter of {@code c}, read once per encoding: the provider parses the time
   * strings on every call. The comparison with the time of validation is made on every call.
   */
  private Date[] validity(X509Certificate c) {
    byte[] der = encoded(c);
    return der == null
        ? new Date[] {c.getNotBefore(), c.getNotAfter()}
        : validities.get(ByteKey.of(der), k -> new Date[] {c.getNotBefore(), c.getNotAfter()});
  }

  /** The EUM's permitted directory names (immutable values), read once per encoding. */
  private List<X500Name> permitted(X509Certificate eum) {
    byte[] der = encoded(eum);
    return der == null
        ? List.copyOf(CertFacts.permittedDirectoryNames(eum))
        : permittedNames.get(
            ByteKey.of(der), k -> List.copyOf(CertFacts.permittedDirectoryNames(eum)));
  }

  private void remember(PairKey key, boolean ok) {
    if (key == null || !ok) {
      return;
    }
    verifiedSignatures.put(key, Boolean.TRUE);
  }

  /** How many verified signatures this validator remembers (tests). */
  int cachedSignatures() {
    return verifiedSignatures.size();
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException | RuntimeException e) {
      return null;
    }
  }

  /** The DER of a signed object and of its issuer's certificate, compared by content. */
  private record PairKey(byte[] signed, byte[] issuer, int hash) {
    static PairKey of(byte[] signed, byte[] issuer) {
      if (signed == null || issuer == null) {
        return null;
      }
      return new PairKey(signed, issuer, 31 * Arrays.hashCode(signed) + Arrays.hashCode(issuer));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PairKey k
          && k.hash == hash
          && Arrays.equals(k.signed, signed)
          && Arrays.equals(k.issuer, issuer);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static boolean verifies(X509Certificate cert, X509Certificate issuer) {
    Boolean fast = verifiesEcdsaSha256(cert, issuer);
    if (fast != null) {
      return fast;
    }
    try {
      cert.verify(issuer.getPublicKey(), BouncyCastle.PROVIDER);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * An ecdsa-with-SHA256 certificate signature (every RSP certificate's) checked through {@link
   * Ecdsa}, i.e. on the native provider for P-256 with the issuer key converted once: several times
   * faster than the Bouncy Castle provider's certificate verification. As that does, it requires
   * the outer signature algorithm to equal the one inside tbsCertificate and a strict DER
   * signature. Null where this path does not apply (another algorithm, parameters present, a key
   * not on an RSP curve, a certificate that does not parse) or where the process has not loaded the
   * native provider (a one-off command checking a chain or two): the provider decides then.
   */
  private static Boolean verifiesEcdsaSha256(X509Certificate cert, X509Certificate issuer) {
    if (!NativeEc.loaded() || !ECDSA_WITH_SHA256.equals(cert.getSigAlgOID())) {
      return null;
    }
    try {
      org.bouncycastle.asn1.x509.Certificate c = CertFacts.holder(cert).toASN1Structure();
      AlgorithmIdentifier outer = c.getSignatureAlgorithm();
      if (outer.getParameters() != null) {
        return null;
      }
      if (!outer.equals(c.getTBSCertificate().getSignature())) {
        return false;
      }
      EcPublicKey key = EcPublicKey.of(issuer.getPublicKey());
      byte[] plain;
      try {
        plain = Ecdsa.derToPlain(c.getSignature().getOctets());
      } catch (CodecException e) {
        return false;
      }
      return Ecdsa.verify(key, c.getTBSCertificate().getEncoded(ASN1Encoding.DER), plain);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

  private static boolean crlVerifies(X509CRL crl, X509Certificate issuer) {
    try {
      crl.verify(issuer.getPublicKey(), BouncyCastle.PROVIDER);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String hexSerial(BigInteger serial) {
    return "0x" + serial.toString(16).toUpperCase(java.util.Locale.ROOT);
  }
}
