package org.rspharness.core.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.fault.NetworkProfile;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.tls.TestPkis;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

/** Every network fault kind, on the client and on the server, over loopback TLS. */
class RspHttpNetworkFaultTest {

  private static final String HOST = "testsmdpplus1.example.com";
  private static final String FUNCTION = "authenticateClient";

  /** The client timeout of the stall tests. */
  private static final Duration SHORT = Duration.ofSeconds(1);

  /** A timeout that only a failure reaches (the machine may be loaded). */
  private static final Duration LONG = Duration.ofSeconds(5);

  private static SslContext serverTls;
  private static SslContext clientTls;

  @BeforeAll
  static void pki() throws Exception {
    TestPkis.Pki pki = TestPkis.create("secp256r1", HOST);
    serverTls =
        TlsContexts.server(pki.leafKey(), List.of(pki.leaf()), List.of(), TlsOptions.sgp22());
    clientTls = TlsContexts.client(List.of(pki.root()), null, List.of(), TlsOptions.sgp22());
  }

  /** Deterministic body bytes, so that a prefix can be checked byte for byte. */
  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  /** A server and a client with their own fault plans, recording events. */
  static final class Rig implements AutoCloseable {
    final RecordingSink faultEvents = new RecordingSink();
    final RecordingSink clientEvents = new RecordingSink();
    final RecordingSink serverEvents = new RecordingSink();
    final AtomicInteger handled = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final List<CompletableFuture<Long>> serverBytesIn = new ArrayList<>();
    final List<Throwable> serverErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> clientHandlers = new ArrayList<>();
    final List<String> serverHandlers = new ArrayList<>();
    final RspHttpServer server;
    final RspHttpClient client;

    Rig(List<FaultRule> clientRules, List<FaultRule> serverRules, Duration timeout) {
      this(clientRules, null, serverRules, timeout);
    }

    Rig(
        List<FaultRule> clientRules,
        NetworkProfile profile,
        List<FaultRule> serverRules,
        Duration timeout) {
      EventLog faultLog = EventLog.system().addSink(faultEvents);
      FaultPlan clientPlan =
          clientRules.isEmpty() && profile == null
              ? FaultPlan.none()
              : new FaultPlan(clientRules, profile, RandomSource.seeded(7), faultLog);
      FaultPlan serverPlan =
          serverRules.isEmpty()
              ? FaultPlan.none()
              : new FaultPlan(serverRules, null, RandomSource.seeded(7), faultLog);
      server =
          RspHttpServer.start(
              RspHttpServer.Config.loopback(serverTls, "smdp")
                  .withPipelineHook(this::countServerBytes)
                  .withFaults(serverPlan),
              request -> {
                handled.incrementAndGet();
                String size = request.header("x-response-size");
                return new RspHttpResponse(
                    200,
                    Map.of(
                        "Content-Type",
                        "application/json",
                        "X-Request-Length",
                        String.valueOf(request.body().length)),
                    pattern(size == null ? 1000 : Integer.parseInt(size)));
              },
              EventLog.system().addSink(serverEvents));
      client =
          new RspHttpClient(
              RspHttpClient.Config.defaults(clientTls, "lpa")
                  .withResolve(Map.of(HOST, "127.0.0.1"))
                  .withTimeouts(Duration.ofSeconds(2), timeout)
                  .withPipelineHook(p -> clientHandlers.addAll(p.names()))
                  .withFaults(clientPlan),
              EventLog.system().addSink(clientEvents));
    }

    /** Counts the decrypted bytes each server connection reads; completes when it closes. */
    private void countServerBytes(ChannelPipeline p) {
      accepted.incrementAndGet();
      serverHandlers.addAll(p.names());
      CompletableFuture<Long> total = new CompletableFuture<>();
      synchronized (serverBytesIn) {
        serverBytesIn.add(total);
      }
      AtomicLong n = new AtomicLong();
      p.addLast(
          "count",
          new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              n.addAndGet(((ByteBuf) msg).readableBytes());
              ctx.fireChannelRead(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
              serverErrors.add(cause);
              ctx.fireExceptionCaught(cause);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
              total.complete(n.get());
              ctx.fireChannelInactive();
            }
          });
    }

