package org.rspharness.core.transport.tls;

import java.util.List;

/**
 * Protocol versions, cipher suites, named groups, signature schemes and engine for a context.
 *
 * @param protocols e.g. {@code TLSv1.2}; SGP.22 section 2.6.6 requires TLS 1.2, 1.3 is optional
 * @param cipherSuites IANA names, in preference order
 * @param engine which implementation to use
 * @param namedGroups the supported_groups offered / accepted (Bouncy Castle JSSE names)
 * @param signatureSchemes the signature_algorithms offered / accepted (IANA names)
 */
public record TlsOptions(
    List<String> protocols,
    List<String> cipherSuites,
    TlsEngine engine,
    List<String> namedGroups,
    List<String> signatureSchemes) {

  /**
   * SGP.22 section 2.6.6: both RSP curves, secp256r1 and brainpoolP256r1 (TLS 1.2 named curve 26);
   * for TLS 1.3 brainpool is the RFC 8734 group brainpoolP256r1tls13. The JDK's and Bouncy Castle's
   * defaults omit brainpool, so an OpenSSL server holding only a brainpool DPtls certificate would
   * refuse the handshake.
   */
  public static final List<String> SGP22_NAMED_GROUPS =
      List.of("secp256r1", "brainpoolP256r1", "brainpoolP256r1tls13");

  /**
   * ECDSA with SHA-256 on either curve: in TLS 1.2 {@code ecdsa_secp256r1_sha256} (0x0403) is
   * ECDSA+SHA256 on any curve; TLS 1.3 binds the curve, so brainpool needs RFC 8734's
   * ecdsa_brainpoolP256r1tls13_sha256 (0x081A).
   */
  public static final List<String> SGP22_SIGNATURE_SCHEMES =
      List.of("ecdsa_secp256r1_sha256", "ecdsa_brainpoolP256r1tls13_sha256");

  /** The SGP.22 groups and signature schemes. */
  public TlsOptions(List<String> protocols, List<String> cipherSuites, TlsEngine engine) {
    this(protocols, cipherSuites, engine, SGP22_NAMED_GROUPS, SGP22_SIGNATURE_SCHEMES);
  }

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
    namedGroups = List.copyOf(namedGroups);
    signatureSchemes = List.copyOf(signatureSchemes);
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
    return new TlsOptions(protocols, cipherSuites, newEngine, namedGroups, signatureSchemes);
  }

  /** The same options offering other named groups (e.g. to play a client without brainpool). */
  public TlsOptions withNamedGroups(List<String> groups) {
    return new TlsOptions(protocols, cipherSuites, engine, groups, signatureSchemes);
  }

  /** The same options with other protocol versions. */
  public TlsOptions withProtocols(List<String> versions) {
    return new TlsOptions(versions, cipherSuites, engine, namedGroups, signatureSchemes);
  }
}
