package org.rspharness.core.transport.tls;

/**
 * Which TLS implementation carries a context. Measured here: BoringSSL handshakes cost about a
 * fifth of the JDK engine's; only Bouncy Castle JSSE does brainpoolP256r1 on JDK 17.
 */
public enum TlsEngine {
  /** BoringSSL through netty-tcnative for NIST keys when it loads, else Bouncy Castle JSSE. */
  AUTO,
  /** netty-tcnative BoringSSL; NIST P-256 only. */
  BORINGSSL,
  /** Bouncy Castle JSSE: pure Java, both curves. */
  BCJSSE
}
