package org.rspharness.euicc.es10;

import java.time.Clock;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.event.Deviations;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.StateStore;

/**
 * What the ES10 handlers share for one card: identity, configuration, randomness, clock, events,
 * the persistent state (changed only through {@link #commit}) and the transient RSP session.
 *
 * <p>Not thread-safe by itself: the card front end serialises calls.
 */
public final class CardContext {

  private final EuiccIdentity identity;
  private final EuiccConfig config;
  private final RandomSource random;
  private final Clock clock;
  private final EventLog events;
  private final String name;
  private final StateStore store;
  private EuiccState state;
  private RspSession session;
  private OneTimeKeyPair lastOtKeyPair;
  private boolean memoryFull;
  private Deviations deviations;

  /** A context over {@code store}, loading its state or starting factory-fresh. */
  public CardContext(
      EuiccIdentity identity,
      EuiccConfig config,
      StateStore store,
      RandomSource random,
      Clock clock,
      EventLog events) {
    this.identity = identity;
    this.config = config;
    this.store = store;
    this.random = random;
    this.clock = clock;
    this.events = events;
    this.name = identity.eid().value();
    this.deviations = new Deviations(events, eventSource(), false);
    this.state =
        store
            .load()
            .orElseGet(
                () -> {
                  EuiccState initial =
                      EuiccState.initial(config.defaultSmdpAddress(), config.rootSmdsAddress());
                  store.save(initial);
                  return initial;
                });
  }

  /**
   * What this card does when the LPA or SM-DP+ breaks a rule that field eUICCs tolerate: record a
   * deviation and carry on (default) or fail as SGP.22 says (strict).
   */
  public Deviations deviations() {
    return deviations;
  }

  /** Strict: deviations fail as the letter of SGP.22 says. */
  public void strict(boolean on) {
    this.deviations = deviations.withStrict(on);
  }

  /** The identity. */
  public EuiccIdentity identity() {
    return identity;
  }

  /** The configuration. */
  public EuiccConfig config() {
    return config;
  }

  /** The card's randomness (challenges, one-time keys, signature nonces). */
  public RandomSource random() {
    return random;
  }

  /** Protocol time (certificate validity). */
  public Clock clock() {
    return clock;
  }

  /** The current persistent state. */
  public EuiccState state() {
    return state;
  }

  /**
   * Free memory for profiles in bytes: the budget less what installed profiles use, or 0 while a
   * memory-full fault is active.
   */
  public long freeMemory() {
    return memoryFull ? 0 : Math.max(0, config.memoryBudget() - state.usedMemory());
  }

  /** Turns the memory-full fault on or off (transient: not saved). */
  public void memoryFull(boolean full) {
    memoryFull = full;
  }

  /** Saves {@code next} durably, then makes it current; if saving fails nothing changes. */
  public void commit(EuiccState next) {
    store.save(next);
    state = next;
  }

  /** The RSP session, created on demand. */
  public RspSession session() {
    if (session == null) {
      session = new RspSession();
    }
    return session;
  }

  /** The RSP session if one exists, else null. */
  public RspSession sessionOrNull() {
    return session;
  }

  /** Puts back {@code s} as the RSP session (after an interrupted load, for CancelSession). */
  void restoreSession(RspSession s) {
    session = s;
  }

  /** Ends the RSP session. */
  public void endSession() {
    session = null;
  }

  /** The last one-time key pair generated, kept for an SM-DP+ asking to rebind with it. */
  public OneTimeKeyPair lastOtKeyPair() {
    return lastOtKeyPair;
  }

  /** Remembers the last one-time key pair (null to forget it). */
  public void lastOtKeyPair(OneTimeKeyPair pair) {
    lastOtKeyPair = pair;
  }

  /** Emits a state transition event of this card. */
  public void transition(String entity, String id, String from, String to, String cause) {
    if (events.enabled()) {
      events.emit("euicc:" + name, new EventPayload.StateTransition(entity, id, from, to, cause));
    }
  }

  /** The event log. */
  public EventLog events() {
    return events;
  }

  /** The source name of this card's events ("euicc:EID"). */
  public String eventSource() {
    return "euicc:" + name;
  }
}