    RspHttpResponse post(String function, int requestBytes, int responseBytes)
        throws RspHttpException {
      URI url =
          URI.create("https://" + HOST + ":" + server.port() + "/gsma/rsp2/es9plus/" + function);
      return client.post(
          url,
          Map.of("X-Response-Size", String.valueOf(responseBytes)),
          pattern(requestBytes),
          function);
    }

    RspHttpException fails(String function, int requestBytes, int responseBytes) {
      return catchThrowableOfType(
          RspHttpException.class, () -> post(function, requestBytes, responseBytes));
    }

    List<EventPayload.FaultInjected> injected() {
      return faultEvents.payloads(EventPayload.FaultInjected.class).toList();
    }

    EventPayload.HttpExchange lastExchange() {
      List<EventPayload.HttpExchange> all =
          clientEvents.payloads(EventPayload.HttpExchange.class).toList();
      return all.get(all.size() - 1);
    }

    @Override
    public void close() {
      client.close();
      server.close();
    }
  }

  static FaultRule client(FaultPoint point, Fault fault) {
    return new FaultRule(Layer.NETWORK_CLIENT, FUNCTION, 0, point, -1, fault);
  }

  /** Server rules at CONNECT/TLS_HANDSHAKE name "*": no function is known before a request. */
  static FaultRule server(FaultPoint point, Fault fault) {
    String target =
        point == FaultPoint.CONNECT || point == FaultPoint.TLS_HANDSHAKE ? FaultRule.ANY : FUNCTION;
    return new FaultRule(Layer.NETWORK_SERVER, target, 0, point, -1, fault);
  }

  static Rig clientSide(FaultRule rule, Duration timeout) {
    return new Rig(List.of(rule), List.of(), timeout);
  }

  static Rig serverSide(FaultRule rule, Duration timeout) {
    return new Rig(List.of(), List.of(rule), timeout);
  }

  // ---------------------------------------------------------------- latency

  static List<Arguments> everyPointOnBothSides() {
    List<Arguments> out = new ArrayList<>();
    for (Layer layer : List.of(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER)) {
      for (FaultPoint p : FaultPoint.values()) {
        if (p.belongsTo(layer)) {
          out.add(Arguments.of(layer, p));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyPointOnBothSides")
  void latencyDelaysTheExchangeAtEachPoint(Layer layer, FaultPoint point) throws Exception {
    Fault latency = new Fault.Latency(Duration.ofMillis(120), Duration.ZERO);
    FaultRule rule =
        layer == Layer.NETWORK_CLIENT ? client(point, latency) : server(point, latency);
    try (Rig rig =
        new Rig(
            layer == Layer.NETWORK_CLIENT ? List.of(rule) : List.of(),
            layer == Layer.NETWORK_SERVER ? List.of(rule) : List.of(),
            LONG)) {
      RspHttpResponse response = rig.post(FUNCTION, 300, 500);

      // how long the latency holds the exchange: TimedNetworkFaultsTest, on the
      // channel's own clock
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(pattern(500));
      assertThat(response.header("X-Request-Length")).isEqualTo("300");
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(
                  rule.target() + " " + point.fileName(), "latency 120 ms +- 0 ms", 1));
    }
  }

  // ---------------------------------------------------------------- bandwidth

  static List<Arguments> bodyPointsOnBothSides() {
    return List.of(
        Arguments.of(Layer.NETWORK_CLIENT, FaultPoint.REQUEST_BODY),
        Arguments.of(Layer.NETWORK_CLIENT, FaultPoint.RESPONSE_BODY),
        Arguments.of(Layer.NETWORK_SERVER, FaultPoint.REQUEST_BODY),
        Arguments.of(Layer.NETWORK_SERVER, FaultPoint.RESPONSE_BODY));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bodyPointsOnBothSides")
  void bandwidthThrottlesTenKilobytesAtTwentyKilobytesPerSecond(Layer layer, FaultPoint point)
      throws Exception {
    Fault bandwidth = new Fault.Bandwidth(20_000);
    boolean request = point == FaultPoint.REQUEST_BODY;
    try (Rig rig =
        layer == Layer.NETWORK_CLIENT
            ? clientSide(client(point, bandwidth), LONG)
            : serverSide(server(point, bandwidth), LONG)) {
      RspHttpResponse response = rig.post(FUNCTION, request ? 10_240 : 10, request ? 10 : 10_240);

      // the pacing itself (512 ms for 10 240 bytes): TimedNetworkFaultsTest
      assertThat(response.body()).isEqualTo(pattern(request ? 10 : 10_240));
      assertThat(response.header("X-Request-Length")).isEqualTo(request ? "10240" : "10");
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(
                  FUNCTION + " " + point.fileName(), "bandwidth 20000 B/s", 1));
    }
  }

  // ---------------------------------------------------------------- stall

  static List<Arguments> stallPoints() {
    return List.of(
        Arguments.of(Layer.NETWORK_CLIENT, FaultPoint.TLS_HANDSHAKE),
        Arguments.of(Layer.NETWORK_CLIENT, FaultPoint.RESPONSE_BODY),
        Arguments.of(Layer.NETWORK_SERVER, FaultPoint.REQUEST_BODY),
        Arguments.of(Layer.NETWORK_SERVER, FaultPoint.RESPONSE_BODY));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stallPoints")
  void aStallLongerThanTheClientTimeoutTimesOut(Layer layer, FaultPoint point) throws Exception {
    boolean handshake = point == FaultPoint.TLS_HANDSHAKE;
    // Traffic points stall the second exchange, so that the first one has paid for the
    // handshake and the timeout measures the stall alone.
    String target = handshake && layer == Layer.NETWORK_SERVER ? FaultRule.ANY : FUNCTION;
    FaultRule rule =
        new FaultRule(
            layer, target, handshake ? 1 : 2, point, -1, new Fault.Stall(Duration.ofMinutes(10)));
    try (Rig rig =
        layer == Layer.NETWORK_CLIENT ? clientSide(rule, SHORT) : serverSide(rule, SHORT)) {
      if (!handshake) {
        assertThat(rig.post(FUNCTION, 1000, 1000).status()).isEqualTo(200);
      }
      RspHttpException e = rig.fails(FUNCTION, 1000, 1000);

      // a 10-minute stall cannot end within the test: the client gave up at its own timeout
      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.TIMEOUT);
      assertThat(rig.lastExchange().error()).startsWith("TIMEOUT: ");
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(
                  target + " " + point.fileName(), "stall 600000 ms", handshake ? 1 : 2));
    }
  }

  @Test
  void aShortStallMidBodyOnlyDelays() throws Exception {
    try (Rig rig =
        serverSide(
            server(FaultPoint.RESPONSE_BODY, new Fault.Stall(Duration.ofMillis(200))), LONG)) {
      RspHttpResponse response = rig.post(FUNCTION, 10, 4000);
      // the whole body arrives after the pause (its length: TimedNetworkFaultsTest)
      assertThat(response.body()).isEqualTo(pattern(4000));
    }
  }

  // ---------------------------------------------------------------- close-after

  @ParameterizedTest
  @EnumSource(
      value = Layer.class,
      names = {"NETWORK_CLIENT", "NETWORK_SERVER"})
  void closeAfterAtResponseBodyLeavesExactlyTheFirstBytes(Layer layer) {
    Fault close = new Fault.CloseAfter(100);
    try (Rig rig =
        layer == Layer.NETWORK_CLIENT
            ? clientSide(client(FaultPoint.RESPONSE_BODY, close), LONG)
            : serverSide(server(FaultPoint.RESPONSE_BODY, close), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 1000);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.TRUNCATED_RESPONSE);
      assertThat(e.status()).isEqualTo(200);
      assertThat(e.partialBody()).isEqualTo(Arrays.copyOf(pattern(1000), 100));
      assertThat(e.getMessage()).contains("100");
      EventPayload.HttpExchange x = rig.lastExchange();
      assertThat(x.responseBody()).isEqualTo(Arrays.copyOf(pattern(1000), 100));
      assertThat(x.error()).startsWith("TRUNCATED_RESPONSE: ");
      assertThat(rig.handled).hasValue(1);
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(
                  FUNCTION + " response-body", "close-after 100 bytes", 1));
    }
  }

  @Test
  void clientCloseAfterAtRequestBodyWritesExactlyThoseBytes() throws Exception {
    // occurrence 2: the first exchange measures the request's header bytes
    FaultRule rule =
        new FaultRule(
            Layer.NETWORK_CLIENT,
            FUNCTION,
            2,
            FaultPoint.REQUEST_BODY,
            -1,
            new Fault.CloseAfter(100));
    try (Rig rig = new Rig(List.of(rule), List.of(), LONG)) {
      rig.post(FUNCTION, 1000, 10);
      RspHttpException e = rig.fails(FUNCTION, 1000, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.CONNECTION_CLOSED);
      assertThat(e.getMessage()).contains("after 100 of 1000 body bytes sent");
      assertThat(rig.handled).hasValue(1); // the second request never completed
      long total = rig.serverBytesIn.get(0).get(2, TimeUnit.SECONDS);
      // both requests have the same head: total = 2 heads + 1000 + 100
      long head = (total - 1100) / 2;
      assertThat(head * 2 + 1100).isEqualTo(total);
      assertThat(head).isBetween(100L, 400L);
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(
                  FUNCTION + " request-body", "close-after 100 bytes", 2));
    }
  }

  @Test
  void serverCloseAfterAtRequestBodyClosesBeforeHandling() {
    try (Rig rig = serverSide(server(FaultPoint.REQUEST_BODY, new Fault.CloseAfter(100)), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 1000, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.CONNECTION_CLOSED);
      assertThat(rig.handled).hasValue(0);
      assertThat(rig.lastExchange().error()).startsWith("CONNECTION_CLOSED: ");
      assertThat(rig.injected()).hasSize(1);
    }
  }

  // ---------------------------------------------------------------- reset

  @Test
  void serverResetAtResponseStartIsAConnectionResetAfterHandling() {
    try (Rig rig = serverSide(server(FaultPoint.RESPONSE_START, new Fault.Reset()), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.CONNECTION_RESET);
      // the client (without faults) read a real RST from the kernel
      assertThat(e).hasStackTraceContaining("Connection reset");
      assertThat(rig.handled).hasValue(1);
      assertThat(rig.lastExchange().error()).startsWith("CONNECTION_RESET: ");
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(FUNCTION + " response-start", "reset", 1));
    }
  }

  @Test
  void serverResetInTheHandshakeIsAConnectionReset() {
    try (Rig rig = serverSide(server(FaultPoint.TLS_HANDSHAKE, new Fault.Reset()), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.CONNECTION_RESET);
      assertThat(e).hasStackTraceContaining("Connection reset");
      assertThat(rig.handled).hasValue(0);
      assertThat(rig.injected())
          .containsExactly(new EventPayload.FaultInjected("* tls-handshake", "reset", 1));
    }
  }

  @Test
  void clientResetAtRequestStartSendsNoRequest() throws Exception {
    try (Rig rig = clientSide(client(FaultPoint.REQUEST_START, new Fault.Reset()), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.CONNECTION_RESET);
      assertThat(e.getMessage()).contains("injected reset at request-start");
      assertThat(rig.handled).hasValue(0);
      // the server read the handshake, then no request byte, then a RST
      assertThat(rig.serverBytesIn.get(0).get(2, TimeUnit.SECONDS)).isZero();
      assertThat(rig.serverErrors)
          .anySatisfy(t -> assertThat(t).hasStackTraceContaining("Connection reset"));
      assertThat(rig.lastExchange().error()).startsWith("CONNECTION_RESET: ");
    }
  }

  @Test
  void aNetworkProfileDelaysEachRequestAndResetsBeforeTheResponse() {
    NetworkProfile alwaysReset =
        new NetworkProfile("test", Duration.ofMillis(120), Duration.ZERO, 100);
    try (Rig rig = new Rig(List.of(), alwaysReset, List.of(), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.CONNECTION_RESET);
      assertThat(e.getMessage()).contains("injected reset at response-start");
      assertThat(rig.handled).hasValue(1);
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(
                  FUNCTION + " request-start", "latency 120 ms +- 0 ms", 1),
              new EventPayload.FaultInjected(FUNCTION + " response-start", "reset", 1));
    }
  }

  // ---------------------------------------------------------------- TLS failure

  @Test
  void serverTlsFailureSendsAFatalAlert() {
    try (Rig rig = serverSide(server(FaultPoint.TLS_HANDSHAKE, new Fault.TlsFailure()), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.TLS_FAILED);
      assertThat(e.getMessage()).contains("handshake_failure");
      assertThat(rig.handled).hasValue(0);
      assertThat(rig.lastExchange().error()).startsWith("TLS_FAILED: ");
      assertThat(rig.injected())
          .containsExactly(new EventPayload.FaultInjected("* tls-handshake", "tls-failure", 1));
    }
  }

  @Test
  void clientTlsFailureAbortsTheHandshakeSeenByTheServer() {
    try (Rig rig = clientSide(client(FaultPoint.TLS_HANDSHAKE, new Fault.TlsFailure()), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.TLS_FAILED);
      assertThat(e.getMessage()).contains("injected tls-failure at tls-handshake");
      assertThat(rig.handled).hasValue(0);
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(FUNCTION + " tls-handshake", "tls-failure", 1));
    }
  }

  // ---------------------------------------------------------------- refuse

  @Test
  void clientRefuseNeverContactsTheServer() {
    try (Rig rig = clientSide(client(FaultPoint.CONNECT, new Fault.Refuse()), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.CONNECT_FAILED);
      assertThat(e.getMessage()).contains("Connection refused");
      assertThat(rig.accepted).hasValue(0);
      assertThat(rig.lastExchange().error()).startsWith("CONNECT_FAILED: ");
      assertThat(rig.injected())
          .containsExactly(new EventPayload.FaultInjected(FUNCTION + " connect", "refuse", 1));
    }
  }

  @Test
  void serverRefuseClosesTheAcceptedConnectionAtOnce() {
    try (Rig rig = serverSide(server(FaultPoint.CONNECT, new Fault.Refuse()), LONG)) {
      RspHttpException e = rig.fails(FUNCTION, 10, 10);

      assertThat(e.kind()).isEqualTo(RspHttpException.Kind.TLS_FAILED);
      assertThat(rig.accepted).hasValue(1);
      assertThat(rig.handled).hasValue(0);
      assertThat(rig.injected())
          .containsExactly(new EventPayload.FaultInjected("* connect", "refuse", 1));
    }
  }

  // ---------------------------------------------------------------- selection

  @ParameterizedTest
  @EnumSource(
      value = Layer.class,
      names = {"NETWORK_CLIENT", "NETWORK_SERVER"})
  void aRuleFiresOnlyAtItsFunctionAndOccurrence(Layer layer) throws Exception {
    FaultRule second =
        new FaultRule(layer, FUNCTION, 2, FaultPoint.RESPONSE_START, -1, new Fault.Reset());
    try (Rig rig =
        new Rig(
            layer == Layer.NETWORK_CLIENT ? List.of(second) : List.of(),
            layer == Layer.NETWORK_SERVER ? List.of(second) : List.of(),
            LONG)) {
      assertThat(rig.post(FUNCTION, 10, 10).status()).isEqualTo(200);
      assertThat(rig.post("initiateAuthentication", 10, 10).status()).isEqualTo(200);
      assertThat(rig.post("initiateAuthentication", 10, 10).status()).isEqualTo(200);
      assertThat(rig.fails(FUNCTION, 10, 10).kind())
          .isEqualTo(RspHttpException.Kind.CONNECTION_RESET);
      assertThat(rig.post(FUNCTION, 10, 10).status()).isEqualTo(200);
      assertThat(rig.injected())
          .containsExactly(
              new EventPayload.FaultInjected(FUNCTION + " response-start", "reset", 2));
    }
  }

  @Test
  void noFaultPlanAddsNoHandler() {
    try (Rig plain = new Rig(List.of(), List.of(), LONG);
        Rig faulty =
            new Rig(
                List.of(client(FaultPoint.RESPONSE_END, new Fault.Reset())),
                List.of(server(FaultPoint.RESPONSE_END, new Fault.Reset())),
                LONG)) {
      Consumer<Rig> connect =
          rig -> {
            try {
              rig.post("initiateAuthentication", 1, 1);
            } catch (RspHttpException e) {
              throw new AssertionError(e);
            }
          };
      connect.accept(plain);
      connect.accept(faulty);
      assertThat(plain.clientHandlers).doesNotContain(WireFaults.NAME);
      assertThat(plain.serverHandlers).doesNotContain(WireFaults.NAME);
      assertThat(faulty.clientHandlers).contains(WireFaults.NAME);
      assertThat(faulty.serverHandlers).contains(WireFaults.NAME);
      assertThat(plain.injected()).isEmpty();
      assertThat(faulty.injected()).isEmpty();
    }
  }
}
