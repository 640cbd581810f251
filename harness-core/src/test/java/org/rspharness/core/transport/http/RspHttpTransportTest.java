package org.rspharness.core.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.transport.tls.TestPkis;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

class RspHttpTransportTest {

  private static final String HOST = "testsmdpplus1.example.com";
  private static final RspHttpHandler ECHO =
      request ->
          new RspHttpResponse(
              200,
              Map.of(
                  "Content-Type",
                  "application/json;charset=UTF-8",
                  "X-Admin-Protocol",
                  "gsma/rsp/v2.2.0"),
              ("{\"path\":\"" + request.path() + "\",\"len\":" + request.body().length + "}")
                  .getBytes(StandardCharsets.UTF_8));

  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "brainpoolP256r1"})
  void postsOverTlsToALabHostNameResolvedToLoopbackAndReusesTheConnection(String curve)
      throws Exception {
    TestPkis.Pki pki = TestPkis.create(curve, HOST);
    RecordingSink serverEvents = new RecordingSink();
    RecordingSink clientEvents = new RecordingSink();
    SslContext serverTls =
        TlsContexts.server(pki.leafKey(), List.of(pki.leaf()), List.of(), TlsOptions.sgp22());
    SslContext clientTls =
        TlsContexts.client(List.of(pki.root()), null, List.of(), TlsOptions.sgp22());
    try (RspHttpServer server =
            RspHttpServer.start(
                RspHttpServer.Config.loopback(serverTls, "smdp"),
                ECHO,
                EventLog.system().addSink(serverEvents));
        RspHttpClient client =
            new RspHttpClient(
                RspHttpClient.Config.defaults(clientTls, "lpa")
                    .withResolve(Map.of(HOST.toUpperCase(), "127.0.0.1")),
                EventLog.system().addSink(clientEvents))) {
      URI url =
          URI.create(
              "https://"
                  + HOST
                  + ":"
                  + server.port()
                  + "/gsma/rsp2/es9plus/initiateAuthentication");
      for (int i = 0; i < 3; i++) {
        RspHttpResponse response =
            client.post(
                url,
                Map.of("Content-Type", "application/json"),
                new byte[] {'{', '}'},
                "initiateAuthentication");
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
            .isEqualTo("{\"path\":\"/gsma/rsp2/es9plus/initiateAuthentication\",\"len\":2}");
        assertThat(response.header("x-admin-protocol")).isEqualTo("gsma/rsp/v2.2.0");
      }
      // Three requests, one TLS handshake: keep-alive works.
      assertThat(serverEvents.payloads(EventPayload.TlsHandshake.class).toList())
          .singleElement()
          .satisfies(
              h ->
                  assertThat(h.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
      assertThat(clientEvents.payloads(EventPayload.HttpExchange.class).toList())
          .hasSize(3)
          .allSatisfy(x -> assertThat(x.function()).isEqualTo("initiateAuthentication"));
    }
  }

  @Test
  void aHandlerBugBecomesABare500WithoutInternals() throws Exception {
    RecordingSink events = new RecordingSink();
    try (RspHttpServer server =
            RspHttpServer.start(
                RspHttpServer.Config.loopback(null, "smdp"),
                request -> {
                  throw new IllegalStateException("secret internal detail");
                },
                EventLog.system().addSink(events));
        RspHttpClient client =
            new RspHttpClient(RspHttpClient.Config.defaults(null, "lpa"), EventLog.disabled())) {
      RspHttpResponse response =
          client.post(
              URI.create("http://127.0.0.1:" + server.port() + "/x"), Map.of(), new byte[0], "x");
      assertThat(response.status()).isEqualTo(500);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("internal error");
      assertThat(events.payloads(EventPayload.Note.class).toList())
          .singleElement()
          .satisfies(n -> assertThat(n.text()).contains("secret internal detail"));
    }
  }

  @Test
  void anOversizedRequestGets413() throws Exception {
    RspHttpServer.Config small =
        new RspHttpServer.Config("127.0.0.1", 0, null, 1024, 60, 1, "smdp", null);
    try (RspHttpServer server = RspHttpServer.start(small, ECHO, EventLog.disabled());
        RspHttpClient client =
            new RspHttpClient(RspHttpClient.Config.defaults(null, "lpa"), EventLog.disabled())) {
      RspHttpResponse response =
          client.post(
              URI.create("http://127.0.0.1:" + server.port() + "/x"),
              Map.of(),
              new byte[4096],
              "x");
      assertThat(response.status()).isEqualTo(413);
    }
  }

  @Test
  void aRefusedConnectionIsConnectFailedNamingTheUrl() throws Exception {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }
    try (RspHttpClient client =
        new RspHttpClient(RspHttpClient.Config.defaults(null, "lpa"), EventLog.disabled())) {
      URI url = URI.create("http://127.0.0.1:" + freePort + "/gsma/rsp2/es9plus/x");
      assertThatThrownBy(() -> client.post(url, Map.of(), new byte[0], "x"))
          .isInstanceOf(RspHttpException.class)
          .hasMessageContaining(url.toString())
          .extracting(e -> ((RspHttpException) e).kind())
          .isEqualTo(RspHttpException.Kind.CONNECT_FAILED);
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    RspHttpServer.Config blackHole =
        RspHttpServer.Config.loopback(null, "smdp")
            .withPipelineHook(
                p ->
                    p.addLast(
                        "swallow",
                        new ChannelInboundHandlerAdapter() {
                          @Override
                          public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ReferenceCountUtil.release(msg);
                          }
                        }));
    try (RspHttpServer server = RspHttpServer.start(blackHole, ECHO, EventLog.disabled());
        RspHttpClient client =
            new RspHttpClient(
                RspHttpClient.Config.defaults(null, "lpa")
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)),
                EventLog.disabled())) {
      assertThatThrownBy(
              () ->
                  client.post(
                      URI.create("http://127.0.0.1:" + server.port() + "/x"),
                      Map.of(),
                      new byte[1],
                      "x"))
          .isInstanceOf(RspHttpException.class)
          .extracting(e -> ((RspHttpException) e).kind())
          .isEqualTo(RspHttpException.Kind.TIMEOUT);
    }
  }

  @Test
  void aBusyPortFailsWithAMessageNamingIt() throws Exception {
    try (RspHttpServer first =
        RspHttpServer.start(RspHttpServer.Config.loopback(null, "a"), ECHO, EventLog.disabled())) {
      assertThatThrownBy(
              () ->
                  RspHttpServer.start(
                      RspHttpServer.Config.loopback(null, "b").withPort(first.port()),
                      ECHO,
                      EventLog.disabled()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + first.port())
          .hasMessageContaining("in use");
    }
  }
}
