package org.rspharness.smdp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;

class MeteredHandlerTest {

  private static RspHttpRequest request(String path) {
    return new RspHttpRequest("POST", path, Map.of(), new byte[0], "test", List.of());
  }

  @Test
  void aHandlerExceptionCountsAs5xxAndIsRethrown() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MeteredHandler h =
        MeteredHandler.es2(
            r -> {
              throw new IllegalStateException("bug");
            },
            registry);
    assertThatThrownBy(() -> h.handle(request("/gsma/rsp2/es2plus/confirmOrder")))
        .hasMessage("bug");
    assertThat(
            registry
                .get("smdp.es2.requests")
                .tag("function", "confirmOrder")
                .tag("status", "5xx")
                .timer()
                .count())
        .isEqualTo(1);
  }

  private static RspHttpHandler answering(String json) {
    return r ->
        new RspHttpResponse(
            200,
            Map.of("Content-Type", "application/json"),
            json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aRefusalInAnHttp200IsTaggedWithItsSgp22OutcomeAndReasonInThePrometheusText() {
    io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = SmdpServer.newRegistry();
    String refused =
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\","
            + "\"statusCodeData\":{\"subjectCode\":\"8.2.6\",\"reasonCode\":\"3.8\"}}}}";
    String ok = "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}}}";
    MeteredHandler.es9(answering(refused), registry)
        .handle(request("/gsma/rsp2/es9plus/authenticateClient"));
    MeteredHandler.es9(answering(ok), registry)
        .handle(request("/gsma/rsp2/es9plus/authenticateClient"));
    MeteredHandler.es9(r -> new RspHttpResponse(204, Map.of(), new byte[0]), registry)
        .handle(request("/gsma/rsp2/es9plus/handleNotification"));

    String text = registry.scrape();
    assertThat(text)
        .contains("# HELP smdp_es9_requests_seconds SM-DP+ requests by function")
        .contains("# TYPE smdp_es9_requests_seconds summary")
        .contains(
            "smdp_es9_requests_seconds_count{function=\"authenticateClient\",outcome=\"failed\","
                + "reason=\"8.2.6/3.8\",status=\"2xx\"} 1")
        .contains(
            "smdp_es9_requests_seconds_count{function=\"authenticateClient\","
                + "outcome=\"executed-success\",reason=\"none\",status=\"2xx\"} 1")
        .contains(
            "smdp_es9_requests_seconds_count{function=\"handleNotification\",outcome=\"none\","
                + "reason=\"none\",status=\"2xx\"} 1");
  }

  @Test
  void unknownPathsShareOneFunctionTagSoCardinalityStaysBounded() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MeteredHandler h = MeteredHandler.es9(TransportFixtures.echo(), registry);
    for (int i = 0; i < 50; i++) {
      h.handle(request("/random/" + i));
    }
    assertThat(registry.getMeters()).hasSize(1);
    assertThat(registry.get("smdp.es9.requests").tag("function", "other").timer().count())
        .isEqualTo(50);
  }
}
