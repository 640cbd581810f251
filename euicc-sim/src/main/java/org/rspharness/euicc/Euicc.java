package org.rspharness.euicc;

import java.time.Clock;
import java.util.List;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.card.CardSleeper;
import org.rspharness.euicc.card.ClassByte;
import org.rspharness.euicc.card.Es10Recorder;
import org.rspharness.euicc.card.IsdRCard;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.es10.CardContext;
import org.rspharness.euicc.es10.Es10Router;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.StateStore;

/**
 * SGP.22 section 2.2: a software eUICC: an {@link EuiccIdentity}, an {@link EuiccConfig}, a
 * persistent {@link EuiccState} in a {@link StateStore}, and the ISD-R answering ES10a/b/c at APDU
 * level through {@link IsdRCard}.
 *
 * <p>An LPA drives it with APDUs only ({@link #transmit}), framed as real LPAs do (see {@link
 * org.rspharness.euicc.card.LpaApdus}): MANAGE CHANNEL, SELECT ISD-R, STORE DATA blocks, GET
 * RESPONSE. A download is GetEuiccChallenge (BF2E), GetEuiccInfo1 (BF20), AuthenticateServer
 * (BF38), PrepareDownload (BF21), then the BPP as STORE DATA sequences (BF36 header + BF23; A0; A1
 * header; each 88; A2; A3 header; each 86): every sequence but the last answers 9000 without data,
 * the last one (or the first failing one) the ProfileInstallationResult BF37, after which the LPA
 * stops. {@link #reset()} is a power cycle: the RSP session is lost (an interrupted load fails with
 * installFailedDueToInterruption), persistent state stays.
 *
 * <pre>{@code
 * Euicc euicc = Euicc.builder(EuiccIdentity.from(PkiDirectory.load(dir)))
 *     .store(new FileStateStore(path))
 *     .build();
 * byte[] r = euicc.transmit(LpaApdus.openChannel().toBytes());
 * }</pre>
 */
public final class Euicc implements Card {

  /** One strong source for every card that brings none (SecureRandom is thread-safe). */
  private static final RandomSource SHARED_SECURE_RANDOM = RandomSource.secure();

  private final CardContext context;
  private final Es10Router router;
  private final IsdRCard card;
  private final EventLog events;

  /** The card's record of the ES10 commands it runs (fed only while events are enabled). */
  private final int channels;

  /** Made on the first recorded APDU: a card without events (load, idle fleets) never needs one. */
  private Es10Recorder es10;

  private Euicc(Builder b) {
    this.events = b.events;
    this.context = new CardContext(b.identity, b.config, b.store, b.random, b.clock, b.events);
    this.context.strict(b.strict);
    this.router = new Es10Router(context);
    this.card = new IsdRCard(router, b.cardConfig, b.faults, b.sleeper);
    this.channels = b.cardConfig.logicalChannels();
  }

  /** A builder for an eUICC with {@code identity}. */
  public static Builder builder(EuiccIdentity identity) {
    return new Builder(identity);
  }

  /**
   * An eUICC from a credential source (e.g. certs' {@code PkiDirectory.load(dir)} or a {@code
   * TestPki}) with {@code config} and {@code store}, secure randomness and the system clock.
   */
  public static Euicc create(CredentialSource source, EuiccConfig config, StateStore store) {
    return builder(EuiccIdentity.from(source, config.curves())).config(config).store(store).build();
  }

  /** Builds an {@link Euicc}; every setting but the identity has a default. */
  public static final class Builder {
    private final EuiccIdentity identity;
    private EuiccConfig config = EuiccConfig.defaults();
    private StateStore store = StateStore.inMemory();
    private RandomSource random = SHARED_SECURE_RANDOM;
    private Clock clock = Clock.systemUTC();
    private EventLog events = EventLog.disabled();
    private IsdRCard.Config cardConfig = IsdRCard.Config.defaults();
    private FaultPlan faults = FaultPlan.none();
    private CardSleeper sleeper = CardSleeper.threadSleep();
    private boolean strict;

    private Builder(EuiccIdentity identity) {
      if (identity == null) {
        throw new IllegalArgumentException("identity must not be null");
      }
      this.identity = identity;
    }

    /** The configuration (default {@link EuiccConfig#defaults()}). */
    public Builder config(EuiccConfig c) {
      this.config = require(c, "config");
      return this;
    }

    /** Where the persistent state lives (default: in memory). */
    public Builder store(StateStore s) {
      this.store = require(s, "store");
      return this;
    }

    /** Randomness for challenges, one-time keys and signatures (default: secure). */
    public Builder random(RandomSource r) {
      this.random = require(r, "random");
      return this;
    }

