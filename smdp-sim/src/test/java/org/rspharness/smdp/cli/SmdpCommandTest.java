package org.rspharness.smdp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smdp.transport.SmdpServer;
import picocli.CommandLine;

class SmdpCommandTest {

  private static final TestPki PKI = TestPki.builder().random(RandomSource.seeded(11)).build();

  private static CommandLine cli(StringWriter err) {
    CommandLine c = SmdpCommand.commandLine(dir -> PKI);
    c.setErr(new PrintWriter(err, true));
    c.setOut(new PrintWriter(new StringWriter(), true));
    return c;
  }

  @Test
  void serveStartsTheConfiguredPortsThroughTheInjectedPkiLoader() throws Exception {
    CommandLine c = cli(new StringWriter());
    c.parseArgs(
        "serve",
        "--pki",
        "any-dir",
        "--host",
        PKI.smdpHost(),
        "--es9-port",
        "0",
        "--es9-brainpool-port",
        "0");
    SmdpCommand.Serve serve = c.getSubcommands().get("serve").getCommand();
    try (SmdpServer server = serve.start()) {
      assertThat(server.es9Port(Curve.NIST_P256)).isPresent();
      assertThat(server.es9Port(Curve.BRAINPOOL_P256R1)).isPresent();
      assertThat(server.es2Port()).isEmpty();
    }
  }

  @Test
  void serveAnswersEs9WithTheSimulatorsServices() throws Exception {
    CommandLine c = cli(new StringWriter());
    c.parseArgs("serve", "--pki", "any-dir", "--host", PKI.smdpHost(), "--es9-port", "0");
    SmdpCommand.Serve serve = c.getSubcommands().get("serve").getCommand();
    try (SmdpServer server = serve.start();
        RspHttpClient client = Es9Clients.to(PKI)) {
      // A request with an unsupported X-Admin-Protocol: the real ES9+ endpoint answers it.
      RspHttpResponse r =
          client.post(
              URI.create(
                  "https://"
                      + PKI.smdpHost()
                      + ":"
                      + server.es9Port(Curve.NIST_P256).orElseThrow()
                      + "/gsma/rsp2/es9plus/initiateAuthentication"),
              Map.of("Content-Type", "application/json", "X-Admin-Protocol", "gsma/rsp/v9.9.9"),
              "{}".getBytes(StandardCharsets.UTF_8),
              "initiateAuthentication");
      assertThat(r.status()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"Failed\"");
    }
  }

  @Test
  void quirksParseNamesAndTheHtml500Function() {
    Quirks q =
        SmdpCommand.quirks(List.of("base64-line-breaks", "http-500-html=getBoundProfilePackage"));
    assertThat(q.has(Quirk.BASE64_LINE_BREAKS)).isTrue();
    assertThat(q.http500Function()).isEqualTo("getBoundProfilePackage");
    assertThatThrownBy(() -> SmdpCommand.quirks(List.of("http-500-html")))
        .hasMessageContaining("http-500-html=");
    assertThatThrownBy(() -> SmdpCommand.quirks(List.of("no-such-quirk")))
        .hasMessageContaining("no-such-quirk");
  }

  @Test
  void aBusyPortEndsServeWithAnErrorAndNoStackTrace() throws Exception {
    StringWriter err = new StringWriter();
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code =
          cli(err)
              .execute(
                  "serve",
                  "--pki",
                  "x",
                  "--host",
                  PKI.smdpHost(),
                  "--es9-port",
                  String.valueOf(busy.getLocalPort()));
      assertThat(code).as("a busy port is the user's to change").isEqualTo(2);
    }
    assertThat(err.toString()).contains("ES9+ (NIST)").contains("in use").doesNotContain("\tat ");
  }

  @Test
  void es2WithoutOperatorCertificateIsAUsageError() {
    StringWriter err = new StringWriter();
    int code =
        cli(err)
            .execute(
                "serve",
                "--pki",
                "x",
                "--host",
                PKI.smdpHost(),
                "--es9-port",
                "0",
                "--es2-port",
                "0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--operator-cert");
  }
}
