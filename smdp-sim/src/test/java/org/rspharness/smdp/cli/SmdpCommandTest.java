package org.rspharness.smdp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.random.RandomSource;
import org.rspharness.smdp.transport.SmdpServer;
import picocli.CommandLine;

class SmdpCommandTest {

  private static final TestPki PKI = TestPki.builder().random(RandomSource.seeded(11)).build();

  private static CommandLine cli(StringWriter err) {
    CommandLine c = SmdpCommand.commandLine(dir -> PKI, SmdpCommand.UNWIRED);
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
      assertThat(code).isNotZero();
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
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--operator-cert");
  }
}
