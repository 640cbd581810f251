package org.rspharness.smds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.testkit.EuiccPeer;
import org.rspharness.smdp.SmdpFixture;
import picocli.CommandLine;

/**
 * {@code smds serve} seen from implementations we did not write: curl registers and deletes events
 * over ES12 (mutual TLS with a DPtls certificate) and runs ES11 JSON with a test eUICC's data;
 * openssl s_client checks the DStls certificate against the SM-DS host. With {@code --state DIR}
 * the event records survive a restart.
 */
class SmdsServeTest {

  private static final String ROOT = "testrootsmds.example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static TestPki pki;
  private static Path pkiDir;

  @BeforeAll
  static void pki() throws Exception {
    pki =
        TestPki.builder().curves(Set.of(Curve.NIST_P256)).random(RandomSource.seeded(1616)).build();
    pkiDir = dir.resolve("pki");
    PkiDirectory.write(pki, pkiDir);
    Files.writeString(dir.resolve("ci.pem"), pem("CERTIFICATE", cert(Role.CI)));
    Files.writeString(dir.resolve("dptls.pem"), pem("CERTIFICATE", cert(Role.DP_TLS)));
    Files.copy(
        pkiDir
            .resolve(Role.DP_TLS.directory())
            .resolve(Role.DP_TLS.privateKeyFile(Curve.NIST_P256)),
        dir.resolve("dptls.key"));
  }

  private static byte[] cert(Role r) throws Exception {
    return pki.credential(r, Curve.NIST_P256).certificate().getEncoded();
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

  private static boolean tool(String... cmd) {
    try {
      return new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor() == 0;
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }

  private static void require(String name, String... versionCmd) {
    if (!tool(versionCmd)) {
      Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI needs " + name);
      Assumptions.abort(name + " not installed");
    }
  }

  private SmdsCommand.Serve.Started serve(String... extra) throws Exception {
    SmdsCommand.Serve serve = new SmdsCommand.Serve(PkiDirectory::load);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--pki",
                pkiDir.toString(),
                "--host",
                ROOT,
                "--es11-port",
                "0",
                "--es12-port",
                "0"));
    args.addAll(List.of(extra));
    new CommandLine(serve).parseArgs(args.toArray(String[]::new));
    return serve.start(EventLog.disabled());
  }

