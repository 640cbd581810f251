package org.rspharness.scenario.engine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.rspharness.certs.Keys;

/** Reads the operator's ES2+ client certificate chain and key (PEM) with file-named errors. */
final class PemFiles {

  private PemFiles() {}

  /** Every certificate of a PEM file, leaf first. */
  static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof X509CertificateHolder h) {
          out.add(new JcaX509CertificateConverter().setProvider(Keys.BC).getCertificate(h));
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + ": not a PEM certificate file (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new IOException(file + ": no CERTIFICATE block; expected a PEM certificate");
    }
    return out;
  }

  /** The private key of a PEM file (PKCS#8 or SEC1 "EC PRIVATE KEY"). */
  static PrivateKey privateKey(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof PEMKeyPair kp) {
          return Keys.privateKey(kp.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return Keys.privateKey(info);
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + ": not a PEM private key (" + e.getMessage() + ")", e);
    }
    throw new IOException(file + ": no PRIVATE KEY block; expected a PEM EC private key");
  }
}
