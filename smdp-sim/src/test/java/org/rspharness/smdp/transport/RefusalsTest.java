package org.rspharness.smdp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.random.RandomSource;

/**
 * What the SM-DP+ ports refuse, each refusal named: ES2+ client certificates with the TLS alert of
 * their problem (an expired operator certificate trusted directly: certificate_expired; one nobody
 * vouches for: unknown_ca), as the JDK's own TLS client reads them; a request not received within
 * its deadline and connections beyond the per-client limit, each an event.
 */
class RefusalsTest {

  private static KeyPair key(long seed) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
    g.initialize(new ECGenParameterSpec("secp256r1"), RandomSource.seeded(seed).asSecureRandom());
    return g.generateKeyPair();
  }

  private static X509Certificate selfSigned(KeyPair kp, String cn, Instant from, Instant to)
      throws Exception {
    X500Name name = new X500Name("CN=" + cn + ",O=RSP Harness");
    return new JcaX509CertificateConverter()
        .setProvider(BouncyCastle.PROVIDER)
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name, BigInteger.TEN, Date.from(from), Date.from(to), name, kp.getPublic())
                .build(
                    new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(BouncyCastle.PROVIDER)
                        .build(kp.getPrivate())));
  }

  @TempDir Path dir;

  /**
   * A TLS 1.2 handshake of openssl s_client presenting {@code cert}: what it printed (an alert
   * shows as "SSL alert number N": 42 bad_certificate, 45 certificate_expired, 48 unknown_ca).
   */
  private String handshake(int port, KeyPair kp, X509Certificate cert) throws Exception {
    Path certPem = dir.resolve(cert.getSerialNumber() + "-" + System.nanoTime() + ".pem");
    Path keyPem = dir.resolve("key-" + System.nanoTime() + ".pem");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
    Process p =
        new ProcessBuilder(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-tls1_2",
                "-cert",
                certPem.toString(),
                "-key",
                keyPem.toString())
            .redirectErrorStream(true)
            .start();
    // the server closes after answering, so s_client ends; a watchdog ends it otherwise
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                  p.destroyForcibly();
                }
              } catch (InterruptedException ignored) {
                p.destroyForcibly();
              }
            });
    watchdog.start();
    p.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
    p.getOutputStream().flush();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    watchdog.join();
    return out;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static boolean openssl() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void es2TlsAlertsNameTheProblemOfTheOperatorCertificate() throws Exception {
    if (!openssl()) {
      Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI needs openssl");
      Assumptions.abort("openssl not installed");
    }
    Instant now = Instant.now();
    KeyPair expiredKey = key(31);
    X509Certificate expired =
        selfSigned(
            expiredKey,
            "Expired Operator",
            now.minus(Duration.ofDays(30)),
            now.minus(Duration.ofDays(1)));
    KeyPair strangerKey = key(32);
    X509Certificate stranger =
        selfSigned(
            strangerKey, "Stranger", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    KeyPair goodKey = key(33);
    X509Certificate good =
        selfSigned(
            goodKey, "Good Operator", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    try (SmdpServer server =
        SmdpServer.start(
            TransportFixtures.pki(),
            SmdpServer.Config.es9Only(TransportFixtures.HOST, 0).withEs2(0, List.of(expired, good)),
            TransportFixtures.echo(),
            TransportFixtures.echo(),
            new SimpleMeterRegistry(),
            EventLog.disabled())) {
      int port = server.es2Port().orElseThrow();
      // trusted directly, but expired: refused, and the alert says so
      assertThat(handshake(port, expiredKey, expired)).contains("SSL alert number 45");
      assertThat(handshake(port, strangerKey, stranger)).contains("SSL alert number 48");
      // a configured operator's certificate whose signature does not verify: bad_certificate
      KeyPair forgerKey = key(34);
      X509Certificate forged =
          selfSigned(
              forgerKey,
              "Good Operator",
              now.minus(Duration.ofDays(1)),
              now.plus(Duration.ofDays(30)));
      assertThat(handshake(port, forgerKey, forged)).contains("SSL alert number 42");
      assertThat(handshake(port, goodKey, good))
          .doesNotContain("SSL alert number")
          .contains("HTTP/1.1 200");
    }
  }

  @Test
  void aRequestNotReceivedInTimeAndConnectionsBeyondTheLimitAreRefusedEachAnEvent()
      throws Exception {
    RecordingSink sink = new RecordingSink();
    EventLog events = EventLog.system().addSink(sink);
    ConnectionLimits limits =
        new ConnectionLimits(Duration.ofMillis(2000), 2, Duration.ofSeconds(60));
    try (SmdpServer server =
        SmdpServer.start(
            TransportFixtures.pki(),
            SmdpServer.Config.es9Only(TransportFixtures.HOST, 0),
            TransportFixtures.echo(),
            TransportFixtures.echo(),
            null,
            new SimpleMeterRegistry(),
            events,
            limits)) {
      int port = server.es9Port(Curve.NIST_P256).orElseThrow();
      try (Socket slow = new Socket("127.0.0.1", port);
          Socket second = new Socket("127.0.0.1", port);
          Socket third = new Socket("127.0.0.1", port)) {
        slow.setSoTimeout(20_000);
        third.setSoTimeout(20_000);
        slow.getOutputStream().write(0x16); // one byte of a TLS record, then nothing
        // a third connection from the same client is over the limit of 2: closed at once
        assertThat(readToEnd(third.getInputStream())).isEqualTo(-1);
        // the half-sent one is closed at the deadline
        assertThat(readToEnd(slow.getInputStream())).isEqualTo(-1);
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
                      .anyMatch(t -> t.startsWith("refused request:") && t.contains("2000 ms"))
                      .anyMatch(t -> t.startsWith("refused connection:") && t.contains("limit 2")));
    }
    assertThatThrownBy(() -> new ConnectionLimits(Duration.ZERO, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("request deadline");
  }

  private static int readToEnd(InputStream in) throws java.io.IOException {
    int b;
    do {
      b = in.read();
    } while (b >= 0);
    return b;
  }
}
