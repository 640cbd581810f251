package org.rspharness.lpa.es9;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.http.RspHttpServer;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

/** An ES9+ server on loopback TLS that answers with what the test scripts; records requests. */
public final class FakeEs9Server implements AutoCloseable {

  public final List<RspHttpRequest> requests = new CopyOnWriteArrayList<>();
  private final RspHttpServer server;

  public FakeEs9Server(
      java.security.PrivateKey key,
      java.security.cert.X509Certificate cert,
      RspHttpHandler handler) {
    try {
      var ssl = TlsContexts.server(key, List.of(cert), List.of(), TlsOptions.sgp22());
      this.server =
          RspHttpServer.start(
              RspHttpServer.Config.loopback(ssl, "fake-smdp"),
              request -> {
                requests.add(request);
                return handler.handle(request);
              },
              EventLog.disabled());
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.port();
  }

  /** A 200 JSON response as an SM-DP+ sends it. */
  public static RspHttpResponse json(String body) {
    return new RspHttpResponse(
        200,
        Map.of(
            "Content-Type",
            "application/json;charset=UTF-8",
            "X-Admin-Protocol",
            "gsma/rsp/v2.2.0"),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** The function name of a request path. */
  public static String function(RspHttpRequest request) {
    return request.path().substring(request.path().lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    server.close();
  }
}
