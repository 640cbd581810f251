package org.rspharness.core.transport.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.rspharness.core.util.BoundedCache;
import org.rspharness.core.util.ByteKey;

/**
 * Builds netty {@link SslContext}s for the RSP interfaces.
 *
 * <p>SGP.22 section 2.6.6: ES9+ runs TLS 1.2 with ECDHE-ECDSA suites, and the server certificate
 * (CERT.DPtls) chains to a GSMA CI, not to any WebPKI root. So clients trust exactly the CIs they
 * are given, and certificate paths are validated by Bouncy Castle, because the JDK 17 provider
 * parses brainpoolP256r1 keys but cannot verify their signatures.
 */
public final class TlsContexts {

  /**
   * BCJSSE logs its reading of java.security at INFO/WARNING on first use; on a CLI that is noise
   * on every run. Held in a field because java.util.logging keeps loggers only weakly.
   */
  private static final java.util.logging.Logger BCJSSE_LOG = quietBcJsseLogger();

  private static final Provider BC = org.rspharness.core.crypto.BouncyCastle.PROVIDER;
  private static final Provider BCJSSE = new BouncyCastleJsseProvider(BC);
  private static final String P256_OID = "1.2.840.10045.3.1.7";

  private TlsContexts() {}

  private static java.util.logging.Logger quietBcJsseLogger() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.bouncycastle.jsse");
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  /** Which implementation a context built here runs on (for start-up summaries and reports). */
  public static TlsEngine engineOf(SslContext context) {
    return context instanceof io.netty.handler.ssl.OpenSslContext
            || context instanceof io.netty.handler.ssl.ReferenceCountedOpenSslContext
        ? TlsEngine.BORINGSSL
        : TlsEngine.BCJSSE;
  }

  /** True when netty-tcnative's BoringSSL loaded on this machine. */
  public static boolean boringSslAvailable() {
    return OpenSsl.isAvailable();
  }

  /**
   * A server context presenting {@code chain} (leaf first) with {@code key}. {@code
   * clientTrustAnchors} non-empty turns on mutual TLS (ES2+): clients must present a certificate
   * chaining to one of them, anything else is refused in the handshake.
   */
  public static SslContext server(
      PrivateKey key,
      List<X509Certificate> chain,
      Collection<X509Certificate> clientTrustAnchors,
      TlsOptions options)
      throws SSLException {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("TLS server: certificate chain is empty");
    }
    SslProvider provider = chooseProvider(options, chain.get(0));
    SslContextBuilder builder =
        provider == SslProvider.OPENSSL
            ? SslContextBuilder.forServer(key, chain)
            : SslContextBuilder.forServer(new FixedKeyManager(key, chain))
                .sslContextProvider(BCJSSE);
    if (!clientTrustAnchors.isEmpty()) {
      builder
          .clientAuth(ClientAuth.REQUIRE)
          .trustManager(
              new ClientCertificateTrust(
                  (javax.net.ssl.X509TrustManager) trustManager(clientTrustAnchors),
                  java.time.Clock.systemUTC()));
    }
    SslContext built =
        builder
            .sslProvider(provider)
            .protocols(options.protocols())
            // BoringSSL lacks the CBC-SHA256 suites and refuses a list naming any unknown suite;
            // filtering keeps what the engine has (GCM), and fails below if that leaves nothing.
            .ciphers(options.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
            .build();
    return provider == SslProvider.JDK ? new BcGroups(built, options) : built;
  }

  /**
   * A client context trusting exactly {@code trustAnchors} (the CIs the eUICC lists), checking the
   * server's host name against the certificate's SAN, and optionally presenting a client
   * certificate (ES2+ operators).
   */
  public static SslContext client(
      Collection<X509Certificate> trustAnchors,
      PrivateKey clientKey,
      List<X509Certificate> clientChain,
      TlsOptions options)
      throws SSLException {
    if (trustAnchors.isEmpty()) {
      throw new IllegalArgumentException("TLS client: no trust anchor (CI certificate) given");
    }
    if (options.engine() == TlsEngine.BORINGSSL && clientKey == null) {
      return sharedDeviceClient(trustAnchors, options);
    }
    return build(trustAnchors, clientKey, clientChain, options);
  }

