package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.cli.CliFixture.Run;

/**
 * {@code --json} output of every command that reports something, validated line by line against the
 * published schema by networknt's JSON Schema validator (an implementation we did not write); the
 * commands run as the README's "download in three terminals" does, in one JVM.
 */
class JsonOutputTest {

  private static final String HOST = CliFixture.SMDP;

  @TempDir Path dir;
  @RegisterExtension final CliFixture cli = new CliFixture();

  private Run json(String... args) throws Exception {
    return cli.json(args);
  }

  @Test
  void everyCommandsJsonLinesMatchThePublishedSchemaAndCarryCodesWithNames() throws Exception {
    Path pki = cli.pki(dir, 1);
    Run show = json("certs", "show", pki.toString());
    assertThat(show.exit()).isZero();
    assertThat(show.lines())
        .anySatisfy(l -> assertThat(l.get("data").get("role").asText()).isEqualTo("CI"));

    Run empty = json("certs", "show", Files.createDirectories(dir.resolve("empty")).toString());
    assertThat(empty.exit()).as("an empty folder is bad input").isEqualTo(2);
    assertThat(empty.last().get("type").asText()).isEqualTo("error");

    Path inventory =
        CliFixture.inventory(
            dir, "8949000000000000018 LAB-0001 reusable", "8949000000000000026 LAB-0002");
    List<JsonNode> served;
    try (CliFixture.Server smdp = CliFixture.smdp(pki, inventory, "--json")) {
      String port = smdp.port("ES9+");
      Path card = cli.card(dir, pki);

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

      Run disable = json(concat(lpa, "disable", "8949000000000000018"));
      assertThat(disable.exit()).as(disable.err()).isZero();
      assertThat(disable.last().get("data").get("operation").asText()).isNotBlank();
      assertThat(disable.last().get("data").get("iccid").asText()).isEqualTo("8949000000000000018");

      Run nickname = json(concat(lpa, "nickname", "8949000000000000018", "lab SIM"));
      assertThat(nickname.exit()).as(nickname.err()).isZero();
      assertThat(nickname.last().get("data").get("iccid").asText())
          .isEqualTo("8949000000000000018");
      assertThat(json(concat(lpa, "profiles")).lines().get(0).get("data").get("nickname").asText())
          .isEqualTo("lab SIM");
      Run noProfile = json(concat(lpa, "nickname", "89000123456789012341", "x"));
      assertThat(noProfile.exit()).isEqualTo(3);
      assertThat(noProfile.last().get("code").asInt()).isEqualTo(1);

      Run missing = json(concat(lpa, "delete", "89000123456789012341"));
      assertThat(missing.exit()).isEqualTo(3);
      assertThat(missing.last().get("code").asInt()).isEqualTo(1);
      assertThat(missing.last().get("codeName").asText()).isEqualTo("iccidOrAidNotFound");

      assertThat(json(concat(lpa, "info")).last().get("data").get("eid").asText()).hasSize(32);

      // the card served to vpcd (reversed mode: it listens), one progress line per reader slot
      Run cardServed =
          json(
              "euicc",
              "serve",
              "--state",
              card.toString(),
              "--vpcd-listen",
              "127.0.0.1:0",
              "--max-seconds",
              "1");
      assertThat(cardServed.exit()).as(cardServed.err()).isZero();
      assertThat(cardServed.lines().get(0).get("type").asText()).isEqualTo("progress");
      assertThat(cardServed.lines().get(0).get("data").get("address").asText())
          .contains("127.0.0.1");

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
      smdp.close();
      served = cli.validate(smdp.printed());
    }
    assertThat(served)
        .anySatisfy(
            l -> {
              assertThat(l.get("type").asText()).isEqualTo("request");
              assertThat(l.get("code").asText()).isEqualTo("8.2.6/3.8");
              assertThat(l.get("data").get("function").asText()).isEqualTo("authenticateClient");
            });

    // with or without pcscd: a reader list (items) or the PC/SC failure (exit 3), both in schema.
    // In a JVM of its own: PC/SC first used in a JVM where pcscd is not running stays without
    // service for that JVM's life, and the PC/SC tests of this suite (PcscStack) share this one.
    Process readers =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RspHarness.class.getName(),
                "lpa",
                "readers",
                "--json")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String readersOut = new String(readers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(readers.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(readers.exitValue()).as(readersOut).isIn(0, 3);
    List<JsonNode> readerLines = cli.validate(readersOut);
    assertThat(readerLines.get(readerLines.size() - 1).get("type").asText())
        .isIn("result", "error");

    Run noCard = json("lpa", "--euicc", dir.resolve("none.json").toString(), "profiles");
    assertThat(noCard.exit()).isEqualTo(2);
    assertThat(noCard.last().get("code").asText()).isEqualTo("bad-input");
    assertThat(noCard.err()).contains("euicc init");

    Run usage = json("lpa", "download");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.last().get("code").asText()).isEqualTo("usage");

    assertThat(cli.commandsSeen)
        .contains(
            "certs generate",
            "certs show",
            "smdp serve",
            "euicc init",
            "euicc serve",
            "lpa download",
            "lpa profiles",
            "lpa enable",
            "lpa disable",
            "lpa nickname",
            "lpa delete",
            "lpa info",
            "lpa notifications",
            "lpa readers",
            "run");
  }

  @Test
  void compatWritesARowPerVariantAndAResultWithItsExitStatus() throws Exception {
    Run compat =
        json(
            "compat",
            "--svn",
            "2.2.2",
            "--curve",
            "nist",
            "--capacity",
            "1",
            "--suite",
            "library/delete-then-redownload.yaml,library/profile-swap.yaml",
            "--report-dir",
            dir.toString());
    // an eUICC that holds one profile cannot swap: that cell fails, and so does the command
    assertThat(compat.exit()).as(compat.err()).isEqualTo(1);
    JsonNode row = compat.lines().get(0);
    assertThat(row.get("type").asText()).isEqualTo("item");
    assertThat(row.get("data").get("variant").asText()).contains("svn 2.2.2", "max 1 profile(s)");
    assertThat(row.get("data").get("results").get("delete-then-redownload").get("result").asText())
        .isEqualTo("PASS");
    assertThat(row.get("data").get("results").get("profile-swap").get("result").asText())
        .isEqualTo("FAIL");
    assertThat(compat.last().get("exit").asInt()).isEqualTo(1);
    assertThat(compat.last().get("data").get("failedCells").asInt()).isEqualTo(1);
    Run bad = json("compat", "--memory", "lots", "--report-dir", dir.toString());
    assertThat(bad.exit()).as("bad input").isEqualTo(2);
    assertThat(bad.last().get("type").asText()).isEqualTo("error");
    assertThat(bad.err()).contains("--memory: 'lots'");
    assertThat(cli.commandsSeen).contains("compat");
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
    assertThat(cli.commandsSeen).contains("run", "report", "load");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(String[]::new);
  }
}
