package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RspHarnessTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  @Test
  void listsItsSubcommandsAndExits2WhenRunWithoutArguments() {
    cli.expect(2); // nothing done: a usage error
    assertThat(cli.out()).contains("Usage: rsp-harness").contains("certs");
  }

  @Test
  void anUnknownSubcommandIsAUsageErrorNamingIt() {
    cli.expect(2, "frobnicate");
    assertThat(cli.err()).contains("frobnicate");
  }

  @Test
  void reportRebuildsTheReportsFromAnEventsFileAndExitsByTheResult(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path events = dir.resolve("events.jsonl");
    String tail = ",\"wall\":\"2026-11-25T12:00:00Z\",\"src\":\"lpa/1\",\"event\":";
    java.nio.file.Files.writeString(
        events,
        "{\"v\":1,\"seq\":1,\"t\":0"
            + tail
            + "{\"type\":\"step-start\",\"scenario\":\"nominal\",\"step\":\"download\"}}\n"
            + "{\"v\":1,\"seq\":2,\"t\":2000000"
            + tail
            + "{\"type\":\"step-end\",\"scenario\":\"nominal\",\"step\":\"download\","
            + "\"ok\":false,\"statusCode\":\"8.2.7/6.4\",\"message\":\"retries exceeded\"}}\n");
    cli.expect(1, "report", events.toString());
    assertThat(cli.out())
        .contains("nominal")
        .contains("FAIL")
        .contains("download: [8.2.7/6.4] retries exceeded");
    assertThat(dir.resolve("junit.xml")).exists();
    assertThat(java.nio.file.Files.readString(dir.resolve("summary.json"))).contains("8.2.7/6.4");
    assertThat(dir.resolve("report.html")).exists();

    cli.expect(2, "report", dir.resolve("missing.jsonl").toString());
    assertThat(cli.err()).contains("missing.jsonl");
  }
}
