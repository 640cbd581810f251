package org.rspharness.euicc.config;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPrivateKey;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;
import org.rspharness.core.util.Hex;

/**
 * SGP.22 section 4.5.2: who the eUICC is: its EID, and per curve CERT.EUICC.ECDSA with SK.EUICC,
 * the EUM certificate above it and the CI it chains to (whose subject key identifier is the CI PKId
 * the eUICC lists for verification and signing).
 *
 * <p>Immutable and shareable: many virtual eUICCs with the same credentials may use one instance. A
 * {@linkplain #lazy lazy} identity knows only its EID until a command needs a key or certificate,
 * so a command that only lists profiles never reads the PKI (start-up of {@code lpa profiles}).
 */
public final class EuiccIdentity {

  /**
   * The credentials of one curve.
   *
   * @param curve the curve
   * @param euiccCertificate CERT.EUICC.ECDSA
   * @param euiccKey SK.EUICC.ECDSA
   * @param eumCertificate CERT.EUM.ECDSA
   * @param ci the CI certificate at the top of the chain
   * @param ciPkId the CI's subject key identifier (20 bytes, usually)
   * @param euiccCertificateDer DER of CERT.EUICC
   * @param eumCertificateDer DER of CERT.EUM
   */
  public record CurveCredentials(
      Curve curve,
      X509Certificate euiccCertificate,
      EcPrivateKey euiccKey,
      X509Certificate eumCertificate,
      X509Certificate ci,
      byte[] ciPkId,
      byte[] euiccCertificateDer,
      byte[] eumCertificateDer) {}

  private final Eid eid;
  private final Map<Curve, CurveCredentials> byCurve;
  private final ChainValidator validator;
  // A lazy identity: loads the credentials on first use (null for an identity built from them).
  private final Supplier<EuiccIdentity> loader;
  private volatile EuiccIdentity loaded;

  private EuiccIdentity(Eid eid, Map<Curve, CurveCredentials> byCurve, List<X509CRL> crls) {
    this.eid = eid;
    this.byCurve = Collections.unmodifiableMap(byCurve);
    List<X509Certificate> cis = new ArrayList<>();
    for (CurveCredentials c : byCurve.values()) {
      cis.add(c.ci());
    }
    this.validator = new ChainValidator(cis, crls);
    this.loader = null;
    this.loaded = this;
  }

  private EuiccIdentity(Eid eid, Supplier<EuiccIdentity> loader) {
    this.eid = eid;
    this.byCurve = null;
    this.validator = null;
    this.loader = loader;
  }

  /**
   * An identity whose EID is known (e.g. from the card state file) and whose credentials {@code
   * loader} reads when something first needs them; the loaded identity must carry the same EID.
   */
  public static EuiccIdentity lazy(Eid eid, Supplier<EuiccIdentity> loader) {
    if (eid == null || loader == null) {
      throw new IllegalArgumentException("eid and loader must be set");
    }
    return new EuiccIdentity(eid, loader);
  }

  private EuiccIdentity resolved() {
    EuiccIdentity r = loaded;
    if (r == null) {
      synchronized (this) {
        r = loaded;
        if (r == null) {
          r = loader.get();
          if (!r.eid().equals(eid)) {
            throw new PkiException(
                "the card names EID " + eid + " but its eUICC certificate names " + r.eid());
          }
          loaded = r;
        }
      }
    }
    return r;
  }

  /** Whether the credentials have been read (a lazy identity before its first use: false). */
  public boolean loaded() {
    return loaded != null;
  }

  /** The identity from every curve of {@code source} that has an eUICC certificate with its key. */
  public static EuiccIdentity from(CredentialSource source) {
    return from(source, Set.of());
  }

  /**
   * The identity from {@code source}, restricted to {@code curves} (empty: every curve of the
   * source with an eUICC credential). The EID is the eUICC certificate's subject serialNumber; all
   * curves must carry the same EID.
   *
   * @throws PkiException naming what is missing or inconsistent
   */
  public static EuiccIdentity from(CredentialSource source, Set<Curve> curves) {
    Map<Curve, CurveCredentials> map = new EnumMap<>(Curve.class);
    List<X509CRL> crls = new ArrayList<>();
    Eid eid = null;
    for (Curve curve : Curve.values()) {
      if (!curves.isEmpty() && !curves.contains(curve)) {
        continue;
      }
      Optional<Credential> euicc = source.find(Role.EUICC, curve);
      if (euicc.isEmpty() || !euicc.get().hasPrivateKey()) {
        if (curves.contains(curve)) {
          throw new PkiException(
              source.description() + ": no eUICC certificate with private key for " + curve);
        }
        continue;
      }
      Credential cred = euicc.get();
      X509Certificate eum =
          source
              .find(Role.EUM, curve)
              .map(Credential::certificate)
              .orElseGet(() -> cred.chain().isEmpty() ? null : cred.chain().get(0));
      X509Certificate ci = source.find(Role.CI, curve).map(Credential::certificate).orElse(null);
      if (eum == null || ci == null) {
        throw new PkiException(
            source.description() + ": the eUICC certificate of " + curve + " needs its EUM and CI");
      }
      String eidText =
          CertFacts.eid(cred.certificate())
              .orElseThrow(
                  () ->
                      new PkiException(
                          "eUICC certificate of "
                              + curve
                              + " has no EID in its subject serialNumber"));
      Eid e = Eid.of(eidText);
      if (eid != null && !eid.equals(e)) {
        throw new PkiException("eUICC certificates name two EIDs: " + eid + " and " + e);
      }
      eid = e;
      byte[] ski =
          CertFacts.subjectKeyId(ci)
              .orElseThrow(() -> new PkiException("CI of " + curve + " has no subjectKeyId"));
      map.put(
          curve,
          new CurveCredentials(
              curve,
              cred.certificate(),
              EcPrivateKey.of(cred.requirePrivateKey()),
              eum,
              ci,
              ski,
              der(cred.certificate()),
              der(eum)));
      source.crl(curve).ifPresent(crls::add);
    }
    if (map.isEmpty()) {
      throw new PkiException(
          source.description() + ": no eUICC certificate with its private key on any curve");
    }
    return new EuiccIdentity(eid, map, crls);
  }

  /** The EID (from the eUICC certificate's subject serialNumber). */
  public Eid eid() {
    return eid;
  }

  /** The EID as the 16 bytes of GetEID and of the session key derivation. */
  public byte[] eidBytes() {
    return Hex.decode(eid.value());
  }

  /** The curves the identity covers. */
  public Set<Curve> curves() {
    return resolved().byCurve.keySet();
  }

  /** The credentials of {@code curve}, if any. */
  public Optional<CurveCredentials> credentials(Curve curve) {
    return Optional.ofNullable(resolved().byCurve.get(curve));
  }

  /** The credentials whose CI has subject key identifier {@code ciPkId}, if any. */
  public Optional<CurveCredentials> byCiPkId(byte[] ciPkId) {
    for (CurveCredentials c : resolved().byCurve.values()) {
      if (Arrays.equals(c.ciPkId(), ciPkId)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The CI PKIds (subject key identifiers), in curve order, for EUICCInfo1/2 lists. */
  public List<byte[]> ciPkIds() {
    List<byte[]> out = new ArrayList<>();
    for (CurveCredentials c : resolved().byCurve.values()) {
      out.add(c.ciPkId().clone());
    }
    return out;
  }

  /** A validator trusting exactly the CIs of this identity (with the source's CRLs). */
  public ChainValidator validator() {
    return resolved().validator;
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new PkiException("cannot encode certificate " + CertFacts.subject(cert), e);
    }
  }
}
