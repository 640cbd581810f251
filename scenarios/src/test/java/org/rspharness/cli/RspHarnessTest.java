package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RspHarnessTest {

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final ByteArrayOutputStream out = console.out;
  private final ByteArrayOutputStream err = console.err;

  @Test
  void listsItsSubcommandsAndExits2WhenRunWithoutArguments() {
    assertThat(RspHarness.execute()).as("nothing done: a usage error").isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: rsp-harness")
        .contains("certs");
  }

  @Test
  void anUnknownSubcommandIsAUsageErrorNamingIt() {
    assertThat(RspHarness.execute("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("frobnicate");
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
    assertThat(RspHarness.execute("report", events.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("nominal")
        .contains("FAIL")
        .contains("download: [8.2.7/6.4] retries exceeded");
    assertThat(dir.resolve("junit.xml")).exists();
    assertThat(java.nio.file.Files.readString(dir.resolve("summary.json"))).contains("8.2.7/6.4");
    assertThat(dir.resolve("report.html")).exists();

    assertThat(RspHarness.execute("report", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.jsonl");
  }
}