    /** Protocol time for certificate checks (default: system UTC). */
    public Builder clock(Clock c) {
      this.clock = require(c, "clock");
      return this;
    }

    /** The event log for APDU exchanges and state transitions (default: disabled). */
    public Builder events(EventLog e) {
      this.events = require(e, "events");
      return this;
    }

    /** APDU-level behaviour of the ISD-R (default {@link IsdRCard.Config#defaults()}). */
    public Builder cardConfig(IsdRCard.Config c) {
      this.cardConfig = require(c, "cardConfig");
      return this;
    }

    /**
     * The card faults to apply: the {@code CARD} rules of {@code plan}, per ES10 command (default
     * {@link FaultPlan#none()}); see {@link IsdRCard} for what each fault does.
     */
    public Builder faults(FaultPlan plan) {
      this.faults = require(plan, "faults");
      return this;
    }

    /** How a slow-card fault waits (default: the thread sleeps); tests inject a recorder. */
    public Builder sleeper(CardSleeper s) {
      this.sleeper = require(s, "sleeper");
      return this;
    }

    /**
     * Strict: a peer that breaks a rule field eUICCs tolerate (e.g. a BSP segment over 1020 bytes)
     * fails as SGP.22 says instead of being recorded as a deviation and let through (default).
     */
    public Builder strict(boolean on) {
      this.strict = on;
      return this;
    }

    /** The eUICC; loads the state from the store or saves a factory-fresh one. */
    public Euicc build() {
      return new Euicc(this);
    }

    private static <T> T require(T v, String name) {
      if (v == null) {
        throw new IllegalArgumentException(name + " must not be null");
      }
      return v;
    }
  }

  /**
   * ISO 7816-4: one command APDU in, one response APDU out; recorded as an ApduExchange event and,
   * after the last APDU of each ES10 command, the card's Es10Command ({@link Es10Recorder}).
   */
  @Override
  public byte[] transmit(byte[] commandApdu) {
    if (!events.enabled()) {
      return card.transmit(commandApdu);
    }
    byte[] command = commandApdu == null ? new byte[0] : commandApdu.clone();
    EventPayload.Es10Command cutShort;
    EventPayload.Es10Command completed;
    byte[] response;
    long nanos;
    synchronized (card) { // the recorder sees the APDUs in the card's order
      if (es10 == null) {
        es10 = new Es10Recorder(channels);
      }
      cutShort = es10.received(command);
      long start = System.nanoTime();
      response = card.transmit(commandApdu);
      nanos = System.nanoTime() - start;
      completed = es10.answered(command, response, nanos);
    }
    int channel = 0;
    if (command.length > 0) {
      try {
        channel = ClassByte.decode(command[0] & 0xFF).channel();
      } catch (RuntimeException e) {
        channel = -1;
      }
    }
    if (cutShort != null) {
      events.emit(context.eventSource(), cutShort);
    }
    events.emit(
        context.eventSource(), new EventPayload.ApduExchange(command, response, channel, nanos));
    if (completed != null) {
      events.emit(context.eventSource(), completed);
    }
    return response;
  }

  /**
   * Power cycle (also the power-on after an injected power loss): channels and the RSP session are
   * dropped; profiles and notifications stay. A command left without its answer is logged as ended
   * by the reset.
   */
  @Override
  public void reset() {
    List<EventPayload.Es10Command> cut;
    synchronized (card) {
      card.reset();
      cut = es10 == null ? List.of() : es10.reset();
    }
    if (events.enabled()) {
      cut.forEach(c -> events.emit(context.eventSource(), c));
    }
  }

  @Override
  public byte[] atr() {
    return card.atr();
  }

  /** False after an injected power loss, until {@link #reset()}. */
  public boolean powered() {
    return card.powered();
  }

  /** The ISD-R front end (e.g. for a vpcd transport); same object on every call. */
  public IsdRCard card() {
    return card;
  }

  /** The EID. */
  public Eid eid() {
    return context.identity().eid();
  }

  /** The identity. */
  public EuiccIdentity identity() {
    return context.identity();
  }

  /** The configuration. */
  public EuiccConfig config() {
    return context.config();
  }

  /** A snapshot of the persistent state (profiles, notifications, addresses). */
  public EuiccState state() {
    synchronized (card) {
      return context.state();
    }
  }

  /** EUICCInfo1 ('BF20') as GetEuiccInfo1 answers it. */
  public byte[] euiccInfo1() {
    synchronized (card) {
      return router.es10b().euiccInfo1();
    }
  }
}
