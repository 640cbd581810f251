package org.rspharness.smds.es12;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es12.DeleteEventRequest;
import org.rspharness.core.es12.Es12Response;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.tls.TlsOptions;

/**
 * SGP.22 sections 5.9 and 2.6.6: ES12 over HTTPS, POST {@code /gsma/rsp2/es12/<function>}, mutual
 * TLS with the caller's TLS certificate (CERT.DPtls of the SM-DP+, CERT.DStls of an alternative
 * SM-DS) and trust in the GSMA CIs only.
 */
public final class Es12Client implements Es12, AutoCloseable {

  /** The ES12 path prefix. */
  public static final String PATH = "/gsma/rsp2/es12/";

  private final RspHttpClient http;
  private final RspJson json = RspJson.lenient();

  /**
   * A client presenting {@code tls} (key and chain) and trusting {@code cis}; {@code resolve} sends
   * lab host names to loopback addresses.
   */
  public Es12Client(
      Credential tls,
      List<X509Certificate> cis,
      Map<String, String> resolve,
      String eventSource,
      EventLog events) {
    try {
      this.http =
          new RspHttpClient(
              RspHttpClient.Config.overTls(
                      cis, tls.requirePrivateKey(), tls.tlsChain(), TlsOptions.sgp22(), eventSource)
                  .withResolve(resolve),
              events);
    } catch (SSLException e) {
      throw new IllegalStateException("ES12 client: cannot build the TLS context: " + e, e);
    }
  }

  @Override
  public Es12Response registerEvent(SmdpAddress smds, RegisterEventRequest request)
      throws SmdsUnreachableException {
    return call(smds, "registerEvent", request);
  }

  @Override
  public Es12Response deleteEvent(SmdpAddress smds, DeleteEventRequest request)
      throws SmdsUnreachableException {
    return call(smds, "deleteEvent", request);
  }

  /** The URL of {@code function} at {@code smds}. */
  public static URI url(SmdpAddress smds, String function) {
    return URI.create(
        "https://"
            + smds.host().toLowerCase(Locale.ROOT)
            + (smds.port().isPresent() ? ":" + smds.port().getAsInt() : "")
            + PATH
            + function);
  }

  private Es12Response call(SmdpAddress smds, String function, Object request)
      throws SmdsUnreachableException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json;charset=UTF-8");
    headers.put("X-Admin-Protocol", "gsma/rsp/v2.2.0");
    RspHttpResponse r;
    try {
      r = http.post(url(smds, function), headers, json.write(request), function);
    } catch (RspHttpException e) {
      throw new SmdsUnreachableException(
          "SM-DS " + smds.value() + " " + function + ": " + e.getMessage(), e);
    }
    if (r.status() != 200) {
      throw new SmdsUnreachableException(
          "SM-DS " + smds.value() + " " + function + ": HTTP " + r.status(), null);
    }
    try {
      return json.read(r.body(), Es12Response.class);
    } catch (CodecException e) {
      throw new SmdsUnreachableException(
          "SM-DS " + smds.value() + " " + function + ": malformed response: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
