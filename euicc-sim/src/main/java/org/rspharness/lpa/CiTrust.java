package org.rspharness.lpa;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.pki.CertFacts;

/**
 * SGP.22 section 2.6.6: the TLS trust of the ES9+ client. The GSMA CI is in no OS trust store, so
 * the LPA is given CI certificates (files, or the eUICC's PKI directory) and keeps those whose
 * subject key identifier the eUICC lists in euiccCiPKIdListForVerification.
 */
public final class CiTrust {

  private CiTrust() {}

  /** The SKIs of euiccCiPKIdListForVerification, as upper-case hex. */
  public static List<String> verificationSkis(EUICCInfo1 info1) {
    List<String> out = new ArrayList<>();
    info1
        .getEuiccCiPKIdListForVerification()
        .getSubjectKeyIdentifier()
        .forEach(ski -> out.add(HexFormat.of().withUpperCase().formatHex(ski.value)));
    return out;
  }

  /**
   * The candidates whose subject key identifier the eUICC lists for verification.
   *
   * @throws IllegalArgumentException when none matches, naming the identifiers the eUICC wants
   */
  public static List<X509Certificate> select(List<X509Certificate> candidates, EUICCInfo1 info1) {
    List<String> wanted = verificationSkis(info1);
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : candidates) {
      byte[] ski = CertFacts.subjectKeyId(c).orElse(null);
      if (ski != null && wanted.contains(HexFormat.of().withUpperCase().formatHex(ski))) {
        if (out.stream().noneMatch(o -> Arrays.equals(der(o), der(c)))) {
          out.add(c);
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no CI certificate matches the eUICC's euiccCiPKIdListForVerification "
              + wanted
              + " (given "
              + candidates.size()
              + "); pass the CI certificate with --ci-cert");
    }
    return out;
  }

  /** Reads certificates from PEM (one or several) or DER files. */
  public static List<X509Certificate> read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      CertificateFactory f = CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER);
      List<X509Certificate> out = new ArrayList<>();
      f.generateCertificates(new ByteArrayInputStream(bytes))
          .forEach(c -> out.add((X509Certificate) c));
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + file);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "not a certificate file (PEM or DER): " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
