package org.rspharness.core.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.http.RspHttpServer;
import org.rspharness.core.util.ExternalTools;

/**
 * SGP.22 section 2.6.6 against a TLS stack we did not write: OpenSSL 3 ({@code openssl s_server}
 * and {@code s_client}, started here) on both curves. OpenSSL 3.0 has no RFC 8734 brainpool for TLS
 * 1.3, so brainpool runs TLS 1.2 with it and TLS 1.3 between our own client and server.
 */
@org.junit.jupiter.api.Timeout(120)
class OpenSslInteropTest {

  private static final String HOST = "testsmdpplus1.example.com";
  private static final List<String> TLS12 = List.of("TLSv1.2");
  private static final List<String> TLS13 = List.of("TLSv1.3");

  @TempDir static Path dir;
  private static TestPkis.Pki nist;
  private static TestPkis.Pki brainpool;
  private static EventLoopGroup group;

  @BeforeAll
  static void setUp() throws Exception {
    boolean present = ExternalTools.onPath("openssl");
    if (!present && ExternalTools.requiredHere()) {
      throw new AssertionError("openssl is not installed (CI=true: apt-get install openssl)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(present, "openssl is not on the PATH");
    nist = TestPkis.create("secp256r1", HOST);
    brainpool = TestPkis.create("brainpoolP256r1", HOST);
    write("nist", nist);
    write("bp", brainpool);
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void tearDown() {
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  // ---- our client against openssl s_server ----

  @Test
  void ourClientHandshakesWithAnOpenSslServerHoldingOnlyABrainpoolCertificate() throws Exception {
    try (SServer server = SServer.start("bp", "-tls1_2")) {
      SslHandler h = connect(server.port, client(TlsOptions.sgp22()));
      Future<Channel> done = h.handshakeFuture();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(done.isSuccess()).as("%s", done.cause()).isTrue();
      assertThat(session(h).getProtocol()).isEqualTo("TLSv1.2");
      assertThat(peerCurve(session(h))).isEqualTo("brainpoolP256r1");
    }
  }

  @Test
  void aClientWithoutBrainpoolInItsGroupsIsRefusedByThatServerAsTheBugReportSaw() throws Exception {
    try (SServer server = SServer.start("bp", "-tls1_2")) {
      TlsOptions javaDefaults =
          TlsOptions.sgp22().withNamedGroups(List.of("x25519", "secp256r1", "secp384r1"));
      SslHandler h = connect(server.port, client(javaDefaults));
      Future<Channel> done = h.handshakeFuture();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(done.isSuccess()).isFalse();
      assertThat(String.valueOf(done.cause())).contains("handshake_failure");
    }
  }

  @Test
  void ourClientHandshakesWithAnOpenSslNistServerOnTls12AndTls13() throws Exception {
    for (String version : List.of("-tls1_2", "-tls1_3")) {
      try (SServer server = SServer.start("nist", version)) {
        SslHandler h = connect(server.port, client(TlsOptions.sgp22WithTls13()));
        Future<Channel> done = h.handshakeFuture();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(done.isSuccess()).as("%s: %s", version, done.cause()).isTrue();
        assertThat(session(h).getProtocol())
            .isEqualTo(version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2");
        assertThat(peerCurve(session(h))).isEqualTo("secp256r1");
      }
    }
  }

  // ---- openssl s_client against our certificate-selecting server ----

  @Test
  void oneServerPortPresentsTheCertificateOpenSslClientsGroupsAllow() throws Exception {
    try (Serving s = serve(TLS12)) {
      assertThat(sClient(s.port, "-tls1_2", "-groups", "brainpoolP256r1"))
          .isEqualTo(brainpool.leaf());
      assertThat(sClient(s.port, "-tls1_2", "-groups", "P-256")).isEqualTo(nist.leaf());
      assertThat(sClient(s.port, "-tls1_2", "-groups", "P-256:brainpoolP256r1"))
          .as("NIST first when the client allows both")
          .isEqualTo(nist.leaf());
    }
  }

  @Test
  void openSslTls13ClientGetsTheNistCertificate() throws Exception {
    try (Serving s = serve(List.of("TLSv1.3", "TLSv1.2"))) {
      assertThat(sClient(s.port, "-tls1_3")).isEqualTo(nist.leaf());
    }
  }

  @Test
  void aClientAllowingNeitherCurveIsRefusedWithHandshakeFailureAndAnEventNamingWhy()
      throws Exception {
    try (Serving s = serve(TLS12)) {
      String out = sClientOutput(s.port, "-tls1_2", "-groups", "X25519:P-384");
      assertThat(out).contains("handshake failure");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(s.refusals())
                      .singleElement()
                      .asString()
                      .contains("refused (handshake_failure)")
                      .contains("groups [x25519, secp384r1]")
                      .contains("secp256r1 or brainpoolP256r1"));
    }
  }

  // ---- our client against our server, TLS 1.3 brainpool (RFC 8734) ----

  @Test
  void ourClientAndServerAgreeOnBrainpoolOverTls13() throws Exception {
    SslContext bpServer =
        TlsContexts.server(
            brainpool.leafKey(),
            List.of(brainpool.leaf()),
            List.of(),
            new TlsOptions(TLS13, TlsOptions.TLS13_CIPHER_SUITES, TlsEngine.BCJSSE));
    CertificateSelector only =
        new CertificateSelector(List.of(CertificateSelector.Option.brainpool(bpServer)), TLS13);
    try (Serving s = serve(only)) {
      TlsOptions options = new TlsOptions(TLS13, TlsOptions.TLS13_CIPHER_SUITES, TlsEngine.BCJSSE);
      SslContext bpClient = TlsContexts.client(List.of(brainpool.root()), null, List.of(), options);
      SslHandler h = connect(s.port, bpClient);
      Future<Channel> done = h.handshakeFuture();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(done.isSuccess()).as("%s", done.cause()).isTrue();
      assertThat(session(h).getProtocol()).isEqualTo("TLSv1.3");
      assertThat(peerCurve(session(h))).isEqualTo("brainpoolP256r1");
    }
  }

  // ---- helpers ----

  private static void write(String name, TestPkis.Pki pki) throws Exception {
    Files.writeString(dir.resolve(name + ".crt"), pem("CERTIFICATE", pki.leaf().getEncoded()));
    Files.writeString(dir.resolve(name + "-ca.crt"), pem("CERTIFICATE", pki.root().getEncoded()));
    Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", pki.leafKey().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static SslContext client(TlsOptions options) throws Exception {
    return TlsContexts.client(List.of(nist.root(), brainpool.root()), null, List.of(), options);
  }

  private static SslHandler connect(int port, SslContext context) {
    SslHandler[] handler = new SslHandler[1];
    Channel ch =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    handler[0] = context.newHandler(c.alloc(), HOST, port);
                    c.pipeline().addLast(handler[0]);
                  }
                })
            .connect("127.0.0.1", port)
            .syncUninterruptibly()
            .channel();
    handler[0].handshakeFuture().addListener(x -> ch.close());
    return handler[0];
  }

  private static javax.net.ssl.SSLSession session(SslHandler handler) {
    return handler.engine().getSession();
  }

  private static String peerCurve(javax.net.ssl.SSLSession session) throws Exception {
    X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
    return leaf.equals(brainpool.leaf()) ? "brainpoolP256r1" : "secp256r1";
  }

  /** Our server on loopback holding both DPtls certificates (NIST first). */
  private static Serving serve(List<String> protocols) throws Exception {
    TlsOptions options = new TlsOptions(protocols, union(protocols), TlsEngine.BCJSSE);
    SslContext n = TlsContexts.server(nist.leafKey(), List.of(nist.leaf()), List.of(), options);
    SslContext b =
        TlsContexts.server(brainpool.leafKey(), List.of(brainpool.leaf()), List.of(), options);
    return serve(
        new CertificateSelector(
            List.of(CertificateSelector.Option.nist(n), CertificateSelector.Option.brainpool(b)),
            protocols));
  }

  private static List<String> union(List<String> protocols) {
    List<String> suites = new ArrayList<>();
    if (protocols.contains("TLSv1.3")) {
      suites.addAll(TlsOptions.TLS13_CIPHER_SUITES);
    }
    suites.addAll(TlsOptions.SGP22_CIPHER_SUITES);
    return suites;
  }

  private static Serving serve(CertificateSelector selector) {
    RecordingSink sink = new RecordingSink();
    EventLog events = EventLog.system().addSink(sink);
    RspHttpServer server =
        RspHttpServer.start(
            RspHttpServer.Config.loopback(selector.asContext(), "smdp.es9"),
            request -> new RspHttpResponse(204, java.util.Map.of(), new byte[0]),
            events);
    return new Serving(server, server.port(), sink);
  }

  private record Serving(RspHttpServer server, int port, RecordingSink sink)
      implements AutoCloseable {
    List<String> refusals() {
      return sink.events().stream()
          .map(e -> e.payload())
          .filter(p -> p instanceof EventPayload.TlsHandshake t && t.error() != null)
          .map(p -> ((EventPayload.TlsHandshake) p).error())
          .toList();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** Runs s_client; returns the certificate the server presented. */
  private static X509Certificate sClient(int port, String... args) throws Exception {
    String out = sClientOutput(port, args);
    Matcher m =
        Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL)
            .matcher(out);
    assertThat(m.find()).as("s_client printed no certificate:%n%s", out).isTrue();
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static String sClientOutput(int port, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect"));
    cmd.add("127.0.0.1:" + port);
    cmd.addAll(List.of("-servername", HOST));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close(); // EOF on stdin: s_client quits after the handshake
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** openssl s_server on an ephemeral loopback port, stopped on close. */
  private static final class SServer implements AutoCloseable {
    final Process process;
    final int port;

    private SServer(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static SServer start(String name, String version) throws IOException {
      boolean[] started = {false};
      Process p =
          new ProcessBuilder(
                  "openssl",
                  "s_server",
                  "-accept",
                  "127.0.0.1:0",
                  "-cert",
                  dir.resolve(name + ".crt").toString(),
                  "-key",
                  dir.resolve(name + ".key").toString(),
                  version)
              .redirectErrorStream(true)
              .start();
      // a server that never says where it listens is stopped, which ends the read below
      var watchdog =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {},
              java.util.concurrent.CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS));
      watchdog.thenRun(
          () -> {
            if (!started[0]) {
              p.destroyForcibly();
            }
          });
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        Matcher m = Pattern.compile("^ACCEPT .*:(\\d+)$").matcher(line.trim());
        if (m.matches()) {
          started[0] = true;
          // keep draining its output so that it never blocks on a full pipe
          Thread drain =
              new Thread(
                  () -> {
                    try {
                      reader.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                      // the process ended
                    }
                  });
          drain.setDaemon(true);
          drain.start();
          return new SServer(p, Integer.parseInt(m.group(1)));
        }
      }
      p.destroyForcibly();
      throw new IOException("openssl s_server did not start");
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
