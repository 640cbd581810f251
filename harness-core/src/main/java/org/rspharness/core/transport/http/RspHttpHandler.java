package org.rspharness.core.transport.http;

/**
 * Turns one request into one response. Implementations are the transport-free services; they answer
 * every protocol error themselves (SGP.22 status codes in the body), so an exception out of here is
 * a bug, which the server reports as a bare 500 without internals.
 */
@FunctionalInterface
public interface RspHttpHandler {

  RspHttpResponse handle(RspHttpRequest request);
}
