package org.rspharness.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.Keys;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.random.RandomSource;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.ScenarioLoader;
import org.rspharness.scenario.model.Smdp;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * A scenario against a remote SM-DP+ (as {@code rsp-harness run --smdp URL --es2 URL --pki DIR}):
 * the operator's ES2+ calls go over mutual TLS with a PEM client credential, the devices' ES9+ over
 * TLS to the SM-DP+'s own address, certificates from a PKI directory.
 */
class RemoteSmdpRunTest {

  private static final String HOST = "testsmdpplus1.example.com";

  @Test
  void aScenarioRunsAgainstARemoteSmdpOverEs2AndEs9(@TempDir Path dir) throws Exception {
    TestPki pki = TestPki.builder().random(RandomSource.seeded(11)).smdpHost(HOST).build();
    Path pkiDir = dir.resolve("pki");
    PkiDirectory.write(pki, pkiDir);
    KeyPair opKeys = Keys.generate(Curve.NIST_P256, RandomSource.seeded(3).asSecureRandom());
    X500Name opName = new X500Name("CN=Test Operator,O=RSP Harness");
    X509Certificate opCert =
        new JcaX509CertificateConverter()
            .setProvider(Keys.BC)
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        opName,
                        BigInteger.valueOf(7),
                        Date.from(Instant.now().minus(Duration.ofDays(1))),
                        Date.from(Instant.now().plus(Duration.ofDays(30))),
                        opName,
                        opKeys.getPublic())
                    .build(Keys.signer(opKeys.getPrivate())));
    Path certPem =
        Files.writeString(dir.resolve("op.pem"), Keys.pem("CERTIFICATE", opCert.getEncoded()));
    Path keyPem = Files.writeString(dir.resolve("op.key"), Keys.toSec1Pem(opKeys.getPrivate()));

    int es9Port = freePort();
    int es2Port = freePort();
    Path inventory =
        Files.writeString(
            dir.resolve("inventory.yaml"),
            "profiles:\n  - {iccid: \"8900000000000000318\", profileType: remote,"
                + " profilePackage: generated}\n");
    SmdpSimulator remote =
        SmdpSimulator.builder(pki, HOST + ":" + es9Port)
            .inventory(inventory)
            .random(RandomSource.seeded(5))
            .build();
    try (SmdpServer server =
        SmdpServer.start(
            pki,
            SmdpServer.Config.es9Only(HOST, es9Port).withEs2(es2Port, List.of(opCert)),
            remote.es9Endpoint(),
            remote.es2Endpoint(),
            new SimpleMeterRegistry(),
            EventLog.disabled())) {
      Scenario s =
          ScenarioLoader.parse(
              String.join(
                  "\n",
                  "name: remote-download",
                  "topology:",
                  "  smdp: {inventory: {profiles: [{iccid: \"8900000000000000011\", profileType: x, profilePackage: generated}]}}",
                  "  devices: [{name: phone}]",
                  "steps:",
                  "  - {name: order, downloadOrder: {profileType: remote}, capture: {iccid: iccid}}",
                  "  - name: confirm",
                  "    confirmOrder: {iccid: \"${iccid}\", matchingId: REMOTE-1}",
                  "    capture: {activationCode: activationCode}",
                  "  - {name: download, download: {device: phone, activationCode: \"${activationCode}\"}}",
                  "expect:",
                  "  - euicc: {device: phone, exactly: true, profiles: [{iccid: \"${iccid}\", state: disabled}]}",
                  "  - eventOrder: {events: [\"http:downloadOrder\", \"http:confirmOrder\", \"http:initiateAuthentication\", \"notification:install\"]}",
                  ""),
              "remote.yaml",
              dir);
      EngineTarget target =
          new EngineTarget(
              new Smdp.Remote(
                  URI.create("https://" + HOST + ":" + es9Port),
                  new Smdp.Es2(URI.create("https://" + HOST + ":" + es2Port), certPem, keyPem)),
              pkiDir,
              Map.of(HOST, "127.0.0.1"));
      RecordingSink sink = new RecordingSink();
      try (ScenarioEngine engine =
          new ScenarioEngine(
              new ScenarioEngine.Options(1, target, null), EventLog.system().addSink(sink))) {
        ScenarioOutcome o = engine.run(s);
        assertThat(o.passed()).as(o.failure()).isTrue();
      }
      // the operator really went over HTTPS to the ES2+ port, the device to the ES9+ port
      assertThat(sink.payloads(EventPayload.HttpExchange.class))
          .filteredOn(h -> h.function().equals("downloadOrder"))
          .singleElement()
          .satisfies(h -> assertThat(h.url()).startsWith("https://" + HOST + ":" + es2Port));
      assertThat(sink.payloads(EventPayload.HttpExchange.class))
          .filteredOn(h -> h.function().equals("getBoundProfilePackage"))
          .singleElement()
          .satisfies(h -> assertThat(h.url()).startsWith("https://" + HOST + ":" + es9Port));
      assertThat(remote.orders().find(org.rspharness.core.ids.Iccid.of("8900000000000000318")))
          .hasValueSatisfying(order -> assertThat(order.state().name()).isEqualTo("INSTALLED"));
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
