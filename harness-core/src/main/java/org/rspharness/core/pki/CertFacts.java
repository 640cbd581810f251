package org.rspharness.core.pki;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.util.BoundedCache;
import org.rspharness.core.util.ByteKey;

/** Reads the SGP.22-relevant facts out of a certificate: role policy, curve, EID, host names. */
public final class CertFacts {

  private CertFacts() {}

  /** Parsed holders by certificate DER: every fact below reads one, several per validation. */
  private static final BoundedCache<ByteKey, X509CertificateHolder> HOLDERS =
      new BoundedCache<>(4096);

  /** The Bouncy Castle view of {@code cert} (immutable; parsed once per distinct encoding). */
  public static X509CertificateHolder holder(X509Certificate cert) {
    try {
      byte[] encoded = cert.getEncoded();
      ByteKey key = ByteKey.of(encoded);
      X509CertificateHolder cached = HOLDERS.get(key);
      if (cached != null) {
        return cached;
      }
      X509CertificateHolder parsed = new X509CertificateHolder(encoded);
      HOLDERS.put(key, parsed);
      return parsed;
    } catch (CertificateEncodingException | IOException e) {
      throw new PkiException("certificate cannot be re-encoded: " + e.getMessage(), e);
    }
  }

  /** The certificate policy OIDs, in order (empty when the extension is absent). */
  public static List<String> policies(X509Certificate cert) {
    Extensions ext = holder(cert).getExtensions();
    CertificatePolicies cp = ext == null ? null : CertificatePolicies.fromExtensions(ext);
    List<String> out = new ArrayList<>();
    if (cp != null) {
      for (PolicyInformation pi : cp.getPolicyInformation()) {
        out.add(pi.getPolicyIdentifier().getId());
      }
    }
    return out;
  }

  /** The role named by the first id-rspRole policy of the certificate, if any. */
  public static Optional<Role> role(X509Certificate cert) {
    for (String p : policies(cert)) {
      Optional<Role> r = Role.byPolicy(p);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** The curve of the certificate's public key, or a {@link PkiException} naming the subject. */
  public static Curve curve(X509Certificate cert) {
    return Curve.find(cert.getPublicKey())
        .orElseThrow(
            () ->
                new PkiException(
                    "certificate '" + subject(cert) + "' has no P-256 or brainpoolP256r1 key"));
  }

  /** The subject in RFC 4514 form with attributes in certificate order (e.g. "CN=Test CI,..."). */
  public static String subject(X509Certificate cert) {
    return forward(holder(cert).getSubject());
  }

  /** The issuer in the same form as {@link #subject}. */
  public static String issuer(X509Certificate cert) {
    return forward(holder(cert).getIssuer());
  }

  private static String forward(X500Name name) {
    StringBuilder sb = new StringBuilder();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        String type = BCStyle.INSTANCE.oidToDisplayName(atv.getType());
        sb.append(type == null ? atv.getType().getId() : type)
            .append('=')
            .append(atv.getValue().toString());
      }
    }
    return sb.toString();
  }

  /** The attribute types of a name, in order, as OIDs. */
  public static List<ASN1ObjectIdentifier> attributeTypes(X500Name name) {
    List<ASN1ObjectIdentifier> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        out.add(atv.getType());
      }
    }
    return out;
  }

  /** The value of the first {@code type} attribute of {@code name}. */
  public static Optional<String> attribute(X500Name name, ASN1ObjectIdentifier type) {
    for (RDN rdn : name.getRDNs(type)) {
      return Optional.of(rdn.getFirst().getValue().toString());
    }
    return Optional.empty();
  }

  /** The subject serialNumber, which for an eUICC certificate is the EID. */
  public static Optional<String> eid(X509Certificate cert) {
    return attribute(holder(cert).getSubject(), BCStyle.SERIALNUMBER);
  }

  /** The dNSName entries of the subjectAltName. */
  public static List<String> dnsNames(X509Certificate cert) {
    return generalNames(cert, GeneralName.dNSName);
  }

  /** The registeredID entries of the subjectAltName (the SM-DP+ / CI OIDs). */
  public static List<String> registeredIds(X509Certificate cert) {
    return generalNames(cert, GeneralName.registeredID);
  }

  private static List<String> generalNames(X509Certificate cert, int tag) {
    Extensions ext = holder(cert).getExtensions();
    List<String> out = new ArrayList<>();
    GeneralNames names =
        ext == null ? null : GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
    if (names != null) {
      for (GeneralName n : names.getNames()) {
        if (n.getTagNo() == tag) {
          out.add(n.getName().toString());
        }
      }
    }
    return out;
  }

  /** The subjectKeyIdentifier bytes, if present. */
  public static Optional<byte[]> subjectKeyId(X509Certificate cert) {
    Extensions ext = holder(cert).getExtensions();
    SubjectKeyIdentifier ski = ext == null ? null : SubjectKeyIdentifier.fromExtensions(ext);
    return Optional.ofNullable(ski).map(SubjectKeyIdentifier::getKeyIdentifier);
  }

  /** The keyIdentifier of the authorityKeyIdentifier, if present. */
  public static Optional<byte[]> authorityKeyId(X509Certificate cert) {
    Extensions ext = holder(cert).getExtensions();
    AuthorityKeyIdentifier aki = ext == null ? null : AuthorityKeyIdentifier.fromExtensions(ext);
    return Optional.ofNullable(aki).map(AuthorityKeyIdentifier::getKeyIdentifier);
  }

  /**
   * The directoryName permitted subtrees of the name constraints (SGP.22 puts the EUM's
   * organization and EID prefix there).
   */
  public static List<X500Name> permittedDirectoryNames(X509Certificate cert) {
    Extensions ext = holder(cert).getExtensions();
    List<X500Name> out = new ArrayList<>();
    Extension e = ext == null ? null : ext.getExtension(Extension.nameConstraints);
    if (e != null) {
      NameConstraints nc = NameConstraints.getInstance(e.getParsedValue());
      if (nc.getPermittedSubtrees() != null) {
        for (GeneralSubtree st : nc.getPermittedSubtrees()) {
          if (st.getBase().getTagNo() == GeneralName.directoryName) {
            out.add(X500Name.getInstance(st.getBase().getName()));
          }
        }
      }
    }
    return out;
  }

  /** The key usage bit names set in the certificate (e.g. "digitalSignature"). */
  public static List<String> keyUsages(X509Certificate cert) {
    boolean[] ku = cert.getKeyUsage();
    List<String> out = new ArrayList<>();
    if (ku != null) {
      for (int i = 0; i < ku.length && i < KEY_USAGE_NAMES.length; i++) {
        if (ku[i]) {
          out.add(KEY_USAGE_NAMES[i]);
        }
      }
    }
    return out;
  }

  static final String[] KEY_USAGE_NAMES = {
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly"
  };

  /** Whether subject and issuer names are equal (the certificate claims to be self-issued). */
  public static boolean selfIssued(X509Certificate cert) {
    return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
  }

  /** Hex of a key identifier, upper case with colons, as openssl prints it. */
  public static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(String.format("%02X", b[i] & 0xff));
    }
    return sb.toString();
  }
}
