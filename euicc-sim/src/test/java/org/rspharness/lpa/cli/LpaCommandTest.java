package org.rspharness.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpServer;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.store.FileStateStore;
import org.rspharness.lpa.CryptoSmdp;
import picocli.CommandLine;

/**
 * The {@code lpa} command on a card state file, downloading over loopback TLS from an SM-DP+ that
 * presents the test PKI's DPtls certificate for testsmdpplus1.example.com.
 */
class LpaCommandTest {

  static final TestPki PKI = org.rspharness.lpa.SharedPki.PKI;
  static final Iccid ICCID = Iccid.withCheckDigit("8949000000000000077");

  @TempDir Path dir;
  private RspHttpServer server;
  private CryptoSmdp smdp;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private final EuiccAccess access =
      state ->
          Euicc.builder(EuiccIdentity.from(PKI))
              .config(EuiccConfig.defaults())
              .store(new FileStateStore(state))
              .random(RandomSource.seeded(System.nanoTime()))
              .build();

  record Run(int exit, String out, String err) {}

  private Run lpa(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = LpaCommand.commandLine(access);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("--euicc", dir.resolve("card.json").toString()));
    all.addAll(List.of(args));
    int rc = cl.execute(all.toArray(String[]::new));
    return new Run(rc, out.toString(), err.toString());
  }

  private String startSmdp() throws Exception {
    smdp = new CryptoSmdp(PKI, Curve.NIST_P256, ICCID);
    var tls = PKI.dpTls(Curve.NIST_P256);
    server =
        RspHttpServer.start(
            RspHttpServer.Config.loopback(
                TlsContexts.server(tls.privateKey(), tls.path(), List.of(), TlsOptions.sgp22()),
                "smdp"),
            Es9HttpAdapter.handler(smdp, SmdpAddress.of("testsmdpplus1.example.com")),
            EventLog.disabled());
    smdp.notificationAddress = "testsmdpplus1.example.com:" + server.port();
    return smdp.notificationAddress;
  }

  private Path ciPem() throws Exception {
    Path pem = dir.resolve("ci.pem");
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes())
            .encodeToString(PKI.ci(Curve.NIST_P256).certificate().getEncoded());
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n",
        StandardCharsets.US_ASCII);
    return pem;
  }

  @Test
  void infoPrintsTheEidAndTheCiKeyIdentifiers() {
    Run r = lpa("info");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("EID: " + PKI.eid().value()).contains("CI PKIds for verification");
  }

  @Test
  void downloadsOverTlsThenListsEnablesAndNotifies() throws Exception {
    String host = startSmdp();
    String ci = ciPem().toString();
    Run d =
        lpa(
            "download",
            "--activation-code",
            "LPA:1$" + host + "$CLI-1",
            "--resolve",
            "testsmdpplus1.example.com=127.0.0.1",
            "--ci-cert",
            ci);
    assertThat(d.exit()).as(d.err()).isZero();
    assertThat(d.out()).contains("INSTALLED iccid=" + ICCID.value());

    Run p = lpa("profiles");
    assertThat(p.out()).contains(ICCID.value() + "  disabled");

    Run e =
        lpa(
            "--resolve",
            "testsmdpplus1.example.com=127.0.0.1",
            "--ci-cert",
            ci,
            "enable",
            ICCID.value());
    assertThat(e.exit()).as(e.err()).isZero();
    assertThat(e.out())
        .contains("EnableProfile ok(0)")
        .contains("enable -> ")
        .contains("delivered");
    assertThat(lpa("profiles").out()).contains(ICCID.value() + "  enabled");
    Run n = lpa("notifications");
    assertThat(n.out())
        .as(e.out() + "\n" + d.out() + lpa("-v", "notifications").out())
        .contains("no pending notification");
    assertThat(smdp.calls).endsWith("handleNotification", "handleNotification");
  }

  @Test
  void aFailedDownloadPrintsTheStatusCodeAndItsMeaningOnOneLine() throws Exception {
    String host = startSmdp();
    smdp.failAuthenticateClient = StatusCodes.MATCHING_ID_REFUSED;
    Run d =
        lpa(
            "download",
            "-a",
            "LPA:1$" + host + "$WRONG",
            "--resolve",
            "testsmdpplus1.example.com=127.0.0.1",
            "--ci-cert",
            ciPem().toString());
    assertThat(d.exit()).as("the peer refused").isEqualTo(3);
    assertThat(d.err().strip())
        .startsWith("rsp-harness: FAILED at AUTHENTICATE_CLIENT: 8.2.6/3.8")
        .contains("matchingId refused")
        .doesNotContain("\n");
  }

  @Test
  void withoutAMatchingCiCertificateTheDownloadSaysWhatIsMissing() throws Exception {
    String host = startSmdp();
    Run d =
        lpa(
            "download",
            "-a",
            "LPA:1$" + host + "$X",
            "--resolve",
            "testsmdpplus1.example.com=127.0.0.1");
    assertThat(d.exit()).as("TLS cannot be set up: a network failure").isEqualTo(3);
    assertThat(d.err()).contains("no CI certificate matches").contains("--ci-cert");
  }

  @Test
  void verbosePrintsTheApdus() {
    Run r = lpa("-v", "info");
    assertThat(r.out())
        .contains("> 0070000001")
        .contains("> 01A4040010A0000005591010FFFFFFFF8900000100");
  }

  @Test
  void anUndeliverableNotificationStaysOnTheCard() throws Exception {
    String host = startSmdp();
    String ci = ciPem().toString();
    String resolve = "testsmdpplus1.example.com=127.0.0.1";
    assertThat(
            lpa("download", "-a", "LPA:1$" + host + "$N", "--resolve", resolve, "--ci-cert", ci)
                .exit())
        .isZero();
    server.close();
    server = null;
    Run e = lpa("--resolve", resolve, "--ci-cert", ci, "enable", ICCID.value());
    assertThat(e.out()).contains("NOT delivered after 3 attempt(s)").contains("CONNECT_FAILED");
    assertThat(lpa("notifications").out()).contains("enable  " + host);
  }

  @Test
  void anUnknownIccidIsAOneLineError() {
    Run r = lpa("delete", "89000123456789012341");
    assertThat(r.exit()).as("the eUICC refused").isEqualTo(3);
    assertThat(r.err().strip()).isEqualTo("rsp-harness: DeleteProfile iccidOrAidNotFound(1)");
  }

  @Test
  void theShellRunsManyCommandsInOneJvmWithHistory() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("commands.txt"),
            "info\nprofiles\nnickname 89000123456789012341 'my card'\nhistory\n!1\nexit\n");
    Path history = dir.resolve("history");
    Run r = lpa("shell", "--script", script.toString(), "--history", history.toString());
    assertThat(r.out().split("EID: " + PKI.eid().value(), -1)).as(r.out()).hasSize(3);
    assertThat(r.out()).contains("no profile").contains("   1  info").contains("   2  profiles");
    assertThat(r.err()).contains("SetNickname iccidNotFound(1)");
    assertThat(Files.readAllLines(history)).startsWith("info", "profiles");
    assertThat(LpaCommand.Shell.words("download -a 'LPA:1$h$M 1' -c \"12 34\""))
        .containsExactly("download", "-a", "LPA:1$h$M 1", "-c", "12 34");
  }
}
