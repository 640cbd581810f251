package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.cli.JsonLines;

/**
 * {@code --json} output of every command that reports something, validated line by line against the
 * published schema by networknt's JSON Schema validator (an implementation we did not write); the
 * commands run as the README's "download in three terminals" does, in one JVM.
 */
class JsonOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = "testsmdpplus1.example.com";

  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final ByteArrayOutputStream out = console.out;
  private final ByteArrayOutputStream err = console.err;
  private final Set<String> commandsSeen = new TreeSet<>();

  static Schema schema() throws Exception {
    try (InputStream in = JsonLines.class.getResourceAsStream(JsonLines.SCHEMA_RESOURCE)) {
      assertThat(in).as("schema on the classpath").isNotNull();
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(JSON.readTree(in));
    }
  }

  record Run(int exit, List<JsonNode> lines, String err) {
    JsonNode last() {
      return lines.get(lines.size() - 1);
    }
  }

  /** Runs rsp-harness with --json; every stdout line must be one valid JSON object. */
  private Run json(String... args) throws Exception {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    int exit = RspHarness.execute(all.toArray(String[]::new));
    return new Run(exit, validate(out.toString(StandardCharsets.UTF_8)), err.toString());
  }

  private List<JsonNode> validate(String text) throws Exception {
    Schema schema = schema();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      List<Error> errors = schema.validate(node);
      assertThat(errors).as(line).isEmpty();
      commandsSeen.add(node.get("command").asText());
      lines.add(node);
    }
    assertThat(lines).as("JSON lines of:\n" + text).isNotEmpty();
    return lines;
  }

  @Test
  void everyCommandsJsonLinesMatchThePublishedSchemaAndCarryCodesWithNames() throws Exception {
    Path pki = dir.resolve("pki");
    Run gen = json("certs", "generate", "--out", pki.toString(), "--curve", "nist", "--seed", "1");
    assertThat(gen.exit()).as(gen.err()).isZero();
    assertThat(gen.last().get("data").get("certificates").asInt()).isPositive();

    Run show = json("certs", "show", pki.toString());
    assertThat(show.exit()).isZero();
    assertThat(show.lines())
        .anySatisfy(l -> assertThat(l.get("data").get("role").asText()).isEqualTo("CI"));

    Run empty = json("certs", "show", Files.createDirectories(dir.resolve("empty")).toString());
    assertThat(empty.exit()).as("an empty folder is bad input").isEqualTo(2);
    assertThat(empty.last().get("type").asText()).isEqualTo("error");

    Path inventory = dir.resolve("inventory.yaml");
    Files.writeString(
        inventory,
        """
        profiles:
          - iccid: "8949000000000000018"
            profileType: lab
            profilePackage: generated
            state: Released
            matchingId: LAB-0001
            reusable: true
          - iccid: "8949000000000000026"
            profileType: lab
            profilePackage: generated
            state: Released
            matchingId: LAB-0002
        """);
    StringWriter smdpOut = new StringWriter();
    Thread smdp =
        new Thread(
            () ->
                RspHarness.execute(
                    new PrintWriter(smdpOut, true),
                    new PrintWriter(new StringWriter(), true),
                    "smdp",
                    "serve",
                    "--pki",
                    pki.toString(),
                    "--host",
                    HOST,
                    "--es9-port",
                    "0",
                    "--inventory",
                    inventory.toString(),
                    "--json"),
            "smdp-serve");
    smdp.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> smdpOut.toString().contains("\"progress\""));
      Matcher m = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(smdpOut.toString());
      assertThat(m.find()).as(smdpOut.toString()).isTrue();
      String port = m.group(1);

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

      String[] lpa = {"lpa", "--euicc", card.toString(), "--resolve", HOST + "=127.0.0.1"};
      Run download =
          json(concat(lpa, "download", "-a", "LPA:1$" + HOST + ":" + port + "$LAB-0001"));
      assertThat(download.exit()).as(download.err()).isZero();
      assertThat(download.last().get("code").asInt()).isZero();
      assertThat(download.last().get("data").get("iccid").asText())
          .isEqualTo("8949000000000000018");

      Run again = json(concat(lpa, "download", "-a", "LPA:1$" + HOST + ":" + port + "$LAB-0001"));
      assertThat(again.exit()).as("the eUICC refused: exit 3").isEqualTo(3);
      assertThat(again.last().get("code").asInt()).isEqualTo(9);
      assertThat(again.last().get("codeName").asText())
          .isEqualTo("installFailedDueToIccidAlreadyExistsOnEuicc");
      assertThat(again.err())
          .contains("errorReason=installFailedDueToIccidAlreadyExistsOnEuicc(9)");

      Run refused =
          json(concat(lpa, "download", "-a", "LPA:1$" + HOST + ":" + port + "$NO-SUCH-ID"));
      assertThat(refused.exit()).isEqualTo(3);
      assertThat(refused.last().get("code").asText()).isEqualTo("8.2.6/3.8");
      assertThat(refused.last().get("codeName").asText()).isEqualTo("matchingId refused");
      // the SM-DP+ ended its session when it refused: no misleading cancelSession failure
      assertThat(refused.last().get("message").asText()).doesNotContain("cancelSession failed");

      Run refusedPort = json(concat(lpa, "download", "-a", "LPA:1$" + HOST + ":1$X"));
      assertThat(refusedPort.exit()).isEqualTo(3);
      assertThat(refusedPort.last().get("code").asText()).isEqualTo("connect");
      assertThat(refusedPort.err())
          .contains("connect: 127.0.0.1:1 refused the connection")
          .contains("fix: ");

      Run dns =
          json("lpa", "--euicc", card.toString(), "download", "-a", "LPA:1$nosuchhost.invalid$X");
      assertThat(dns.exit()).isEqualTo(3);
      assertThat(dns.last().get("code").asText()).isEqualTo("dns");
      assertThat(dns.err())
          .contains("DNS: cannot resolve nosuchhost.invalid")
          .contains("--resolve");

      Run profiles = json(concat(lpa, "profiles"));
      assertThat(profiles.lines().get(0).get("type").asText()).isEqualTo("item");
      assertThat(profiles.lines().get(0).get("data").get("state").asText()).isEqualTo("disabled");

      Run enable = json(concat(lpa, "enable", "8949000000000000018"));
      assertThat(enable.exit()).as(enable.err()).isZero();
      assertThat(enable.last().get("codeName").asText()).isEqualTo("ok");

      Run missing = json(concat(lpa, "delete", "89000123456789012341"));
      assertThat(missing.exit()).isEqualTo(3);
      assertThat(missing.last().get("code").asInt()).isEqualTo(1);
      assertThat(missing.last().get("codeName").asText()).isEqualTo("iccidOrAidNotFound");

      assertThat(json(concat(lpa, "info")).last().get("data").get("eid").asText()).hasSize(32);

      // run --smdp against smdp serve: the SM-DP+ hands out its address without the port, and
      // the run still dials the port of --smdp
      Path remote = dir.resolve("remote.yaml");
      Files.writeString(
          remote,
          String.join(
              "\n",
              "name: remote-download",
              "topology:",
              "  smdp: {url: \"https://" + HOST + "\"}",
              "  devices: [{name: phone}]",
              "steps:",
              "  - {name: download, download: {device: phone, activationCode: \"1$"
                  + HOST
                  + "$LAB-0002\"}}",
              ""));
      Run againstServe =
          json(
              "run",
              remote.toString(),
              "--smdp",
              "https://" + HOST + ":" + port,
              "--pki",
              pki.toString(),
              "--resolve",
              HOST + "=127.0.0.1",
              "--report-dir",
              dir.resolve("remote-report").toString());
      assertThat(againstServe.exit()).as(againstServe.lines().toString()).isZero();
      assertThat(json(concat(lpa, "notifications")).exit()).isZero();
    } finally {
      smdp.interrupt();
      smdp.join(10_000);
    }
    List<JsonNode> served = validate(smdpOut.toString());
    assertThat(served)
        .anySatisfy(
            l -> {
              assertThat(l.get("type").asText()).isEqualTo("request");
              assertThat(l.get("code").asText()).isEqualTo("8.2.6/3.8");
              assertThat(l.get("data").get("function").asText()).isEqualTo("authenticateClient");
            });

    Run noCard = json("lpa", "--euicc", dir.resolve("none.json").toString(), "profiles");
    assertThat(noCard.exit()).isEqualTo(2);
    assertThat(noCard.last().get("code").asText()).isEqualTo("bad-input");
    assertThat(noCard.err()).contains("euicc init");

    Run usage = json("lpa", "download");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.last().get("code").asText()).isEqualTo("usage");

    assertThat(commandsSeen)
        .contains(
            "certs generate",
            "certs show",
            "smdp serve",
            "euicc init",
            "lpa download",
            "lpa profiles",
            "lpa enable",
            "lpa delete",
            "lpa info",
            "lpa notifications");
  }

  @Test
  void runReportAndLoadWriteJsonLinesWithTheirExitStatus() throws Exception {
    Path reports = dir.resolve("out");
    Run run = json("run", RunCommandTest.SCENARIO, "--report-dir", reports.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.lines())
        .anySatisfy(
            l -> {
              assertThat(l.get("type").asText()).isEqualTo("item");
              assertThat(l.get("data").get("scenario").asText()).isEqualTo("nominal-download-nist");
              assertThat(l.get("data").get("passed").asBoolean()).isTrue();
            });
    assertThat(run.last().get("type").asText()).isEqualTo("result");

    Run report = json("report", reports.resolve("events.jsonl").toString());
    assertThat(report.exit()).isZero();
    assertThat(report.last().get("data").get("passed").asInt()).isEqualTo(1);

    Run load = json("load", "--devices", "2", "--count", "2", "--concurrency", "2");
    assertThat(load.exit()).as(load.err()).isZero();
    assertThat(load.last().get("data").get("downloadSuccesses").asInt()).isEqualTo(2);

    Run noFile = json("run", dir.resolve("none.yaml").toString());
    assertThat(noFile.exit()).isEqualTo(2);
    Run noPki = json("run", RunCommandTest.SCENARIO, "--pki", dir.resolve("nopki").toString());
    assertThat(noPki.exit()).isEqualTo(2);
    assertThat(noPki.err()).contains("--pki").doesNotContain("setup:");
    assertThat(commandsSeen).contains("run", "report", "load");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(String[]::new);
  }
}
