package org.rspharness.core.transport.tls;

import io.netty.handler.ssl.OpenSslCertificateException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import javax.net.ssl.X509TrustManager;

/**
 * The ES2+ server's check of an operator's client certificate: PKIX to the configured anchors, and
 * the validity of every certificate presented, also of a leaf trusted directly (PKIX does not check
 * an anchor's dates). Each refusal names its problem, so the TLS alert does too: {@code
 * certificate_expired} for an expired or not yet valid certificate, {@code unknown_ca} when no
 * configured certificate vouches for it, {@code bad_certificate} for any other defect.
 */
final class ClientCertificateTrust implements X509TrustManager {

  // OpenSSL verify result codes (x509_vfy.h), which BoringSSL turns into the matching alert
  static final int X509_V_ERR_CERT_SIGNATURE_FAILURE = 7;
  static final int X509_V_ERR_CERT_HAS_EXPIRED = 10;
  static final int X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20;

  private final X509TrustManager pkix;
  private final Clock clock;

  ClientCertificateTrust(X509TrustManager pkix, Clock clock) {
    this.pkix = pkix;
    this.clock = clock;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new OpenSslCertificateException(
          "no client certificate", X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    }
    Date now = Date.from(clock.instant());
    for (X509Certificate c : chain) {
      // CertificateExpiredException / NotYetValid: both engines send certificate_expired
      c.checkValidity(now);
    }
    try {
      pkix.checkClientTrusted(chain, authType);
    } catch (CertificateException e) {
      throw classify(e);
    }
  }

  private static CertificateException classify(CertificateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException
          || t instanceof CertificateNotYetValidException) {
        return (CertificateException) t;
      }
      if (t instanceof CertPathValidatorException v) {
        if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
            || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
          return withCause(new CertificateExpiredException(v.getMessage()), e);
        }
        if (v.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
          return withCause(
              new OpenSslCertificateException(
                  "signature does not verify: " + v.getMessage(),
                  X509_V_ERR_CERT_SIGNATURE_FAILURE),
              e);
        }
      }
    }
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (m.contains("trust anchor") || m.contains("unable to find") || m.contains("no issuer")) {
      return withCause(
          new OpenSslCertificateException(
              "no configured operator certificate vouches for it: " + e.getMessage(),
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY),
          e);
    }
    return withCause(
        new OpenSslCertificateException(
            "refused: " + e.getMessage(), X509_V_ERR_CERT_SIGNATURE_FAILURE),
        e);
  }

  private static <T extends CertificateException> T withCause(T ex, Throwable cause) {
    ex.initCause(cause);
    return ex;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }
}