  /**
   * BoringSSL clients without a client certificate (the virtual devices of {@code load} and of the
   * benchmark, one ES9+ client per device connection) share one context per trust anchors and
   * options instead of building one each (about as dear as a handshake). So that no device resumes
   * a TLS session another device made, the shared context keeps no sessions at all: every
   * connection does a full handshake, as a fleet of distinct phones does.
   */
  private static SslContext sharedDeviceClient(
      Collection<X509Certificate> trustAnchors, TlsOptions options) throws SSLException {
    List<ByteKey> anchors = new ArrayList<>(trustAnchors.size());
    for (X509Certificate anchor : trustAnchors) {
      try {
        anchors.add(ByteKey.of(anchor.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalArgumentException("TLS client: trust anchor cannot be encoded", e);
      }
    }
    SharedKey key = new SharedKey(anchors, options);
    SslContext cached = SHARED_CLIENTS.get(key);
    if (cached != null) {
      return cached;
    }
    SslContext built = build(trustAnchors, null, List.of(), options);
    ((io.netty.handler.ssl.OpenSslSessionContext) built.sessionContext())
        .setSessionCacheEnabled(false);
    SHARED_CLIENTS.put(key, built);
    return built;
  }

  private record SharedKey(List<ByteKey> anchors, TlsOptions options) {}

  private static final BoundedCache<SharedKey, SslContext> SHARED_CLIENTS = new BoundedCache<>(64);

  private static SslContext build(
      Collection<X509Certificate> trustAnchors,
      PrivateKey clientKey,
      List<X509Certificate> clientChain,
      TlsOptions options)
      throws SSLException {
    // Path validation is always Bouncy Castle's (brainpool); the engine is BCJSSE unless asked.
    SslProvider provider =
        options.engine() == TlsEngine.BORINGSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .sslProvider(provider)
            .trustManager(trustManager(trustAnchors))
            .endpointIdentificationAlgorithm("HTTPS")
            .protocols(options.protocols())
            .ciphers(options.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
    if (provider == SslProvider.JDK) {
      builder.sslContextProvider(BCJSSE);
    } else {
      // SGP.22 section 2.6.6: ECDHE on secp256r1 (BoringSSL would offer X25519 first; it has no
      // brainpool, so a BoringSSL client is for NIST servers only)
      builder.option(io.netty.handler.ssl.OpenSslContextOption.GROUPS, new String[] {"P-256"});
    }
    if (clientKey != null) {
      builder.keyManager(new FixedKeyManager(clientKey, clientChain));
    }
    return provider == SslProvider.JDK ? new BcGroups(builder.build(), options) : builder.build();
  }

  /**
   * SGP.22 section 2.6.6: sets the named groups and signature schemes of {@code options} on every
   * Bouncy Castle JSSE engine, per engine rather than through the process-wide {@code
   * jdk.tls.namedGroups}, so two contexts in one process can differ (a test plays a client without
   * brainpool next to one with it).
   */
  private static final class BcGroups extends io.netty.handler.ssl.DelegatingSslContext {
    private final String[] groups;
    private final String[] schemes;

    BcGroups(SslContext delegate, TlsOptions options) {
      super(delegate);
      this.groups = options.namedGroups().toArray(String[]::new);
      this.schemes = options.signatureSchemes().toArray(String[]::new);
    }

    @Override
    protected void initEngine(SSLEngine engine) {
      if (engine instanceof org.bouncycastle.jsse.BCSSLEngine bc) {
        org.bouncycastle.jsse.BCSSLParameters p = bc.getParameters();
        p.setNamedGroups(groups);
        p.setSignatureSchemes(schemes);
        bc.setParameters(p);
      } else {
        throw new IllegalStateException(
            "TLS: expected a Bouncy Castle JSSE engine, got " + engine.getClass().getName());
      }
    }
  }

  /**
   * AUTO takes BoringSSL only when it can serve every configured suite: it lacks the CBC-SHA256
   * suite SGP.22 lists, and a test SM-DP+ that silently refuses a suite the spec allows would fail
   * a conforming LPA. {@link TlsOptions#gcmOnly()} is the fast profile for load runs.
   */
  private static SslProvider chooseProvider(TlsOptions options, X509Certificate leaf) {
    boolean nist = isP256(leaf);
    List<String> missing = boringSslMissing(options.cipherSuites());
    return switch (options.engine()) {
      case BORINGSSL -> {
        if (!nist) {
          throw new IllegalArgumentException(
              "TLS: BoringSSL serves NIST P-256 certificates only; use BCJSSE for brainpool");
        }
        if (!OpenSsl.isAvailable()) {
          throw new IllegalStateException(
              "TLS: BoringSSL (netty-tcnative) did not load: " + OpenSsl.unavailabilityCause());
        }
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException(
              "TLS: BoringSSL lacks cipher suite(s) " + missing + "; use TlsOptions.gcmOnly()");
        }
        yield SslProvider.OPENSSL;
      }
      case BCJSSE -> SslProvider.JDK;
      case AUTO ->
          nist && OpenSsl.isAvailable() && missing.isEmpty()
              ? SslProvider.OPENSSL
              : SslProvider.JDK;
    };
  }

  private static List<String> boringSslMissing(List<String> suites) {
    if (!OpenSsl.isAvailable()) {
      return suites;
    }
    return suites.stream()
        .filter(s -> !s.startsWith("TLS_AES_") && !s.startsWith("TLS_CHACHA20_"))
        .filter(s -> !OpenSsl.isCipherSuiteAvailable(s))
        .toList();
  }

  private static boolean isP256(X509Certificate cert) {
    if (!(cert.getPublicKey() instanceof ECPublicKey ec)) {
      return false;
    }
    String params = ec.getParams().toString();
    // SunEC names the curve in toString(); BC keys carry the OID.
    return params.contains("secp256r1") || params.contains("P-256") || params.contains(P256_OID);
  }

  private static TrustManager trustManager(Collection<X509Certificate> anchors) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate anchor : anchors) {
        store.setCertificateEntry("anchor-" + i++, anchor);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", BCJSSE);
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("TLS: cannot build the trust manager: " + e.getMessage(), e);
    }
  }

  /**
   * Presents one fixed key and chain. Written by hand because a KeyStore round trip would hand the
   * key to the JDK's EC key factory, which cannot use brainpool keys on JDK 17.
   */
  private static final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "rsp";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    FixedKeyManager(PrivateKey key, List<X509Certificate> chain) {
      this.key = key;
      this.chain = chain.toArray(X509Certificate[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine e) {
      return ALIAS;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return chain.clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }
}
