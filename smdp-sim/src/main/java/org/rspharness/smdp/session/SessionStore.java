package org.rspharness.smdp.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;

/**
 * The SM-DP+'s RSP sessions by transactionId (SGP.22 section 3.1.2). A session lives for {@code
 * ttl} from its last use on the injected clock; an expired or unknown transactionId answers
 * 8.10.1/3.9. Concurrent map; expired sessions are dropped when met, and every {@code ttl / 10} of
 * that clock's time by {@link #purgeIfDue()}, which {@link #open} calls and a server calls on a
 * timer too ({@link #purgeEvery}), so abandoned sessions do not pile up.
 */
public final class SessionStore {

  private final ConcurrentMap<TransactionId, RspSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;
  private final RandomSource random;
  private final EventLog events;
  private volatile java.util.function.Consumer<TransactionId> refresher = id -> {};
  private final long purgeIntervalMillis;
  private final java.util.concurrent.atomic.AtomicLong nextPurgeMillis;

  public SessionStore(Clock clock, Duration ttl, RandomSource random, EventLog events) {
    this.clock = clock;
    this.ttl = ttl;
    this.random = random;
    this.events = events;
    this.purgeIntervalMillis = Math.max(1, ttl.toMillis() / 10);
    this.nextPurgeMillis =
        new java.util.concurrent.atomic.AtomicLong(clock.millis() + purgeIntervalMillis);
  }

  /** Opens a session with a fresh transactionId and serverChallenge from the random source. */
  public RspSession open(byte[] euiccChallenge, byte[] ciPkId, Curve curve, String serverAddress) {
    purgeIfDue();
    while (true) {
      TransactionId id = TransactionId.random(random);
      byte[] serverChallenge = random.bytes(16);
      RspSession s =
          new RspSession(
              id,
              serverChallenge,
              euiccChallenge,
              ciPkId,
              curve,
              serverAddress,
              clock.instant().plus(ttl));
      if (sessions.putIfAbsent(id, s) == null) {
        SessionChanges.touched(s);
        events.emit(
            "smdp",
            new EventPayload.StateTransition(
                "session", id.hex(), "none", "INITIATED", "initiateAuthentication"));
        return s;
      }
    }
  }

  /** The live session of {@code id}, its expiry pushed back; 8.10.1/3.9 when unknown or expired. */
  public RspSession require(TransactionId id) {
    refresher.accept(id);
    RspSession s = sessions.get(id);
    Instant now = clock.instant();
    if (s == null) {
      throw new FunctionFailure(
          StatusCodes.TRANSACTION_ID_UNKNOWN, id.hex(), "no RSP session " + id.hex());
    }
    if (!now.isBefore(s.expiry())) {
      end(id, "expired");
      throw new FunctionFailure(
          StatusCodes.TRANSACTION_ID_UNKNOWN, id.hex(), "RSP session " + id.hex() + " expired");
    }
    s.expiry(now.plus(ttl));
    return s;
  }

  /** The session, if live, without touching its expiry. */
  public Optional<RspSession> find(TransactionId id) {
    refresher.accept(id);
    RspSession s = sessions.get(id);
    if (s == null || !clock.instant().isBefore(s.expiry())) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** Ends a session (notification received, cancelSession, expiry). */
  public void end(TransactionId id, String cause) {
    RspSession s = sessions.remove(id);
    SessionChanges.ended(id, s != null && s.phase() != RspSession.Phase.INITIATED);
    if (s != null) {
      events.emit(
          "smdp",
          new EventPayload.StateTransition("session", id.hex(), s.phase().name(), "ENDED", cause));
    }
  }

  /**
   * Drops the expired sessions when a purge is due on the injected clock (one every {@code ttl /
   * 10}); returns how many were dropped. Cheap when none is due: one clock read.
   */
  public int purgeIfDue() {
    long now = clock.millis();
    long due = nextPurgeMillis.get();
    if (now < due || !nextPurgeMillis.compareAndSet(due, now + purgeIntervalMillis)) {
      return 0;
    }
    return purgeExpired();
  }

  /** Drops every expired session (each ends with cause "expired"); returns how many. */
  public int purgeExpired() {
    Instant now = clock.instant();
    int n = 0;
    for (RspSession s : sessions.values()) {
      if (!now.isBefore(s.expiry()) && sessions.remove(s.transactionId(), s)) {
        n++;
        SessionChanges.ended(s.transactionId(), s.phase() != RspSession.Phase.INITIATED);
        events.emit(
            "smdp",
            new EventPayload.StateTransition(
                "session", s.transactionId().hex(), s.phase().name(), "ENDED", "expired"));
      }
    }
    return n;
  }

  /**
   * Calls {@link #purgeIfDue()} every {@code period} of real time on a shared daemon thread until
   * the returned handle is closed (or this store is garbage): for servers, whose abandoned sessions
   * must go even when no new session opens. The purge itself still follows the injected clock.
   */
  public AutoCloseable purgeEvery(Duration period) {
    return SessionPurger.schedule(this, period);
  }

  /**
   * Installs what reads another SM-DP+ instance's changes to a session before {@link #require} and
   * {@link #find} (instances sharing one store).
   */
  public void refresher(java.util.function.Consumer<TransactionId> r) {
    refresher = r;
  }

  /** The session in memory, live or not, without reading the store. */
  public RspSession peek(TransactionId id) {
    return sessions.get(id);
  }

  /** Forgets a session another instance ended (nothing to journal: the store has it ended). */
  public void forget(TransactionId id) {
    sessions.remove(id);
  }

  /** Puts back a stored session (at start, before serving). */
  public void restore(RspSession s) {
    sessions.put(s.transactionId(), s);
  }

  public int size() {
    return sessions.size();
  }
}
