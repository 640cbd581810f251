package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.LoadedPki;
import org.rspharness.certs.PkiDirectory;
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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SMDP = "testsmdpplus1.example.com";
  private static final String SMDS = "testrootsmds.example.com";

  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final ByteArrayOutputStream out = console.out;
  private final ByteArrayOutputStream err = console.err;

  record Run(int exit, List<JsonNode> lines, String err) {
    JsonNode last() {
      return lines.get(lines.size() - 1);
    }
  }

  private Run json(String... args) throws Exception {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    int exit = RspHarness.execute(all.toArray(String[]::new));
    Schema schema = JsonOutputTest.schema();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        JsonNode node = JSON.readTree(line);
        assertThat(schema.validate(node)).as(line).isEmpty();
        assertThat(node.get("command").asText())
            .isIn("lpa discover", "certs generate", "euicc init");
        lines.add(node);
      }
    }
    assertThat(lines).as("JSON lines; stderr: " + err).isNotEmpty();
    return new Run(exit, lines, err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a serve command on its own thread; returns the thread and what it printed. */
  private static Thread serve(StringWriter printed, String name, String... args) {
    Thread t =
        new Thread(
            () ->
                RspHarness.execute(
                    new PrintWriter(printed, true),
                    new PrintWriter(new StringWriter(), true),
                    args),
            name);
    t.start();
    return t;
  }

  private static String port(StringWriter printed, String label) {
    await().atMost(Duration.ofSeconds(30)).until(() -> printed.toString().contains(label));
    Matcher m =
        Pattern.compile(Pattern.quote(label) + " https://127\\.0\\.0\\.1:(\\d+)")
            .matcher(printed.toString());
    assertThat(m.find()).as(printed.toString()).isTrue();
    return m.group(1);
  }

  @Test
  void discoverExitsZeroWhenTheEventIsInstalledThreeWhenRefusedTwoOnBadInput() throws Exception {
    Path pki = dir.resolve("pki");
    assertThat(
            json("certs", "generate", "--out", pki.toString(), "--curve", "nist", "--seed", "3")
                .exit())
        .isZero();
    Path inventory = dir.resolve("inventory.yaml");
    Files.writeString(
        inventory,
        """
        profiles:
          - iccid: "8949000000000000018"
            profileType: lab
            profilePackage: generated
            state: Released
            matchingId: EV-0001
        """);
    StringWriter smdpOut = new StringWriter();
    StringWriter smdsOut = new StringWriter();
    Thread smdp =
        serve(
            smdpOut,
            "smdp-serve",
            "smdp",
            "serve",
            "--pki",
            pki.toString(),
            "--host",
            SMDP,
            "--es9-port",
            "0",
            "--inventory",
            inventory.toString(),
            "--json");
    Thread smds =
        serve(
            smdsOut,
            "smds-serve",
            "smds",
            "serve",
            "--pki",
            pki.toString(),
            "--host",
            SMDS,
            "--es11-port",
            "0",
            "--es12-port",
            "0");
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> smdpOut.toString().contains("\"progress\""));
      Matcher m = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(smdpOut.toString());
      assertThat(m.find()).as(smdpOut.toString()).isTrue();
      String smdpPort = m.group(1);
      String es11 = port(smdsOut, "ES11");
      String es12 = port(smdsOut, "ES12");

      Path card = dir.resolve("card.json");
      Run init =
          json(
              "euicc",
              "init",
              "--pki",
              pki.toString(),
              "--curve",
              "nist",
              "--state",
              card.toString());
      assertThat(init.exit()).as(init.err()).isZero();
      String eid = init.last().get("data").get("eid").asText();

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
    } finally {
      smds.interrupt();
      smdp.interrupt();
      smds.join(10_000);
      smdp.join(10_000);
    }
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
