/**
 * TLS contexts for ES9+ and ES2+: SGP.22 cipher suites, GSMA CI trust, BoringSSL or Bouncy Castle
 * JSSE.
 */
package org.rspharness.core.transport.tls;
