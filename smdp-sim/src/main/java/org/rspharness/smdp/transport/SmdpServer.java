package org.rspharness.smdp.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import javax.net.ssl.SSLException;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.http.RspHttpServer;
import org.rspharness.core.transport.tls.CertificateSelector;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsEngine;
import org.rspharness.core.transport.tls.TlsOptions;

/**
 * SGP.22 section 2.6.6 / 5.6 / 5.3: the SM-DP+ on the network. ES9+ over HTTPS with the DPtls
 * certificate, one port per curve (a TLS server presents one certificate, and a brainpool one needs
 * its own port): NIST P-256 on BoringSSL when it loads, brainpoolP256r1 on Bouncy Castle JSSE. ES2+
 * over HTTPS on its own port with mutual TLS that trusts the configured operator certificates only
 * (an eUICC or unknown client certificate fails the handshake). Each handler is metered ({@link
 * MeteredHandler}); an optional plain-HTTP port serves the meters in the Prometheus text format at
 * {@code /metrics}.
 *
 * <p>The services behind the ports are the caller's: any {@link RspHttpHandler}. Closing stops
 * every port.
 */
public final class SmdpServer implements AutoCloseable {

  /**
   * What to serve.
   *
   * @param host the SM-DP+ host name, which the DPtls certificates must name in their SAN
   * @param bindAddress address to listen on ({@code 127.0.0.1} unless told otherwise)
   * @param es9Port ES9+ over NIST P-256 (0 = ephemeral)
   * @param es9BrainpoolPort ES9+ over brainpoolP256r1, or -1 for none (0 = ephemeral)
   * @param es2Port ES2+, or -1 for none (0 = ephemeral)
   * @param operatorCertificates the ES2+ client certificates (or their CAs) to trust; required when
   *     ES2+ is served
   * @param metricsPort the Prometheus scrape port (plain HTTP), or -1 for none
   * @param tls TLS versions and suites (engine: AUTO picks BoringSSL for NIST when it loads)
   * @param faults the network faults of the server side (layer NETWORK_SERVER) on the ES9+ and ES2+
   *     ports (not the metrics port); {@link FaultPlan#none()} (also for null) by default
   */
  public record Config(
      String host,
      String bindAddress,
      int es9Port,
      int es9BrainpoolPort,
      int es2Port,
      List<X509Certificate> operatorCertificates,
      int metricsPort,
      TlsOptions tls,
      FaultPlan faults) {

    /** A server without network faults. */
    public Config(
        String host,
        String bindAddress,
        int es9Port,
        int es9BrainpoolPort,
        int es2Port,
        List<X509Certificate> operatorCertificates,
        int metricsPort,
        TlsOptions tls) {
      this(
          host,
          bindAddress,
          es9Port,
          es9BrainpoolPort,
          es2Port,
          operatorCertificates,
          metricsPort,
          tls,
          FaultPlan.none());
    }

    public Config {
      faults = faults == null ? FaultPlan.none() : faults;
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host: missing");
      }
      if (bindAddress == null || bindAddress.isBlank()) {
        throw new IllegalArgumentException("bindAddress: missing");
      }
      checkPort(es9Port, "es9Port", false);
      checkPort(es9BrainpoolPort, "es9BrainpoolPort", true);
      checkPort(es2Port, "es2Port", true);
      checkPort(metricsPort, "metricsPort", true);
      operatorCertificates = List.copyOf(operatorCertificates);
      Objects.requireNonNull(tls, "tls");
      if (es2Port >= 0 && operatorCertificates.isEmpty()) {
        throw new IllegalArgumentException(
            "operatorCertificates: ES2+ runs over mutual TLS and needs at least one operator"
                + " certificate to trust (--operator-cert)");
      }
    }

    /** ES9+ on NIST only, loopback, TLS 1.2 with the SGP.22 suites. */
    public static Config es9Only(String host, int es9Port) {
      // GCM only by default: NIST then runs on BoringSSL (the SM-DP+ throughput target needs it);
      // TlsOptions.sgp22() adds CBC-SHA256 and moves NIST to Bouncy Castle JSSE.
      return new Config(host, "127.0.0.1", es9Port, -1, -1, List.of(), -1, TlsOptions.gcmOnly());
    }

    public Config withBrainpoolPort(int port) {
      return new Config(
          host,
          bindAddress,
          es9Port,
          port,
          es2Port,
          operatorCertificates,
          metricsPort,
          tls,
          faults);
    }

