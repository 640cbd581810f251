package org.rspharness.smds.transport;

import io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import javax.net.ssl.SSLException;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpServer;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsEngine;
import org.rspharness.core.transport.tls.TlsOptions;
import org.rspharness.smds.SmdsSimulator;

/**
 * SGP.22 section 2.6.6: the SM-DS on the network with its DStls certificate. ES11 over TLS for LPAs
 * (one port on NIST P-256, optionally one on brainpoolP256r1, as an LPA trusts only its eUICC's
 * CIs), ES12 over mutual TLS on its own port, where only certificates issued by the PKI's CIs get
 * through the handshake (the endpoint then requires the DPtls or DStls role). Closing stops every
 * port.
 */
public final class SmdsServer implements AutoCloseable {

  /**
   * What to serve.
   *
   * @param bindAddress address to listen on
   * @param es11Port ES11 over NIST P-256 (0 = ephemeral)
   * @param es11BrainpoolPort ES11 over brainpoolP256r1, or -1 for none
   * @param es12Port ES12 over mutual TLS, or -1 for none
   */
  public record Config(String bindAddress, int es11Port, int es11BrainpoolPort, int es12Port) {

    /** Every port ephemeral on loopback, brainpool included. */
    public static Config loopback() {
      return new Config("127.0.0.1", 0, 0, 0);
    }
  }

  private final List<RspHttpServer> servers;
  private final RspHttpServer es11Nist;
  private final RspHttpServer es11Brainpool;
  private final RspHttpServer es12;

  private SmdsServer(
      List<RspHttpServer> servers,
      RspHttpServer es11Nist,
      RspHttpServer es11Brainpool,
      RspHttpServer es12) {
    this.servers = List.copyOf(servers);
    this.es11Nist = es11Nist;
    this.es11Brainpool = es11Brainpool;
    this.es12 = es12;
  }

  /**
   * Starts the ports of {@code config} for {@code smds}, presenting the PKI's DStls certificates.
   */
  public static SmdsServer start(
      CredentialSource pki, Config config, SmdsSimulator smds, EventLog events) {
    return start(pki, config, smds, events, (iface, h) -> h);
  }

  /**
   * The same, each endpoint as {@code served} wraps it ({@code iface} {@code es11} or {@code
   * es12}), e.g. to log every request served.
   */
  public static SmdsServer start(
      CredentialSource pki,
      Config config,
      SmdsSimulator smds,
      EventLog events,
      BiFunction<String, RspHttpHandler, RspHttpHandler> served) {
    RspHttpHandler es11Handler = served.apply("es11", smds.es11Endpoint());
    RspHttpHandler es12Handler = served.apply("es12", smds.es12Endpoint());
    Credential nistTls = pki.dsTls(Curve.NIST_P256);
    List<X509Certificate> cis = new ArrayList<>();
    for (Curve c : pki.curves()) {
      cis.add(pki.ci(c).certificate());
    }
    List<RspHttpServer> started = new ArrayList<>();
    try {
      RspHttpServer nist =
          bind(
              config,
              config.es11Port(),
              context(nistTls, List.of(), TlsOptions.gcmOnly()),
              "smds.es11.nist",
              es11Handler,
              events);
      started.add(nist);
      RspHttpServer brainpool = null;
      if (config.es11BrainpoolPort() >= 0 && pki.curves().contains(Curve.BRAINPOOL_P256R1)) {
        TlsOptions bc =
            new TlsOptions(
                TlsOptions.sgp22().protocols(), TlsOptions.SGP22_CIPHER_SUITES, TlsEngine.BCJSSE);
        brainpool =
            bind(
                config,
                config.es11BrainpoolPort(),
                context(pki.dsTls(Curve.BRAINPOOL_P256R1), List.of(), bc),
                "smds.es11.brainpool",
                es11Handler,
                events);
        started.add(brainpool);
      }
      RspHttpServer es12 = null;
      if (config.es12Port() >= 0) {
        es12 =
            bind(
                config,
                config.es12Port(),
                context(nistTls, cis, TlsOptions.sgp22()),
                "smds.es12",
                es12Handler,
                events);
        started.add(es12);
      }
      return new SmdsServer(started, nist, brainpool, es12);
    } catch (RuntimeException e) {
      started.forEach(RspHttpServer::close);
      throw e;
    }
  }

  private static RspHttpServer bind(
      Config config,
      int port,
      SslContext context,
      String source,
      RspHttpHandler handler,
      EventLog events) {
    RspHttpServer.Config c =
        RspHttpServer.Config.loopback(context, source)
            .withBindAddress(config.bindAddress())
            .withPort(port);
    try {
      return RspHttpServer.start(c, handler, events);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(source + ": " + e.getMessage(), e);
    }
  }

  private static SslContext context(
      Credential tls, List<X509Certificate> clientAnchors, TlsOptions options) {
    try {
      return TlsContexts.server(tls.requirePrivateKey(), tls.tlsChain(), clientAnchors, options);
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("SM-DS: cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The bound ES11 port of {@code curve}, if served. */
  public OptionalInt es11Port(Curve curve) {
    RspHttpServer s = curve == Curve.NIST_P256 ? es11Nist : es11Brainpool;
    return s == null ? OptionalInt.empty() : OptionalInt.of(s.port());
  }

  /** The bound ES12 port, if served. */
  public OptionalInt es12Port() {
    return es12 == null ? OptionalInt.empty() : OptionalInt.of(es12.port());
  }

  /** One line: every port with what it serves. */
  public String summary(SmdsSimulator smds) {
    StringBuilder s =
        new StringBuilder(smds.isRoot() ? "root SM-DS " : "alternative SM-DS ")
            .append(smds.address().value())
            .append(": ES11 https://")
            .append(hostPort(es11Nist))
            .append(" (NIST P-256)");
    if (es11Brainpool != null) {
      s.append(", ES11 https://").append(hostPort(es11Brainpool)).append(" (brainpoolP256r1)");
    }
    if (es12 != null) {
      s.append(", ES12 https://").append(hostPort(es12)).append(" (mutual TLS, PKI CIs)");
    }
    return s.toString();
  }

  private static String hostPort(RspHttpServer s) {
    return s.address().getHostString() + ":" + s.port();
  }

  @Override
  public void close() {
    servers.forEach(RspHttpServer::close);
  }
}
