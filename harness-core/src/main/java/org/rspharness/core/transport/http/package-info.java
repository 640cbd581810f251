/**
 * HTTP/1.1 over TLS on Netty for ES9+ and ES2+: the only place where Netty types meet RSP messages.
 */
package org.rspharness.core.transport.http;
