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
 * configured certificate vouches for it (none is in the chain or its issuer), {@code
 * bad_certificate} for any other defect (a signature that does not verify, a path that does not
 * hold).
 */
final class ClientCertificateTrust implements X509TrustManager {

  // OpenSSL verify result codes (x509_vfy.h), which BoringSSL turns into the matching alert
  static final int X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20;
  static final int X509_V_ERR_CERT_REJECTED = 28;

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
    if (!knownIssuer(chain)) {
      throw new OpenSslCertificateException(
          "no configured operator certificate vouches for "
              + chain[0].getSubjectX500Principal().getName(),
          X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    }
    for (X509Certificate c : chain) {
      // CertificateExpiredException: certificate_expired (not yet valid: bad_certificate)
      c.checkValidity(now);
    }
    try {
      pkix.checkClientTrusted(chain, authType);
    } catch (CertificateException e) {
      throw classify(e);
    }
  }

  /** Whether a configured certificate is in the chain or names itself issuer of one in it. */
  private boolean knownIssuer(X509Certificate[] chain) {
    for (X509Certificate anchor : pkix.getAcceptedIssuers()) {
      for (X509Certificate c : chain) {
        if (anchor.equals(c)
            || anchor.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
          return true;
        }
      }
    }
    return false;
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
      }
    }
    // a known issuer, but the path does not hold (signature, extensions): bad_certificate
    return withCause(
        new OpenSslCertificateException("refused: " + e.getMessage(), X509_V_ERR_CERT_REJECTED), e);
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
