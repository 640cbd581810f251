package org.rspharness.core.transport.http;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the services see it: no Netty types, header names lower-cased.
 *
 * @param method e.g. {@code POST}
 * @param path the request target without query, e.g. {@code
 *     /gsma/rsp2/es9plus/initiateAuthentication}
 * @param headers header names in lower case; a repeated header keeps its first value
 * @param body the body bytes as received
 * @param remoteAddress the peer, for logs
 * @param peerCertificates the client's TLS chain under mutual TLS, else empty
 */
public record RspHttpRequest(
    String method,
    String path,
    Map<String, String> headers,
    byte[] body,
    String remoteAddress,
    List<X509Certificate> peerCertificates) {

  public RspHttpRequest {
    headers = Map.copyOf(headers);
    peerCertificates = List.copyOf(peerCertificates);
  }

  /** A header's value, by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
