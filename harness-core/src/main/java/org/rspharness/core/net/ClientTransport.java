package org.rspharness.core.net;

import org.rspharness.core.event.EventLog;
import org.rspharness.core.transport.http.RspHttpClient;

/**
 * Makes the network clients of the harness: protocol code (the LPA's ES9+ client, the scenario
 * engine, the load runner) asks it for HTTP clients and never sees the I/O library underneath; the
 * clients one transport makes share its I/O threads (thousands of simulated LPAs on a few threads).
 * The Netty implementation is {@code org.rspharness.core.transport.NettyClientTransport}.
 */
public interface ClientTransport extends AutoCloseable {

  /**
   * An HTTP client with {@code config} on this transport's I/O threads; closing the client leaves
   * the threads running.
   */
  RspHttpClient httpClient(RspHttpClient.Config config, EventLog events);

  /** Stops the I/O threads (without waiting); the clients it made are unusable afterwards. */
  @Override
  void close();
}
