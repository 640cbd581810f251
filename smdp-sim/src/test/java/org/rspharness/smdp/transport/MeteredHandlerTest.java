package org.rspharness.smdp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.transport.http.RspHttpRequest;

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
