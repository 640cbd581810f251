package org.rspharness.euicc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.BufferedReader;
import java.io.InputStream;
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
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.transport.stdio.StdioApduDriver;
import picocli.CommandLine;

/**
 * {@code euicc serve --stdio} in its own process, driven the way lpac's stdio APDU driver drives
 * it: one JSON request per line on its stdin, one JSON answer per line on its stdout. Every request
 * and every answer is validated by networknt's JSON Schema validator against the schema we publish
 * for the protocol ({@code stdio-apdu.schema.json}, the shape of lpac's stdio driver messages).
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
                "--stdio",
                "--events",
                dir.resolve("events.jsonl").toString())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    List<JsonNode> answers = new ArrayList<>();
    List<String> sent = new ArrayList<>();
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
        sent.add(requests[i]);
        toCard.write((requests[i] + "\n").getBytes(StandardCharsets.UTF_8));
        toCard.flush();
        String line = fromCard.readLine();
        assertThat(line).as("answer to %s", requests[i]).isNotNull();
        answers.add(JSON.readTree(line));
      }
    }
    assertThat(card.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(card.exitValue()).isZero();

    // every request and every answer is a message of the published schema, of its kind
    Schema request = schema("request");
    Schema response = schema("response");
    for (String r : sent) {
      assertThat(request.validate(JSON.readTree(r))).as(r).isEmpty();
    }
    for (JsonNode a : answers) {
      assertThat(response.validate(a)).as(a.toString()).isEmpty();
      assertThat(schema(null).validate(a)).as(a.toString()).isEmpty();
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

    // the card's own record of what another LPA made it run (no LPA of ours in the process)
    assertThat(
            EventsJsonl.read(dir.resolve("events.jsonl")).stream()
                .map(Event::payload)
                .filter(p -> p instanceof EventPayload.Es10Command)
                .map(p -> (EventPayload.Es10Command) p)
                .map(c -> c.function() + " " + c.result() + " " + c.observer()))
        .contains("GetEID ok euicc");
  }

  @Test
  void theSchemaRefusesMessagesOutsideTheProtocol() throws Exception {
    Schema response = schema("response");
    Schema request = schema("request");
    assertThat(response.validate(JSON.readTree("{\"type\":\"apdu\",\"payload\":{\"ecode\":0}}")))
        .isEmpty();
    // ecode as text, an extra member, data that is not hex, an unknown function
    assertThat(
            response.validate(JSON.readTree("{\"type\":\"apdu\",\"payload\":{\"ecode\":\"0\"}}")))
        .isNotEmpty();
    assertThat(
            response.validate(
                JSON.readTree("{\"type\":\"apdu\",\"payload\":{\"ecode\":0},\"x\":1}")))
        .isNotEmpty();
    assertThat(
            response.validate(
                JSON.readTree("{\"type\":\"apdu\",\"payload\":{\"ecode\":0,\"data\":\"9G00\"}}")))
        .isNotEmpty();
    assertThat(request.validate(JSON.readTree(request("reset", "")))).isNotEmpty();
  }

  /** The published schema, or one of its definitions ({@code request}, {@code response}). */
  private static Schema schema(String definition) throws Exception {
    try (InputStream in = StdioApduDriver.class.getResourceAsStream("stdio-apdu.schema.json")) {
      assertThat(in).as("stdio-apdu.schema.json on the class path").isNotNull();
      JsonNode tree = JSON.readTree(in);
      if (definition != null) {
        ObjectNode one = JSON.createObjectNode();
        one.put("$schema", tree.get("$schema").asText());
        one.set("$defs", tree.get("$defs"));
        one.put("$ref", "#/$defs/" + definition);
        tree = one;
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(tree);
    }
  }

  private static String request(String func, String param) throws Exception {
    var payload =
        JSON.createObjectNode().put("func", func).put("param", param == null ? "" : param);
    var root = JSON.createObjectNode().put("type", "apdu");
    root.set("payload", payload);
    return JSON.writeValueAsString(root);
  }
}
