package org.rspharness.smdp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.time.ManualClock;
import org.rspharness.smdp.FunctionFailure;

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
    open();
    assertThat(store.purgeExpired()).isEqualTo(100);
    assertThat(store.size()).isEqualTo(1);
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
