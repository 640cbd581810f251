package org.rspharness.core.transport.tls;

import java.util.List;

/**
 * Protocol versions, cipher suites and engine for a context.
 *
 * @param protocols e.g. {@code TLSv1.2}; SGP.22 section 2.6.6 requires TLS 1.2, 1.3 is optional
 * @param cipherSuites IANA names, in preference order
 * @param engine which implementation to use
 */
public record TlsOptions(List<String> protocols, List<String> cipherSuites, TlsEngine engine) {

  /**
   * The cipher suites SGP.22 section 2.6.6 names for ES9+ (and ES2+): ECDHE with ECDSA, AES-128 in
   * GCM or CBC with SHA-256.
   */
  public static final List<String> SGP22_CIPHER_SUITES =
      List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");

  /** TLS 1.3 suites, offered only when TLS 1.3 is enabled. */
  public static final List<String> TLS13_CIPHER_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  public TlsOptions {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("TLS options: no protocol version enabled");
    }
    if (cipherSuites.isEmpty()) {
      throw new IllegalArgumentException("TLS options: no cipher suite enabled");
    }
  }

  /** TLS 1.2 with the SGP.22 suites, engine chosen automatically. */
  public static TlsOptions sgp22() {
    return new TlsOptions(List.of("TLSv1.2"), SGP22_CIPHER_SUITES, TlsEngine.AUTO);
  }

  /**
   * TLS 1.2 with ECDHE-ECDSA AES-128-GCM only: what every deployed LPA offers, and what BoringSSL
   * serves (it lacks CBC-SHA256), so NIST servers run at full speed. For load runs.
   */
  public static TlsOptions gcmOnly() {
    return new TlsOptions(List.of("TLSv1.2"), SGP22_CIPHER_SUITES.subList(0, 1), TlsEngine.AUTO);
  }

  /** TLS 1.2 and 1.3. */
  public static TlsOptions sgp22WithTls13() {
    List<String> suites = new java.util.ArrayList<>(TLS13_CIPHER_SUITES);
    suites.addAll(SGP22_CIPHER_SUITES);
    return new TlsOptions(List.of("TLSv1.3", "TLSv1.2"), suites, TlsEngine.AUTO);
  }

  /** The same options on another engine. */
  public TlsOptions withEngine(TlsEngine newEngine) {
    return new TlsOptions(protocols, cipherSuites, newEngine);
  }
}