    public Config withEs2(int port, List<X509Certificate> operators) {
      return new Config(
          host, bindAddress, es9Port, es9BrainpoolPort, port, operators, metricsPort, tls, faults);
    }

    public Config withMetricsPort(int port) {
      return new Config(
          host,
          bindAddress,
          es9Port,
          es9BrainpoolPort,
          es2Port,
          operatorCertificates,
          port,
          tls,
          faults);
    }

    public Config withBindAddress(String address) {
      return new Config(
          host,
          address,
          es9Port,
          es9BrainpoolPort,
          es2Port,
          operatorCertificates,
          metricsPort,
          tls,
          faults);
    }

    /**
     * The network faults of the ES9+ and ES2+ ports (layer NETWORK_SERVER): each request is an
     * exchange of the function its path ends with; CONNECT/TLS_HANDSHAKE rules name target {@code
     * *} (see {@link RspHttpServer.Config#withFaults}).
     */
    public Config withFaults(FaultPlan plan) {
      return new Config(
          host,
          bindAddress,
          es9Port,
          es9BrainpoolPort,
          es2Port,
          operatorCertificates,
          metricsPort,
          tls,
          plan);
    }

    private static void checkPort(int port, String name, boolean optional) {
      if (port > 65535 || port < (optional ? -1 : 0)) {
        throw new IllegalArgumentException(
            name
                + ": "
                + port
                + " is not a port (0-65535"
                + (optional ? ", or -1 for none" : "")
                + ")");
      }
    }
  }

  private final Config config;
  private final MeterRegistry registry;
  private final List<RspHttpServer> servers;
  private final RspHttpServer es9Nist;
  private final RspHttpServer es9Brainpool;
  private final RspHttpServer es2;
  private final RspHttpServer metrics;
  private final String summary;

  private SmdpServer(
      Config config,
      MeterRegistry registry,
      List<RspHttpServer> servers,
      RspHttpServer es9Nist,
      RspHttpServer es9Brainpool,
      RspHttpServer es2,
      RspHttpServer metrics,
      String nistEngine) {
    this.config = config;
    this.registry = registry;
    this.servers = List.copyOf(servers);
    this.es9Nist = es9Nist;
    this.es9Brainpool = es9Brainpool;
    this.es2 = es2;
    this.metrics = metrics;
    StringBuilder s =
        new StringBuilder("SM-DP+ ")
            .append(config.host())
            .append(": ES9+ https://")
            .append(hostPort(es9Nist))
            .append(" (NIST P-256, ")
            .append(nistEngine)
            .append(")");
    if (es9Brainpool != null) {
      s.append(", ES9+ https://")
          .append(hostPort(es9Brainpool))
          .append(" (brainpoolP256r1, BCJSSE)");
    }
    if (es2 != null) {
      s.append(", ES2+ https://")
          .append(hostPort(es2))
          .append(" (mutual TLS, ")
          .append(config.operatorCertificates().size())
          .append(" operator certificate(s))");
    }
    if (metrics != null) {
      s.append(", metrics http://").append(hostPort(metrics)).append("/metrics");
    }
    this.summary = s.toString();
  }

  /**
   * Starts every configured port. On any failure the ports already started are closed and the error
   * names the interface: a {@link PkiException} when the source lacks a credential or key, an
   * {@link IllegalStateException} for a port that cannot be bound, an IllegalArgumentException when
   * a DPtls certificate does not name {@code host}.
   */
  public static SmdpServer start(
      CredentialSource pki,
      Config config,
      RspHttpHandler es9Handler,
      RspHttpHandler es2Handler,
      MeterRegistry registry,
      EventLog events) {
    return start(
        pki,
        config,
        es9Handler,
        es9Handler,
        es2Handler,
        registry,
        events,
        ConnectionLimits.defaults());
  }

  /**
   * As above with a handler of its own for the brainpool ES9+ port ({@code es9BrainpoolHandler},
   * e.g. the single-curve-per-port quirk) and the connection limits of every ES9+/ES2+ port.
   */
  public static SmdpServer start(
      CredentialSource pki,
      Config config,
      RspHttpHandler es9Handler,
      RspHttpHandler es9BrainpoolHandler,
      RspHttpHandler es2Handler,
      MeterRegistry registry,
      EventLog events,
      ConnectionLimits limits) {
    Objects.requireNonNull(pki, "pki");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(es9Handler, "es9Handler");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(events, "events");
    if (config.es2Port() >= 0) {
      Objects.requireNonNull(es2Handler, "es2Handler");
    }
    // Credentials first: a PKI problem should not leave half the ports open.
    Credential nistTls = pki.dpTls(Curve.NIST_P256);
    checkSan(nistTls, config.host(), Curve.NIST_P256);
    nistTls.requirePrivateKey();
    Credential brainpoolTls = null;
    if (config.es9BrainpoolPort() >= 0) {
      brainpoolTls = pki.dpTls(Curve.BRAINPOOL_P256R1);
      checkSan(brainpoolTls, config.host(), Curve.BRAINPOOL_P256R1);
      brainpoolTls.requirePrivateKey();
    } else {
      brainpoolTls = optionalBrainpoolTls(pki, config.host());
    }
    SslContext nistContext = context("ES9+ (NIST)", nistTls, List.of(), config.tls());
    SslContext brainpoolOnly =
        brainpoolTls == null
            ? null
            : context(
                "ES9+ (brainpool)",
                brainpoolTls,
                List.of(),
                // Bouncy Castle JSSE has every SGP.22 suite: the brainpool port always offers both.
                new TlsOptions(
                    config.tls().protocols(),
                    union(config.tls().cipherSuites(), TlsOptions.SGP22_CIPHER_SUITES),
                    TlsEngine.BCJSSE));
    SslContext es2Context =
        config.es2Port() < 0
            ? null
            : context("ES2+", nistTls, config.operatorCertificates(), config.tls());
    String nistEngine =
        TlsContexts.engineOf(nistContext) == TlsEngine.BORINGSSL ? "BoringSSL" : "BCJSSE";
    // SGP.22 2.6.6: the main ES9+ port presents the DPtls certificate the client's groups allow
    // (NIST first); the brainpool port presents brainpool only, and refuses a client without it.
    List<CertificateSelector.Option> mainOptions = new ArrayList<>();
    mainOptions.add(CertificateSelector.Option.nist(nistContext));
    if (brainpoolOnly != null) {
      mainOptions.add(CertificateSelector.Option.brainpool(brainpoolOnly));
      nistEngine += "; brainpoolP256r1 on BCJSSE to clients offering it";
    }
    SslContext es9Context =
        new CertificateSelector(mainOptions, config.tls().protocols()).asContext();
    SslContext brainpoolContext =
        brainpoolOnly == null || config.es9BrainpoolPort() < 0
            ? null
            : new CertificateSelector(
                    List.of(CertificateSelector.Option.brainpool(brainpoolOnly)),
                    config.tls().protocols())
                .asContext();

    List<RspHttpServer> started = new ArrayList<>();
    try {
      RspHttpHandler es9 = MeteredHandler.es9(es9Handler, registry);
      RspHttpHandler es9Bp =
          es9BrainpoolHandler == es9Handler
              ? es9
              : MeteredHandler.es9(es9BrainpoolHandler, registry);
      RspHttpServer nist =
          bind(
              "ES9+ (NIST)",
              config,
              config.es9Port(),
              es9Context,
              "smdp.es9.nist",
              es9,
              events,
              limits);
      started.add(nist);
      RspHttpServer brainpool = null;
      if (brainpoolContext != null) {
        brainpool =
            bind(
                "ES9+ (brainpool)",
                config,
                config.es9BrainpoolPort(),
                brainpoolContext,
                "smdp.es9.brainpool",
                es9Bp,
                events,
                limits);
        started.add(brainpool);
      }
      RspHttpServer es2 = null;
      if (es2Context != null) {
        es2 =
            bind(
                "ES2+",
                config,
                config.es2Port(),
                es2Context,
                "smdp.es2",
                MeteredHandler.es2(es2Handler, registry),
                events,
                limits);
        started.add(es2);
      }
      RspHttpServer metrics = null;
      if (config.metricsPort() >= 0) {
        metrics =
            bind(
                "metrics",
                config,
                config.metricsPort(),
                null,
                "smdp.metrics",
                scrapeHandler(registry),
                events,
                limits);
        started.add(metrics);
      }
      return new SmdpServer(config, registry, started, nist, brainpool, es2, metrics, nistEngine);
    } catch (RuntimeException e) {
      for (RspHttpServer s : started) {
        s.close();
      }
      throw e;
    }
  }

  /** The Content-Type of the Prometheus text exposition format 0.0.4. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * A registry whose meters can be scraped: Micrometer's Prometheus registry (standard names with
   * their base unit, HELP and TYPE lines, timers as summaries with {@code quantile} labels when
   * they publish percentiles and histograms with {@code le} labels when they publish buckets).
   */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * A handler answering GET /metrics with the Prometheus text of {@code registry}, which must be
   * (or hold, in a composite) a {@link PrometheusMeterRegistry} (see {@link #newRegistry()}).
   */
  public static RspHttpHandler scrapeHandler(MeterRegistry registry) {
    PrometheusMeterRegistry prometheus = prometheus(registry);
    return request -> {
      if (!"/metrics".equals(request.path())) {
        return new RspHttpResponse(
            404,
            Map.of("Content-Type", "text/plain;charset=UTF-8"),
            "only /metrics here\n".getBytes(StandardCharsets.UTF_8));
      }
      return new RspHttpResponse(
          200,
          Map.of("Content-Type", PROMETHEUS_CONTENT_TYPE),
          prometheus.scrape().getBytes(StandardCharsets.UTF_8));
    };
  }

  private static PrometheusMeterRegistry prometheus(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry p) {
      return p;
    }
    if (registry instanceof CompositeMeterRegistry c) {
      for (MeterRegistry r : c.getRegistries()) {
        if (r instanceof PrometheusMeterRegistry p) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(
        "registry: a metrics port needs a PrometheusMeterRegistry (SmdpServer.newRegistry()), got "
            + registry.getClass().getSimpleName());
  }

  /** One line: host, and every port with what it serves. */
  public String summary() {
    return summary;
  }

  public Config config() {
    return config;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The bound ES9+ port of {@code curve}, if served. */
  public OptionalInt es9Port(Curve curve) {
    RspHttpServer s = curve == Curve.NIST_P256 ? es9Nist : es9Brainpool;
    return s == null ? OptionalInt.empty() : OptionalInt.of(s.port());
  }

  /** The bound ES2+ port, if served. */
  public OptionalInt es2Port() {
    return es2 == null ? OptionalInt.empty() : OptionalInt.of(es2.port());
  }

  /** The bound metrics port, if served. */
  public OptionalInt metricsPort() {
    return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
  }

  @Override
  public void close() {
    for (RspHttpServer s : servers) {
      s.close();
    }
  }

  private static RspHttpServer bind(
      String what,
      Config config,
      int port,
      SslContext context,
      String eventSource,
      RspHttpHandler handler,
      EventLog events,
      ConnectionLimits limits) {
    RspHttpServer.Config c =
        RspHttpServer.Config.loopback(context, eventSource)
            .withBindAddress(config.bindAddress())
            .withPort(port);
    if (context != null) {
      c = c.withFaults(config.faults()); // the ES9+/ES2+ ports; the metrics scrape stays clean
      c =
          c.withPipelineHook(limits.hook(events, eventSource))
              .withIdleSeconds((int) limits.idleTimeout().toSeconds());
    }
    try {
      return RspHttpServer.start(c, handler, events);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  private static SslContext context(
      String what, Credential tls, Collection<X509Certificate> clientAnchors, TlsOptions options) {
    try {
      return TlsContexts.server(tls.requirePrivateKey(), tls.tlsChain(), clientAnchors, options);
    } catch (SSLException | IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException(what + ": cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The brainpool DPtls credential when the PKI has one naming {@code host}, else null. */
  private static Credential optionalBrainpoolTls(CredentialSource pki, String host) {
    try {
      Credential c = pki.dpTls(Curve.BRAINPOOL_P256R1);
      checkSan(c, host, Curve.BRAINPOOL_P256R1);
      c.requirePrivateKey();
      return c;
    } catch (RuntimeException absent) {
      return null; // a NIST-only PKI: the main port serves NIST only
    }
  }

  /** SGP.22 section 2.6.6: clients check the host against the DPtls SAN; fail early if it can't. */
  private static void checkSan(Credential tls, String host, Curve curve) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = tls.certificate().getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new PkiException("DPtls " + curve + ": subjectAltName does not parse", e);
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String n : names) {
      String name = n.toLowerCase(Locale.ROOT);
      if (name.equals(h)
          || (name.startsWith("*.")
              && h.endsWith(name.substring(1))
              && h.indexOf('.') == h.length() - name.length() + 1)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "host: the DPtls certificate ("
            + curve
            + ") names "
            + names
            + " in its SAN, not '"
            + host
            + "'; clients would refuse it (use --host with one of those names)");
  }

  private static String hostPort(RspHttpServer s) {
    return s.address().getHostString() + ":" + s.port();
  }

  private static List<String> union(List<String> first, List<String> second) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
