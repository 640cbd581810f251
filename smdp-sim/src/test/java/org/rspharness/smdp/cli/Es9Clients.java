package org.rspharness.smdp.cli;

import java.util.List;
import java.util.Map;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

/** The TLS client the serve tests reach {@code smdp serve}'s NIST ES9+ port with. */
final class Es9Clients {

  private Es9Clients() {}

  /** Trusts {@code pki}'s NIST CI and resolves its SM-DP+ host to loopback. */
  static RspHttpClient to(TestPki pki) throws javax.net.ssl.SSLException {
    return new RspHttpClient(
        RspHttpClient.Config.defaults(
                TlsContexts.client(
                    List.of(pki.ci(Curve.NIST_P256).certificate()),
                    null,
                    List.of(),
                    TlsOptions.sgp22()),
                "test")
            .withResolve(Map.of(pki.smdpHost(), "127.0.0.1")),
        EventLog.disabled());
  }
}
