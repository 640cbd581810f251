package org.rspharness.smdp.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

/**
 * The HTTP client the SM-DP+ calls the operator with (ES2+ HandleDownloadProgressInfo): over TLS
 * presenting its DPtls certificate and trusting the operators' certificates, or plain HTTP for a
 * lab operator.
 */
public final class OperatorCallbackClient {

  private OperatorCallbackClient() {}

  /**
   * A client presenting {@code dpTls} and trusting {@code operators}; with {@code dpTls} null, a
   * plain HTTP client.
   */
  public static RspHttpClient open(
      Credential dpTls, List<X509Certificate> operators, EventLog events) throws SSLException {
    return new RspHttpClient(
        RspHttpClient.Config.defaults(
            dpTls == null
                ? null
                : TlsContexts.client(
                    operators,
                    dpTls.requirePrivateKey(),
                    List.of(dpTls.certificate()),
                    TlsOptions.sgp22()),
            "smdp.operator"),
        events);
  }
}
