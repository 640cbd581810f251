package org.rspharness.smdp.transport;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

/** One generated PKI for all transport tests, an operator certificate, and an HTTPS client. */
final class TransportFixtures {

  static final String HOST = "testsmdpplus1.example.com";

  private static TestPki pki;
  private static Operator operator;

  record Operator(X509Certificate certificate, PrivateKey key) {}

  private TransportFixtures() {}

  static synchronized TestPki pki() {
    if (pki == null) {
      pki = TestPki.builder().random(RandomSource.seeded(7)).smdpHost(HOST).build();
    }
    return pki;
  }

  /** A self-signed operator (ES2+ client) certificate on P-256, made with Bouncy Castle. */
  static synchronized Operator operator() throws Exception {
    if (operator == null) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
      g.initialize(new ECGenParameterSpec("secp256r1"), RandomSource.seeded(3).asSecureRandom());
      KeyPair kp = g.generateKeyPair();
      X500Name name = new X500Name("CN=Test Operator,O=RSP Harness");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(1001),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(30))),
              name,
              kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .setProvider(BouncyCastle.PROVIDER)
              .getCertificate(
                  b.build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .setProvider(BouncyCastle.PROVIDER)
                          .build(kp.getPrivate())));
      operator = new Operator(cert, kp.getPrivate());
    }
    return operator;
  }

  /** Answers 200 with "function|peer certificates" so tests see what the server passed on. */
  static RspHttpHandler echo() {
    return request ->
        new RspHttpResponse(
            200,
            Map.of("Content-Type", "application/json;charset=UTF-8"),
            (request.path() + "|" + request.peerCertificates().size())
                .getBytes(StandardCharsets.UTF_8));
  }

  /** An HTTPS client trusting the CI of {@code curve}, dialling 127.0.0.1 for {@code host}. */
  static RspHttpClient client(Curve curve, String host, PrivateKey key, List<X509Certificate> chain)
      throws Exception {
    return new RspHttpClient(
        RspHttpClient.Config.defaults(
                TlsContexts.client(
                    List.of(pki().ci(curve).certificate()), key, chain, TlsOptions.sgp22()),
                "test-client")
            .withResolve(Map.of(host, "127.0.0.1"))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
        EventLog.disabled());
  }

  static RspHttpResponse post(RspHttpClient client, String host, int port, String path)
      throws RspHttpException {
    return client.post(
        URI.create("https://" + host + ":" + port + path),
        Map.of("Content-Type", "application/json", "X-Admin-Protocol", "gsma/rsp/v2.2.0"),
        "{}".getBytes(StandardCharsets.UTF_8),
        "test");
  }
}
