package org.rspharness.certs;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.Role;

/**
 * One certificate found in a PKI directory: the file it came from, its role (by policy OID, empty
 * when it carries none of SGP.22's), its curve, and the private key matched to it (by public key),
 * with that key's file.
 */
public record PkiEntry(
    Path file,
    X509Certificate certificate,
    Optional<Role> role,
    Curve curve,
    PrivateKey privateKey,
    Path keyFile,
    Optional<BadVariant> variant) {

  /** Whether a private key matching the certificate was found. */
  public boolean hasPrivateKey() {
    return privateKey != null;
  }
}
