package org.rspharness.core.pki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.util.BoundedCache;
import org.rspharness.core.util.ByteKey;

/**
 * X.509 certificates parsed with Bouncy Castle, once per distinct encoding: every RSP session
 * carries the same few certificates (the eUICC's and EUM's to the SM-DP+, DPauth and DPpb to the
 * eUICC), and parsing them is a measurable share of a download. The parsed objects are immutable.
 * Bounded: past {@link #LIMIT} distinct encodings the cache starts again.
 */
public final class Certificates {

  static final int LIMIT = 4096;

  private static final BoundedCache<ByteKey, X509Certificate> PARSED = new BoundedCache<>(LIMIT);

  private Certificates() {}

  /**
   * The certificate encoded in {@code der[offset, offset + length)}, as {@link
   * CertificateFactory#generateCertificate} of the Bouncy Castle provider reads it.
   *
   * @throws CertificateException (or a RuntimeException of the provider) when it does not parse;
   *     failures are not cached
   */
  public static X509Certificate parse(byte[] der, int offset, int length)
      throws CertificateException {
    byte[] bytes = Arrays.copyOfRange(der, offset, offset + length);
    ByteKey key = ByteKey.of(bytes);
    X509Certificate cached = PARSED.get(key);
    if (cached != null) {
      return cached;
    }
    CertificateFactory f = CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER);
    X509Certificate parsed =
        (X509Certificate) f.generateCertificate(new ByteArrayInputStream(bytes));
    PARSED.put(key, parsed);
    return parsed;
  }

  /** As {@link #parse(byte[], int, int)} for the whole array. */
  public static X509Certificate parse(byte[] der) throws CertificateException {
    return parse(der, 0, der.length);
  }
}
