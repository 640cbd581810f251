package org.rspharness.core.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rspharness.core.crypto.Curve;

/**
 * A certificate of the RSP PKI with its private key (null when the key is not known, e.g. a
 * directory holding only certificates) and its issuer chain: the certificates above it, nearest
 * first, ending with the CI (empty for the CI itself).
 */
public record Credential(
    X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

  public Credential {
    Objects.requireNonNull(certificate, "certificate");
    chain = List.copyOf(chain);
  }

  /** Whether the private key is present. */
  public boolean hasPrivateKey() {
    return privateKey != null;
  }

  /** The private key, or an error naming the certificate when it is absent. */
  public PrivateKey requirePrivateKey() {
    if (privateKey == null) {
      throw new PkiException(
          "no private key for certificate '"
              + certificate.getSubjectX500Principal().getName()
              + "': put its SK_*.pem (EC PRIVATE KEY) beside it");
    }
    return privateKey;
  }

  /** The certificate followed by its chain (leaf first, CI last), as TLS and ES9+ present it. */
  public List<X509Certificate> path() {
    List<X509Certificate> out = new ArrayList<>(chain.size() + 1);
    out.add(certificate);
    out.addAll(chain);
    return List.copyOf(out);
  }

  /**
   * The certificate and its issuers up to, not including, a self-signed CI: the chain a TLS peer
   * presents (the CI is the other side's trust anchor).
   */
  public List<X509Certificate> tlsChain() {
    List<X509Certificate> out = new ArrayList<>(chain.size() + 1);
    out.add(certificate);
    for (X509Certificate c : chain) {
      if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        out.add(c);
      }
    }
    return out;
  }

  /** The role given by the certificate's id-rspRole policy, if any. */
  public Optional<Role> role() {
    return CertFacts.role(certificate);
  }

  /** The curve of the certificate's public key. */
  public Curve curve() {
    return CertFacts.curve(certificate);
  }
}
