package org.rspharness.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.random.RandomSource;

class FaultPlanTest {

  private final RecordingSink sink = new RecordingSink();
  private final EventLog events = EventLog.system().addSink(sink);

  @Test
  void appliesARuleAtItsOccurrenceAndPointOnlyAndRecordsIt() {
    FaultRule rule =
        new FaultRule(
            Layer.NETWORK_CLIENT,
            "authenticateClient",
            2,
            FaultPoint.RESPONSE_BODY,
            -1,
            new Fault.CloseAfter(100));
    FaultPlan plan = new FaultPlan(List.of(rule), null, RandomSource.seeded(1), events);

    FaultPlan.Exchange first = plan.begin(Layer.NETWORK_CLIENT, "authenticateClient");
    assertThat(first.at(FaultPoint.RESPONSE_BODY)).isEmpty();
    FaultPlan.Exchange other = plan.begin(Layer.NETWORK_CLIENT, "initiateAuthentication");
    assertThat(other.at(FaultPoint.RESPONSE_BODY)).isEmpty();
    FaultPlan.Exchange second = plan.begin(Layer.NETWORK_CLIENT, "authenticateClient");
    assertThat(second.occurrence()).isEqualTo(2);
    assertThat(second.at(FaultPoint.REQUEST_BODY)).isEmpty();
    assertThat(second.at(FaultPoint.RESPONSE_BODY)).containsExactly(new Fault.CloseAfter(100));
    assertThat(plan.begin(Layer.NETWORK_SERVER, "authenticateClient").occurrence()).isEqualTo(1);

    List<EventPayload.FaultInjected> injected =
        sink.payloads(EventPayload.FaultInjected.class).toList();
    assertThat(injected)
        .containsExactly(
            new EventPayload.FaultInjected(
                "authenticateClient response-body", "close-after 100 bytes", 2));
  }

  @Test
  void cardRulesMatchTheirApduIndex() {
    FaultRule rule =
        new FaultRule(
            Layer.CARD,
            "LoadBoundProfilePackage",
            3,
            FaultPoint.BEFORE_APDU,
            0,
            new Fault.PowerLoss());
    FaultPlan plan = new FaultPlan(List.of(rule), null, null, events);
    for (int i = 1; i <= 3; i++) {
      FaultPlan.Exchange x = plan.begin(Layer.CARD, "LoadBoundProfilePackage");
      assertThat(x.atApdu(FaultPoint.BEFORE_APDU, 1)).isEmpty();
      assertThat(x.atApdu(FaultPoint.BEFORE_APDU, 0)).hasSize(i == 3 ? 1 : 0);
    }
  }

  @Test
  void refusesARuleThatCannotHappenAtItsPoint() {
    assertThatThrownBy(
            () ->
                new FaultRule(
                    Layer.CARD, "*", 1, FaultPoint.TLS_HANDSHAKE, -1, new Fault.PowerLoss()))
        .hasMessageContaining("tls-handshake is not a point of the card layer");
    assertThatThrownBy(
            () ->
                new FaultRule(
                    Layer.NETWORK_CLIENT, "*", 1, FaultPoint.CONNECT, -1, new Fault.CloseAfter(1)))
        .hasMessageContaining("close-after cannot happen at connect");
    assertThatThrownBy(
            () ->
                new FaultRule(
                    Layer.NETWORK_CLIENT, "*", 1, FaultPoint.CONNECT, 2, new Fault.Refuse()))
        .hasMessageContaining("only card rules name an APDU");
    assertThatThrownBy(() -> FaultPoint.parse("request-bdy"))
        .hasMessageContaining("expected one of connect, tls-handshake");
  }

  @Test
  void networkProfileDrawsTheSameFaultsForTheSameSeed() {
    NetworkProfile lossy = NetworkProfile.named("lossy");
    List<String> a = draws(lossy, 1);
    assertThat(draws(lossy, 1)).isEqualTo(a);
    assertThat(draws(lossy, 2)).isNotEqualTo(a);
    // 20 % resets over 200 exchanges: some, far from all
    long resets = a.stream().filter(s -> s.contains("reset")).count();
    assertThat(resets).isBetween(15L, 70L);
    assertThat(a).allMatch(s -> s.startsWith("latency "));
  }

  private List<String> draws(NetworkProfile profile, long seed) {
    FaultPlan plan =
        new FaultPlan(List.of(), profile, RandomSource.seeded(seed), EventLog.disabled());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      FaultPlan.Exchange x = plan.begin(Layer.NETWORK_CLIENT, "getBoundProfilePackage");
      StringBuilder s = new StringBuilder();
      x.at(FaultPoint.REQUEST_START).forEach(f -> s.append(f.describe()));
      x.at(FaultPoint.RESPONSE_START).forEach(f -> s.append(' ').append(f.describe()));
      assertThat(x.at(FaultPoint.CONNECT)).isEmpty();
      out.add(s.toString());
    }
    return out;
  }

  @Test
  void theEmptyPlanCostsNothingAndInjectsNothing() {
    FaultPlan.Exchange x = FaultPlan.none().begin(Layer.CARD, "x");
    assertThat(x.atApdu(FaultPoint.BEFORE_APDU, 0)).isEmpty();
    assertThat(new Fault.Latency(Duration.ofMillis(5), null).jitter()).isZero();
  }
}