  private static Process run(List<String> cmd, String stdin) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    return p;
  }

  private static String output(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return out;
  }

  /** One curl POST to the SM-DS at {@code port}; its body, as curl printed it. */
  private static String curl(int port, String path, String body, boolean clientCert)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "20",
                "--cacert",
                dir.resolve("ci.pem").toString(),
                "--resolve",
                ROOT + ":" + port + ":127.0.0.1",
                "-H",
                "Content-Type: application/json;charset=UTF-8",
                "-H",
                "X-Admin-Protocol: gsma/rsp/v2.2.0",
                "-H",
                "User-Agent: gsma-rsp-lpad",
                "--data-binary",
                "@-"));
    if (clientCert) {
      cmd.addAll(
          List.of(
              "--cert",
              dir.resolve("dptls.pem").toString(),
              "--key",
              dir.resolve("dptls.key").toString()));
    }
    cmd.add("https://" + ROOT + ":" + port + path);
    return output(run(cmd, body));
  }

  private static String status(String json) throws Exception {
    JsonNode s = JSON.readTree(json).path("header").path("functionExecutionStatus");
    JsonNode d = s.path("statusCodeData");
    return d.isMissingNode()
        ? s.path("status").asText()
        : d.path("subjectCode").asText() + "/" + d.path("reasonCode").asText();
  }

  private static String register(String eventId) {
    return "{\"header\":{\"functionRequesterIdentifier\":\"curl\",\"functionCallIdentifier\":\"1\"},"
        + "\"eid\":\""
        + pki.eid().value()
        + "\",\"rspServerAddress\":\"testsmdpplus1.example.com\",\"eventId\":\""
        + eventId
        + "\"}";
  }

  private static String delete(String eventId) {
    return "{\"header\":{\"functionRequesterIdentifier\":\"curl\",\"functionCallIdentifier\":\"2\"},"
        + "\"eid\":\""
        + pki.eid().value()
        + "\",\"eventId\":\""
        + eventId
        + "\"}";
  }

  @Test
  void eventRecordsRegisteredOverEs12SurviveARestartWithState() throws Exception {
    require("curl", "curl", "--version");
    Path state = dir.resolve("state");
    try (SmdsCommand.Serve.Started s = serve("--state", state.toString())) {
      int es12 = s.server().es12Port().orElseThrow();
      assertThat(status(curl(es12, "/gsma/rsp2/es12/registerEvent", register("EV-A"), true)))
          .isEqualTo("Executed-Success");
      assertThat(status(curl(es12, "/gsma/rsp2/es12/registerEvent", register("EV-B"), true)))
          .isEqualTo("Executed-Success");
      // without a DPtls client certificate the ES12 port refuses the handshake
      assertThat(curl(es12, "/gsma/rsp2/es12/registerEvent", register("EV-C"), false))
          .doesNotContain("Executed-Success");
    }
    assertThat(Files.exists(state.resolve("smds.db"))).isTrue();

    try (SmdsCommand.Serve.Started s = serve("--state", state.toString())) {
      assertThat(s.smds().events().all())
          .extracting(r -> r.eventId())
          .containsExactly("EV-A", "EV-B");
      int es12 = s.server().es12Port().orElseThrow();
      assertThat(status(curl(es12, "/gsma/rsp2/es12/deleteEvent", delete("EV-A"), true)))
          .isEqualTo("Executed-Success");
      // a duplicate after the restart is still a duplicate (8.9.5/3.3)
      assertThat(status(curl(es12, "/gsma/rsp2/es12/registerEvent", register("EV-B"), true)))
          .isEqualTo("8.9.5/3.3");
      // ES11 over JSON, by curl with a test eUICC's data: the LPA is told of EV-B only
      EuiccPeer euicc = SmdpFixture.peer(pki, Curve.NIST_P256, 16, java.time.Clock.systemUTC());
      int es11 = s.server().es11Port(Curve.NIST_P256).orElseThrow();
      Base64.Encoder b64 = Base64.getEncoder();
      String init =
          curl(
              es11,
              "/gsma/rsp2/es11/initiateAuthentication",
              "{\"euiccChallenge\":\""
                  + b64.encodeToString(euicc.challenge())
                  + "\",\"euiccInfo1\":\""
                  + b64.encodeToString(euicc.euiccInfo1())
                  + "\",\"smdsAddress\":\""
                  + ROOT
                  + "\"}",
              false);
      assertThat(status(init)).isEqualTo("Executed-Success");
      InitiateAuthenticationResponse ia =
          RspJson.lenient().read(init, InitiateAuthenticationResponse.class);
      String auth =
          curl(
              es11,
              "/gsma/rsp2/es11/authenticateClient",
              "{\"transactionId\":\""
                  + ia.transactionId().hex()
                  + "\",\"authenticateServerResponse\":\""
                  + b64.encodeToString(euicc.authenticateServer(ia))
                  + "\"}",
              false);
      assertThat(status(auth)).isEqualTo("Executed-Success");
      JsonNode entries = JSON.readTree(auth).path("eventEntries");
      assertThat(entries).hasSize(1);
      assertThat(entries.get(0).path("eventId").asText()).isEqualTo("EV-B");
      assertThat(entries.get(0).path("rspServerAddress").asText())
          .isEqualTo("testsmdpplus1.example.com");
    }

    try (SmdsCommand.Serve.Started s = serve("--state", state.toString())) {
      assertThat(s.smds().events().all()).extracting(r -> r.eventId()).containsExactly("EV-B");
    }
    // without --state an SM-DS starts empty
    try (SmdsCommand.Serve.Started s = serve()) {
      assertThat(s.smds().events().all()).isEmpty();
    }
  }

  @Test
  void theDsTlsCertificateNamesTheSmdsHostAsOpensslChecksIt() throws Exception {
    require("openssl", "openssl", "version");
    try (SmdsCommand.Serve.Started s = serve()) {
      int es11 = s.server().es11Port(Curve.NIST_P256).orElseThrow();
      String right = sClient(es11, ROOT);
      assertThat(right).contains("Verify return code: 0 (ok)");
      String wrong = sClient(es11, "testsmdpplus1.example.com");
      assertThat(wrong).contains("Verify return code: 62 (hostname mismatch)");
    }
  }

  private static String sClient(int port, String host) throws Exception {
    return output(
        run(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-servername",
                host,
                "-verify_hostname",
                host,
                "-CAfile",
                dir.resolve("ci.pem").toString(),
                "-tls1_2"),
            ""));
  }
}
