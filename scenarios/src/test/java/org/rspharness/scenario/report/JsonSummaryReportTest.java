package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSummaryReportTest {

  @Test
  void summaryCarriesItsVersionTotalsAndPerScenarioResults() throws Exception {
    JsonNode root =
        new ObjectMapper().readTree(JsonSummaryReport.render(TestRun.passAndFail().summary()));

    assertThat(root.path("version").asInt()).isEqualTo(JsonSummaryReport.VERSION).isEqualTo(1);
    assertThat(root.path("result").asText()).isEqualTo("FAILED");
    assertThat(root.path("scenarios").asInt()).isEqualTo(2);
    assertThat(root.path("passed").asInt()).isEqualTo(1);
    assertThat(root.path("failed").asInt()).isEqualTo(1);
    assertThat(root.path("durationNanos").asLong()).isEqualTo(60_000_000L);
    assertThat(root.path("start").asText()).isEqualTo("2026-11-25T12:00:00Z");
    assertThat(root.path("events").asInt()).isEqualTo(15);

    JsonNode nominal = root.path("scenarioResults").get(0);
    assertThat(nominal.path("name").asText()).isEqualTo("nominal download");
    assertThat(nominal.path("result").asText()).isEqualTo("PASSED");
    assertThat(nominal.path("firstFailure").isNull()).isTrue();
    assertThat(nominal.path("httpExchanges").asInt()).isEqualTo(2);
    assertThat(nominal.path("apdus").asInt()).isEqualTo(1);
    assertThat(nominal.path("steps").get(1).path("durationNanos").asLong()).isEqualTo(24_000_000L);
    assertThat(nominal.path("steps").get(1).has("statusCode")).isTrue();

    JsonNode failure = root.path("scenarioResults").get(1).path("firstFailure");
    assertThat(failure.path("step").asText()).isEqualTo("download");
    assertThat(failure.path("statusCode").asText()).isEqualTo("8.2.6/3.8");
    assertThat(failure.path("message").asText()).isEqualTo("refused:\nMatchingID");
    assertThat(failure.path("line").asText())
        .isEqualTo("download: [8.2.6/3.8] refused: MatchingID");
    assertThat(failure.path("failingEvent").asText()).startsWith("HTTP authenticateClient");
  }

  @Test
  void emptyLogSaysSo() throws Exception {
    JsonNode root =
        new ObjectMapper().readTree(JsonSummaryReport.render(RunSummary.of(java.util.List.of())));
    assertThat(root.path("result").asText()).isEqualTo("EMPTY");
    assertThat(root.path("start").isNull()).isTrue();
    assertThat(root.path("scenarioResults").size()).isZero();
  }
}
