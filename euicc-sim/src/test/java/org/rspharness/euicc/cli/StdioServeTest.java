package org.rspharness.euicc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.core.random.RandomSource;
import picocli.CommandLine;

/**
 * {@code euicc serve --stdio} in its own process, driven the way lpac's stdio APDU driver drives
 * it: one JSON request per line on its stdin, one JSON answer per line on its stdout, in the shape
 * of lpac's docs/backends/stdio-schema.json ({@code type: apdu}, payload {@code ecode} integer and
 * optional hex {@code data}, nothing else).
 */
class StdioServeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISD_R = "A0000005591010FFFFFFFF8900000100";

  @Test
  void aProcessSpeakingLpacsStdioProtocolReadsTheEidThroughALogicalChannel(@TempDir Path dir)
      throws Exception {
    Path pki = dir.resolve("pki");
    PkiDirectory.write(TestPki.builder().random(RandomSource.seeded(3)).build(), pki);
    Path state = dir.resolve("card.json");
    CommandLine init = EuiccCommand.commandLine(PkiDirectory::load);
    init.setOut(new PrintWriter(new StringWriter()));
    assertThat(init.execute("init", "--pki", pki.toString(), "--state", state.toString())).isZero();

    Process card =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StdioCardMain.class.getName(),
                "serve",
                "--state",
                state.toString(),
                "--stdio")
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    List<JsonNode> answers = new ArrayList<>();
    try (OutputStream toCard = card.getOutputStream();
        BufferedReader fromCard =
            new BufferedReader(
                new InputStreamReader(card.getInputStream(), StandardCharsets.UTF_8))) {
      String[] requests = {
        request("connect", ""),
        request("logic_channel_open", ISD_R),
        null, // GET EID on the channel opened: filled in below
        request("logic_channel_close", null),
        request("disconnect", "")
      };
      for (int i = 0; i < requests.length; i++) {
        if (i == 2) {
          int ch = answers.get(1).path("payload").path("ecode").asInt();
          // STORE DATA (CLA 80 | channel) with GetEuiccDataRequest BF3E { 5C 01 5A }
          requests[2] = request("transmit", String.format("8%XE2910006BF3E035C015A00", ch));
          requests[3] = request("logic_channel_close", Integer.toHexString(ch));
        }
        toCard.write((requests[i] + "\n").getBytes(StandardCharsets.UTF_8));
        toCard.flush();
        String line = fromCard.readLine();
        assertThat(line).as("answer to %s", requests[i]).isNotNull();
        answers.add(JSON.readTree(line));
      }
    }
    assertThat(card.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(card.exitValue()).isZero();

    // every answer is an apdu-response of the schema
    for (JsonNode a : answers) {
      assertThat(a.path("type").asText()).isEqualTo("apdu");
      assertThat(fieldNames(a)).containsExactlyInAnyOrder("type", "payload");
      assertThat(a.path("payload").path("ecode").isInt()).isTrue();
      assertThat(fieldNames(a.path("payload"))).isSubsetOf("ecode", "data");
    }
    assertThat(answers.get(0).path("payload").path("ecode").asInt()).isZero();
    int channel = answers.get(1).path("payload").path("ecode").asInt();
    assertThat(channel).isBetween(1, 19);
    byte[] eid = HexFormat.of().parseHex(answers.get(2).path("payload").path("data").asText());
    // BF3E 12 5A 10 <EID 16 bytes> 9000
    assertThat(HexFormat.of().withUpperCase().formatHex(eid))
        .startsWith("BF3E125A10")
        .endsWith("9000");
    assertThat(answers.get(3).path("payload").path("ecode").asInt()).isZero();
    assertThat(answers.get(4).path("payload").path("ecode").asInt()).isZero();
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String request(String func, String param) throws Exception {
    var payload =
        JSON.createObjectNode().put("func", func).put("param", param == null ? "" : param);
    var root = JSON.createObjectNode().put("type", "apdu");
    root.set("payload", payload);
    return JSON.writeValueAsString(root);
  }
}
