package org.rspharness.load;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.rspharness.certs.DeviceIdentities;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.config.EuiccIdentity;

/**
 * SGP.22 section 4.5.2: the identities of many virtual eUICCs, each with its own EID and its own
 * CERT.EUICC.ECDSA issued by the PKI's EUM (so the EUM's private key is needed). Keys come from the
 * seed and the device index, so a run with the same seed has the same devices; certificates are
 * issued when a device first asks (one key generation and one signature per curve).
 *
 * <p>The EID keeps the EUM's permitted prefix (its name-constraint serialNumber, or the first 8
 * digits of the PKI's own EID), then 9 digits from the seed and the device index, then the check
 * digits. The certificate follows SGP.26's eUICC profile: the PKI's eUICC subject with the new EID
 * as serialNumber, AKI/SKI, key usage digitalSignature, the eUICC certificate policy, the validity
 * of the PKI's eUICC certificate (or the EUM's start and no expiry).
 */
public final class EuiccFactory {

  private static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private final CredentialSource pki;
  private final Set<Curve> curves;
  private final long seed;
  private final String prefix;

  /**
   * Virtual eUICCs under {@code pki}'s EUMs on {@code curves}.
   *
   * @throws PkiException when the PKI lacks an EUM certificate with its private key on a curve
   */
  public EuiccFactory(CredentialSource pki, Set<Curve> curves, long seed) {
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("curves: at least one curve");
    }
    this.pki = pki;
    this.curves = Set.copyOf(curves);
    this.seed = seed;
    String p = null;
    for (Curve c : curves) {
      Credential eum = pki.eum(c);
      if (!eum.hasPrivateKey()) {
        throw new PkiException(
            pki.description()
                + ": the EUM of "
                + c
                + " has no private key; virtual eUICCs need it to get their certificates");
      }
      String cp = eidPrefix(eum.certificate(), pki.find(Role.EUICC, c));
      p = p == null || cp.length() > p.length() ? cp : p;
    }
    if (p.length() > 20) {
      throw new PkiException("EUM EID prefix " + p + " leaves too few digits for device numbers");
    }
    this.prefix = p;
  }

  /** The EID of device {@code index} (no certificate is issued). */
  public Eid eid(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index: must not be negative");
    }
    int free = 30 - prefix.length();
    String body = Long.toString(Math.floorMod(seed, 1_000_000_000L)) + pad(index, free - 9);
    return Eid.withCheckDigits(prefix + pad(body, free));
  }

  private static String pad(long v, int width) {
    return pad(Long.toString(v), width);
  }

  private static String pad(String s, int width) {
    if (s.length() > width) {
      return s.substring(s.length() - width);
    }
    return "0".repeat(width - s.length()) + s;
  }

  /** The identity of device {@code index}: issues its certificates now (a few ms per curve). */
  public EuiccIdentity identity(int index) {
    RandomSource random = RandomSource.seeded(seed).derive("load/euicc/" + index);
    return EuiccIdentity.from(DeviceIdentities.forDevice(pki, eid(index), curves, random), curves);
  }

  /**
   * The identity of device {@code index} as an idle fleet holds it: its EID only, the certificates
   * issued (exactly as {@link #identity}) when a command first needs a key or certificate. A
   * million idle devices then cost their EIDs and card state, not a million parsed certificates.
   */
  public EuiccIdentity lazyIdentity(int index) {
    return EuiccIdentity.lazy(eid(index), () -> identity(index));
  }

  /**
   * The EUM's permitted EID prefix: its name constraint's serialNumber, else from the PKI's EID.
   */
  static String eidPrefix(X509Certificate eum, Optional<Credential> euicc) {
    byte[] value = eum.getExtensionValue(Extension.nameConstraints.getId());
    if (value != null) {
      NameConstraints nc =
          NameConstraints.getInstance(ASN1OctetString.getInstance(value).getOctets());
      if (nc.getPermittedSubtrees() != null) {
        for (GeneralSubtree st : nc.getPermittedSubtrees()) {
          if (st.getBase().getTagNo() == GeneralName.directoryName) {
            RDN[] serial =
                X500Name.getInstance(st.getBase().getName()).getRDNs(BCStyle.SERIALNUMBER);
            if (serial.length > 0) {
              String p = IETFUtils.valueToString(serial[0].getFirst().getValue());
              if (p.matches("[0-9]{1,30}")) {
                return p;
              }
            }
          }
        }
      }
    }
    return euicc
        .flatMap(c -> CertFacts.eid(c.certificate()))
        .map(e -> e.substring(0, 8))
        .orElse("89049032");
  }

  /** A credential source whose eUICC credentials are the issued ones. */
}
