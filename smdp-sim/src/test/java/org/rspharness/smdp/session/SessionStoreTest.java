package org.rspharness.smdp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.time.ManualClock;
import org.rspharness.smdp.function.FunctionFailure;

class SessionStoreTest {

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-06-01T00:00:00Z"));
  private final SessionStore store =
      new SessionStore(clock, Duration.ofMinutes(5), RandomSource.seeded(1), EventLog.disabled());

  private RspSession open() {
    return store.open(new byte[16], new byte[20], Curve.NIST_P256, "smdp.example.com");
  }

  @Test
  void expiresAfterIdleTimeAndAnswersUnknownTransactionId() {
    RspSession s = open();
    clock.advance(Duration.ofMinutes(4));
    assertThat(store.require(s.transactionId())).isSameAs(s); // use pushes expiry back
    clock.advance(Duration.ofMinutes(4));
    assertThat(store.require(s.transactionId())).isSameAs(s);
    clock.advance(Duration.ofMinutes(5));
    assertThatThrownBy(() -> store.require(s.transactionId()))
        .isInstanceOfSatisfying(
            FunctionFailure.class,
            f -> assertThat(f.code()).isEqualTo(StatusCodes.TRANSACTION_ID_UNKNOWN));
    assertThat(store.size()).isZero();
  }

  @Test
  void transactionIdsAreSixteenRandomBytesFromTheSource() {
    RspSession a = open();
    SessionStore again =
        new SessionStore(clock, Duration.ofMinutes(5), RandomSource.seeded(1), EventLog.disabled());
    RspSession b = again.open(new byte[16], new byte[20], Curve.NIST_P256, "x");
    assertThat(a.transactionId().length()).isEqualTo(16);
    assertThat(b.transactionId()).isEqualTo(a.transactionId());
    assertThat(b.serverChallenge()).isEqualTo(a.serverChallenge());
  }

  @Test
  void purgesExpiredSessions() {
    for (int i = 0; i < 100; i++) {
      open();
    }
    clock.advance(Duration.ofMinutes(6));
    assertThat(store.purgeExpired()).isEqualTo(100);
    open();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void abandonedSessionsGoWhenTheNextOneOpensAfterTheirTtl() {
    for (int i = 0; i < 1000; i++) {
      open(); // initiateAuthentication with no follow-up
    }
    clock.advance(Duration.ofMinutes(4));
    open();
    assertThat(store.size()).isEqualTo(1001); // none expired yet
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    open();
    assertThat(store.size()).isEqualTo(2); // the 1000 abandoned ones are gone
    // no purge is due again before ttl / 10 of clock time
    clock.advance(Duration.ofMinutes(5));
    assertThat(store.purgeIfDue()).isEqualTo(2);
    assertThat(store.purgeIfDue()).isZero();
  }

  @Test
  void aServerTimerPurgesAbandonedSessionsWithNoNewTraffic() throws Exception {
    RecordingSink sink = new RecordingSink();
    EventLog log = EventLog.system().addSink(sink);
    SessionStore served =
        new SessionStore(clock, Duration.ofMinutes(10), RandomSource.seeded(2), log);
    try (AutoCloseable timer = served.purgeEvery(Duration.ofMillis(10))) {
      for (int i = 0; i < 20_000; i++) {
        served.open(new byte[16], new byte[20], Curve.NIST_P256, "x");
      }
      clock.advance(Duration.ofMinutes(9));
      assertThat(served.purgeIfDue()).isZero();
      assertThat(served.size()).isEqualTo(20_000);
      clock.advance(Duration.ofMinutes(2));
      await().atMost(Duration.ofSeconds(30)).until(() -> served.size() == 0);
    }
    assertThat(
            sink.events().stream()
                .filter(
                    e ->
                        e.payload() instanceof EventPayload.StateTransition t
                            && t.to().equals("ENDED")
                            && t.cause().equals("expired")))
        .hasSize(20_000);
  }

  @Test
  void underLoadOnlyTheSessionsOfTheLastTtlStayAlive() throws Exception {
    SessionStore shared =
        new SessionStore(clock, Duration.ofMinutes(5), RandomSource.secure(), EventLog.disabled());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> fs = new ArrayList<>();
    try (AutoCloseable timer = shared.purgeEvery(Duration.ofMillis(5))) {
      for (int t = 0; t < 4; t++) {
        fs.add(
            pool.submit(
                () -> {
                  int most = 0;
                  for (int i = 0; i < 5000; i++) {
                    RspSession s = shared.open(new byte[16], new byte[20], Curve.NIST_P256, "x");
                    if (i % 2 == 0) {
                      shared.end(s.transactionId(), "notification"); // completed
                    } // else abandoned
                    clock.advance(Duration.ofMillis(100)); // 4 x 5000 x 0.1 s = 33 min
                    most = Math.max(most, shared.size());
                  }
                  return most;
                }));
      }
      int most = 0;
      for (Future<Integer> f : fs) {
        most = Math.max(most, f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      // the clock moves 0.4 s per round of 4 opens, 2 of them abandoned: 5.5 min (ttl + one purge
      // interval) hold about 1650 abandoned sessions; without a purge there would be 10,000
      assertThat(most).isBetween(1000, 2000);
      clock.advance(Duration.ofMinutes(6));
      await().atMost(Duration.ofSeconds(30)).until(() -> shared.size() == 0);
    }
  }

  @Test
  void thousandsOfConcurrentSessionsStayDistinct() throws Exception {
    SessionStore shared =
        new SessionStore(clock, Duration.ofMinutes(5), RandomSource.secure(), EventLog.disabled());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Set<TransactionId> ids = ConcurrentHashMap.newKeySet();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      fs.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 500; i++) {
                  RspSession s = shared.open(new byte[16], new byte[20], Curve.NIST_P256, "x");
                  ids.add(s.transactionId());
                  assertThat(shared.require(s.transactionId())).isSameAs(s);
                  if (i % 2 == 0) {
                    shared.end(s.transactionId(), "test");
                  }
                }
              }));
    }
    for (Future<?> f : fs) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(ids).hasSize(4000);
    assertThat(shared.size()).isEqualTo(2000);
  }
}
