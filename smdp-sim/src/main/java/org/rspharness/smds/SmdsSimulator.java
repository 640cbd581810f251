package org.rspharness.smds;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.smdp.session.SessionStore;
import org.rspharness.smds.es11.Es11Service;
import org.rspharness.smds.es12.Es12;
import org.rspharness.smds.es12.Es12Service;
import org.rspharness.smds.state.EventStore;
import org.rspharness.smds.state.SmdsStateStore;

/**
 * The SM-DS simulator (SGP.22 section 3.6): a root SM-DS, or an alternative one that forwards
 * events to its root (ES15). Transport-free: {@link #es11Endpoint()} (LPAs, TLS) and {@link
 * #es12Endpoint()} (SM-DP+s, mutual TLS) are the HTTP handlers a server binds.
 *
 * <pre>{@code
 * SmdsSimulator root = SmdsSimulator.builder(pki, "testrootsmds.example.com").events(log).build();
 * SmdsSimulator alt = SmdsSimulator.builder(pki, "testsmds2.example.com")
 *     .forwardTo(SmdpAddress.of("testrootsmds.example.com"), root.es12()).build();
 * }</pre>
 */
public final class SmdsSimulator {

  /** The event-log source of every SM-DS. */
  public static final String SOURCE = "smds";

  private final SmdpAddress address;
  private final EventStore store;
  private final Es11Service es11;
  private final Es12Service es12;
  private final SmdsEndpoint es11Endpoint;
  private final SmdsEndpoint es12Endpoint;
  private final SmdpAddress root;

  private SmdsSimulator(Builder b) {
    this.address = SmdpAddress.of(b.host);
    this.root = b.root;
    String source = SOURCE;
    this.store = new EventStore(b.events, source, b.state);
    SessionStore sessions = new SessionStore(b.clock, b.sessionTtl, b.random, b.events);
    this.es11 =
        new Es11Service(
            b.credentials, address, store, sessions, b.clock, b.random, b.events, source);
    this.es12 = new Es12Service(store, address, b.root, b.cascade, b.events, source);
    this.es11Endpoint = new SmdsEndpoint(es11, es12, false, b.events, source);
    this.es12Endpoint = new SmdsEndpoint(es11, es12, true, b.events, source);
  }

  /** A builder for the SM-DS reachable as {@code host} (what eUICCs and SM-DP+s name). */
  public static Builder builder(CredentialSource credentials, String host) {
    return new Builder(credentials, host);
  }

  /** ES11 (and its /gsma/rsp2/es9plus/ variant) for LPAs. */
  public RspHttpHandler es11Endpoint() {
    return es11Endpoint;
  }

  /** ES12 for SM-DP+s (and ES15 for alternative SM-DSs); serve it behind mutual TLS. */
  public RspHttpHandler es12Endpoint() {
    return es12Endpoint;
  }

  /** The typed ES11 service. */
  public Es11Service es11() {
    return es11;
  }

  /** The typed ES12 service (also an {@link Es12} to call in memory). */
  public Es12Service es12() {
    return es12;
  }

  /** The event records held. */
  public EventStore events() {
    return store;
  }

  /** This SM-DS's address. */
  public SmdpAddress address() {
    return address;
  }

  /** Whether this is a root SM-DS (it forwards nowhere). */
  public boolean isRoot() {
    return root == null;
  }

  /** Assembles an SM-DS; only the credential source and host are required. */
  public static final class Builder {
    private final CredentialSource credentials;
    private final String host;
    private Clock clock = Clock.systemUTC();
    private RandomSource random = RandomSource.secure();
    private EventLog events = EventLog.disabled();
    private Duration sessionTtl = Duration.ofMinutes(10);
    private SmdpAddress root;
    private Es12 cascade;
    private SmdsStateStore state;

    private Builder(CredentialSource credentials, String host) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.host = Objects.requireNonNull(host, "host");
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    public Builder random(RandomSource v) {
      random = v;
      return this;
    }

    public Builder events(EventLog v) {
      events = v;
      return this;
    }

    public Builder sessionTtl(Duration v) {
      sessionTtl = v;
      return this;
    }

    /** Keeps the event records in {@code v} (they survive a restart); the caller closes it. */
    public Builder state(SmdsStateStore v) {
      state = v;
      return this;
    }

    /**
     * Makes this an alternative SM-DS: events registered with forwardingIndicator true are also
     * registered at {@code rootSmds} through {@code es12} (SGP.22 section 5.10 ES15).
     */
    public Builder forwardTo(SmdpAddress rootSmds, Es12 es12) {
      root = Objects.requireNonNull(rootSmds, "rootSmds");
      cascade = Objects.requireNonNull(es12, "es12");
      return this;
    }

    public SmdsSimulator build() {
      return new SmdsSimulator(this);
    }
  }
}
