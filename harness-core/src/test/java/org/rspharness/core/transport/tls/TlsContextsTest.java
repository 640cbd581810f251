package org.rspharness.core.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsContextsTest {

  private static final String HOST = "testsmdpplus1.example.com";

  /** Shuttles TLS records between two in-memory channels until both handshakes are settled. */
  private static void pump(EmbeddedChannel client, EmbeddedChannel server) {
    for (int round = 0; round < 50; round++) {
      boolean moved = move(client, server) | move(server, client);
      if (!moved) {
        return;
      }
    }
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    ByteBuf buf;
    while ((buf = from.readOutbound()) != null) {
      moved = true;
      if (to.isOpen()) {
        try {
          to.writeInbound(buf);
        } catch (DecoderException expectedOnRefusal) {
          // A refused handshake also fails the handler's handshakeFuture, which tests inspect.
        }
      } else {
        buf.release();
      }
    }
    return moved;
  }

  private record Outcome(SslHandler client, SslHandler server) {}

  private static Outcome handshake(SslContext serverCtx, SslContext clientCtx, String host) {
    SslHandler serverSsl = serverCtx.newHandler(ByteBufAllocator.DEFAULT);
    SslHandler clientSsl = clientCtx.newHandler(ByteBufAllocator.DEFAULT, host, 443);
    EmbeddedChannel server = new EmbeddedChannel(serverSsl);
    EmbeddedChannel client = new EmbeddedChannel(clientSsl);
    pump(client, server);
    client.close();
    server.close();
    client.releaseOutbound();
    server.releaseOutbound();
    return new Outcome(clientSsl, serverSsl);
  }

  private static void assertSgp22Session(SslHandler handler) {
    assertThat(handler.handshakeFuture().isSuccess())
        .as("handshake: %s", handler.handshakeFuture().cause())
        .isTrue();
    assertThat(handler.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
    assertThat(handler.engine().getSession().getCipherSuite())
        .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  }

  @Test
  void brainpoolServerAndClientAgreeOnAnSgp22SuiteThroughBouncyCastleJsse() throws Exception {
    TestPkis.Pki pki = TestPkis.create("brainpoolP256r1", HOST);
    SslContext server =
        TlsContexts.server(pki.leafKey(), List.of(pki.leaf()), List.of(), TlsOptions.sgp22());
    SslContext client =
        TlsContexts.client(List.of(pki.root()), null, List.of(), TlsOptions.sgp22());
    Outcome outcome = handshake(server, client, HOST);
    assertSgp22Session(outcome.client());
    assertSgp22Session(outcome.server());
  }

  @Test
  void nistServerOnBoringSslServesABouncyCastleClient() throws Exception {
    assumeThat(TlsContexts.boringSslAvailable()).as("netty-tcnative loaded").isTrue();
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    SslContext server =
        TlsContexts.server(
            pki.leafKey(),
            List.of(pki.leaf()),
            List.of(),
            TlsOptions.gcmOnly().withEngine(TlsEngine.BORINGSSL));
    assertThat(server.isServer()).isTrue();
    assertThat(TlsContexts.engineOf(server)).isEqualTo(TlsEngine.BORINGSSL);
    SslContext client =
        TlsContexts.client(List.of(pki.root()), null, List.of(), TlsOptions.sgp22());
    Outcome outcome = handshake(server, client, HOST);
    assertSgp22Session(outcome.client());
  }

  @Test
  void clientRefusesAServerNamedForAnotherHost() throws Exception {
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    SslContext server =
        TlsContexts.server(pki.leafKey(), List.of(pki.leaf()), List.of(), TlsOptions.sgp22());
    SslContext client =
        TlsContexts.client(List.of(pki.root()), null, List.of(), TlsOptions.sgp22());
    Outcome outcome = handshake(server, client, "other.example.com");
    assertThat(outcome.client().handshakeFuture().cause())
        .isInstanceOf(javax.net.ssl.SSLException.class)
        .hasMessageContaining("certificate_unknown");
  }

  @Test
  void clientRefusesAServerChainingToAnotherCi() throws Exception {
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    TestPkis.Pki stranger = TestPkis.create("secp256r1", HOST);
    SslContext server =
        TlsContexts.server(pki.leafKey(), List.of(pki.leaf()), List.of(), TlsOptions.sgp22());
    SslContext client =
        TlsContexts.client(List.of(stranger.root()), null, List.of(), TlsOptions.sgp22());
    Outcome outcome = handshake(server, client, HOST);
    assertThat(outcome.client().handshakeFuture().cause())
        .isInstanceOf(javax.net.ssl.SSLException.class)
        .hasMessageContaining("certificate_unknown");
  }

  @Test
  void mutualTlsServerRefusesAClientWithoutAnOperatorCertificate() throws Exception {
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    TestPkis.Pki operator = TestPkis.create("secp256r1", "operator.example.com");
    SslContext server =
        TlsContexts.server(
            pki.leafKey(), List.of(pki.leaf()), List.of(operator.root()), TlsOptions.sgp22());
    SslContext anonymous =
        TlsContexts.client(List.of(pki.root()), null, List.of(), TlsOptions.sgp22());
    assertThat(handshake(server, anonymous, HOST).server().handshakeFuture().cause())
        .isInstanceOf(javax.net.ssl.SSLException.class);

    SslContext withOperatorCert =
        TlsContexts.client(
            List.of(pki.root()), operator.leafKey(), List.of(operator.leaf()), TlsOptions.sgp22());
    Outcome outcome = handshake(server, withOperatorCert, HOST);
    assertThat(outcome.server().handshakeFuture().isSuccess())
        .as("%s", outcome.server().handshakeFuture().cause())
        .isTrue();
  }

  @Test
  void theDefaultNistServerAlsoServesAClientOfferingOnlyCbcSha256() throws Exception {
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    SslContext server =
        TlsContexts.server(pki.leafKey(), List.of(pki.leaf()), List.of(), TlsOptions.sgp22());
    assertThat(TlsContexts.engineOf(server)).isEqualTo(TlsEngine.BCJSSE);
    TlsOptions cbcOnly =
        new TlsOptions(
            List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), TlsEngine.AUTO);
    SslContext client = TlsContexts.client(List.of(pki.root()), null, List.of(), cbcOnly);
    Outcome outcome = handshake(server, client, HOST);
    assertThat(outcome.client().handshakeFuture().isSuccess())
        .as("%s", outcome.client().handshakeFuture().cause())
        .isTrue();
    assertThat(outcome.client().engine().getSession().getCipherSuite())
        .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
  }

  @Test
  void anExplicitBoringSslEngineRefusesSuitesItCannotServeInsteadOfDroppingThem() throws Exception {
    assumeThat(TlsContexts.boringSslAvailable()).as("netty-tcnative loaded").isTrue();
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TlsContexts.server(
                    pki.leafKey(),
                    List.of(pki.leaf()),
                    List.of(),
                    TlsOptions.sgp22().withEngine(TlsEngine.BORINGSSL)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
  }

  @Test
  void boringSslDeviceClientsShareOneContextThatNeverResumesASession() throws Exception {
    assumeThat(TlsContexts.boringSslAvailable()).as("netty-tcnative loaded").isTrue();
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    TlsOptions device = TlsOptions.gcmOnly().withEngine(TlsEngine.BORINGSSL);
    SslContext server = TlsContexts.server(pki.leafKey(), List.of(pki.leaf()), List.of(), device);
    SslContext first = TlsContexts.client(List.of(pki.root()), null, List.of(), device);
    SslContext second = TlsContexts.client(List.of(pki.root()), null, List.of(), device);
    assertThat(second).isSameAs(first);

    // control: a BoringSSL client context that keeps its sessions resumes them on the next
    // connections to the same host and port (same session id)
    SslContext keeping =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.OPENSSL)
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .protocols("TLSv1.2")
            .build();
    assertThat(sessionIds(server, keeping, 3)).hasSize(1);

    // the shared device context: a full handshake, a new session, for every connection
    assertThat(sessionIds(server, first, 3)).hasSize(3);
  }

  /** The distinct session ids of {@code connections} handshakes of {@code client}. */
  private static java.util.Set<String> sessionIds(
      SslContext server, SslContext client, int connections) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < connections; i++) {
      SslHandler handler = handshake(server, client, HOST).client();
      assertSgp22Session(handler);
      ids.add(java.util.HexFormat.of().formatHex(handler.engine().getSession().getId()));
    }
    return ids;
  }
}
