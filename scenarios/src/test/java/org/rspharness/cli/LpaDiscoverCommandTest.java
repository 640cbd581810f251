package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.LoadedPki;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.cli.CliFixture.Run;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.smds.es12.Es12Client;

/**
 * {@code rsp-harness lpa discover} against {@code smds serve} and {@code smdp serve} in one JVM:
 * exit codes 0 (event found and installed), 3 (the peer refused or could not be reached) and 2 (bad
 * input), and each {@code --json} line valid against the published output schema.
 */
class LpaDiscoverCommandTest {

  private static final String SMDP = CliFixture.SMDP;
  private static final String SMDS = CliFixture.SMDS;

  @TempDir Path dir;
  @RegisterExtension final CliFixture cli = new CliFixture();

  private Run json(String... args) throws Exception {
    Run r = cli.json(args);
    assertThat(r.lines())
        .allSatisfy(
            l ->
                assertThat(l.get("command").asText())
                    .isIn("lpa discover", "certs generate", "euicc init"));
    return r;
  }

  @Test
  void discoverExitsZeroWhenTheEventIsInstalledThreeWhenRefusedTwoOnBadInput() throws Exception {
    Path pki = cli.pki(dir, 3);
    Path inventory = CliFixture.inventory(dir, "8949000000000000018 EV-0001");
    List<JsonNode> smdsLines;
    try (CliFixture.Server smdp = CliFixture.smdp(pki, inventory, "--json");
        CliFixture.Server smds =
            CliFixture.serve(
                "smds",
                "serve",
                "--pki",
                pki.toString(),
                "--host",
                SMDS,
                "--es11-port",
                "0",
                "--es12-port",
                "0",
                "-v",
                "--json")) {
      String smdpPort = smdp.port("ES9+");
      String es11 = smds.port("ES11");
      String es12 = smds.port("ES12");
      Path card = cli.card(dir, pki);
      String eid =
          cli.json("lpa", "--euicc", card.toString(), "info")
              .last()
              .get("data")
              .get("eid")
              .asText();

      // the SM-DP+'s registration, as ES12 over mutual TLS with the PKI's DPtls
      LoadedPki loaded = PkiDirectory.load(pki);
      try (Es12Client es12Client =
          new Es12Client(
              loaded.dpTls(Curve.NIST_P256),
              List.of(loaded.ci(Curve.NIST_P256).certificate()),
              Map.of(SMDS, "127.0.0.1:" + es12),
              "test.es12",
              EventLog.disabled())) {
        assertThat(
                es12Client
                    .registerEvent(
                        SmdpAddress.of(SMDS),
                        new RegisterEventRequest(
                            new RequestHeader(SMDP, "1"),
                            Eid.of(eid),
                            SMDP + ":" + smdpPort,
                            "EV-0001",
                            false))
                    .header()
                    .executed())
            .isTrue();
      }

      String[] lpa = {
        "lpa",
        "--euicc",
        card.toString(),
        "--resolve",
        SMDP + "=127.0.0.1",
        "--resolve",
        SMDS + "=127.0.0.1"
      };
      String smdsAt = SMDS + ":" + es11;

      Run list = json(concat(lpa, "discover", "--smds", smdsAt, "--no-download"));
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.lines().get(0).get("type").asText()).isEqualTo("item");
      assertThat(list.lines().get(0).get("data").get("eventId").asText()).isEqualTo("EV-0001");
      assertThat(list.last().get("data").get("events").asInt()).isEqualTo(1);

      Run discover = json(concat(lpa, "discover", "--smds", smdsAt));
      assertThat(discover.exit()).as(discover.err()).isZero();
      assertThat(discover.last().get("type").asText()).isEqualTo("result");
      assertThat(discover.last().get("exit").asInt()).isZero();
      assertThat(discover.last().get("data").get("smds").asText()).isEqualTo(smdsAt);
      assertThat(discover.last().get("message").asText()).contains("1 installed");

      // the event is still registered (this SM-DP+ did not register it, so it deletes nothing):
      // the second download is refused by the SM-DP+, whose profile is installed already
      Run again = json(concat(lpa, "discover", "--smds", smdsAt));
      assertThat(again.exit()).as(again.err()).isEqualTo(3);
      assertThat(again.last().get("exit").asInt()).isEqualTo(3);
      assertThat(again.last().get("code").asText()).isEqualTo("8.2.6/3.8");
      assertThat(again.last().get("codeName").asText()).isEqualTo("matchingId refused");
      assertThat(again.lines())
          .anySatisfy(l -> assertThat(l.get("message").asText()).contains("EV-0001", "8.2.6/3.8"));

      int closed;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = s.getLocalPort();
      }
      Run down = json(concat(lpa, "discover", "--smds", SMDS + ":" + closed));
      assertThat(down.exit()).isEqualTo(3);
      assertThat(down.last().get("message").asText()).contains(SMDS);

      Run bad = json(concat(lpa, "discover", "--smds", "not a host"));
      assertThat(bad.exit()).as(bad.err()).isEqualTo(2);
      assertThat(bad.err()).contains("not a host");
      smds.close();
      smdsLines = cli.validate(smds.printed());
    }
    // smds serve --json: its start, each event record change (-v) and each request it served
    assertThat(smdsLines.get(0).get("type").asText()).isEqualTo("progress");
    assertThat(smdsLines.get(0).get("data").get("listening").asBoolean()).isTrue();
    assertThat(smdsLines)
        .anySatisfy(
            l -> {
              assertThat(l.get("type").asText()).isEqualTo("request");
              assertThat(l.path("data").path("interface").asText()).isEqualTo("es12");
              assertThat(l.path("data").path("function").asText()).isEqualTo("registerEvent");
              assertThat(l.get("code").asInt()).isZero();
            })
        .anySatisfy(
            l -> {
              assertThat(l.path("data").path("interface").asText()).isEqualTo("es11");
              assertThat(l.path("data").path("function").asText()).isEqualTo("authenticateClient");
            })
        .anySatisfy(l -> assertThat(l.path("data").path("to").asText()).isEqualTo("registered"));
    assertThat(cli.commandsSeen).contains("smds serve", "lpa discover");

    Run noPki =
        cli.json(
            "smds",
            "serve",
            "--pki",
            dir.resolve("none").toString(),
            "--host",
            SMDS,
            "--es11-port",
            "0");
    assertThat(noPki.exit()).as("a missing PKI is bad input").isEqualTo(2);
    assertThat(noPki.last().get("type").asText()).isEqualTo("error");
    assertThat(noPki.err()).startsWith("rsp-harness: ").contains("none");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
