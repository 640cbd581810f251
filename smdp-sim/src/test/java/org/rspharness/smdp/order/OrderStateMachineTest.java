package org.rspharness.smdp.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;

class OrderStateMachineTest {

  private final RecordingSink sink = new RecordingSink();
  private final EventLog log = EventLog.system().addSink(sink);

  private static Order order(ProfileState s) {
    return Order.builder(Iccid.withCheckDigit("894900000000000701"), "gold")
        .state(s)
        .profilePackage(() -> new byte[0])
        .build();
  }

  @Test
  void walksTheNominalPathEmittingOneEventPerTransition() {
    Order o = order(ProfileState.AVAILABLE);
    o.locked(
        () -> {
          o.apply(OrderEvent.DOWNLOAD_ORDER_WITH_EID, "downloadOrder", log);
          o.apply(OrderEvent.CONFIRM_ORDER, "confirmOrder", log);
          o.apply(OrderEvent.RELEASE_PROFILE, "releaseProfile", log);
          o.apply(OrderEvent.BPP_DOWNLOADED, "getBoundProfilePackage", log);
          return o.apply(OrderEvent.INSTALLATION_SUCCEEDED, "handleNotification", log);
        });
    assertThat(o.state()).isEqualTo(ProfileState.INSTALLED);
    assertThat(sink.payloads(EventPayload.StateTransition.class).map(t -> t.from() + ">" + t.to()))
        .containsExactly(
            "Available>Linked",
            "Linked>Confirmed",
            "Confirmed>Released",
            "Released>Downloaded",
            "Downloaded>Installed");
    assertThat(
            sink.payloads(EventPayload.StateTransition.class).map(EventPayload.StateTransition::id))
        .containsOnly(Iccid.withCheckDigit("894900000000000701").value());
  }

  @Test
  void everyIllegalMoveAnswersTheEventsCodeAndLeavesTheState() {
    for (OrderEvent e : OrderEvent.values()) {
      for (ProfileState s : ProfileState.values()) {
        if (TransitionTable.target(e, s).isPresent()) {
          continue;
        }
        Order o = order(s);
        assertThatThrownBy(() -> o.locked(() -> o.apply(e, "test", log)))
            .isInstanceOfSatisfying(
                FunctionFailure.class,
                f -> assertThat(f.code()).isEqualTo(TransitionTable.illegalCode(e)));
        assertThat(o.state()).isEqualTo(s);
      }
    }
    assertThat(TransitionTable.illegalCode(OrderEvent.RELEASE_PROFILE))
        .isEqualTo(StatusCodes.PROFILE_ICCID_CANNOT_BE_RELEASED);
  }

  @Test
  void changesWithoutTheLockAreABug() {
    Order o = order(ProfileState.AVAILABLE);
    assertThatThrownBy(() -> o.apply(OrderEvent.DOWNLOAD_ORDER, "x", log))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyOneOfManyConcurrentReservationsWins() throws Exception {
    Order o = order(ProfileState.AVAILABLE);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  o.locked(() -> o.apply(OrderEvent.DOWNLOAD_ORDER, "race", log));
                  return true;
                } catch (FunctionFailure f) {
                  return false;
                }
              }));
    }
    go.countDown();
    int wins = 0;
    for (Future<Boolean> f : results) {
      wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(wins).isEqualTo(1);
    assertThat(o.state()).isEqualTo(ProfileState.ALLOCATED);
  }

  @Test
  void specNamesParseBothWays() {
    for (ProfileState s : ProfileState.values()) {
      assertThat(ProfileState.parse(s.specName())).isEqualTo(s);
    }
    assertThatThrownBy(() -> ProfileState.parse("Relased")).hasMessageContaining("Released");
  }
}
