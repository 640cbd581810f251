package org.rspharness.smdp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.event.Deviations;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.smdp.bpp.BppOptions;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.es2.Es2PlusEndpoint;
import org.rspharness.smdp.es2.Es2PlusService;
import org.rspharness.smdp.es9.BppBinder;
import org.rspharness.smdp.es9.Es9Asn1Endpoint;
import org.rspharness.smdp.es9.Es9PlusEndpoint;
import org.rspharness.smdp.es9.Es9PlusService;
import org.rspharness.smdp.fault.ProtocolFaults;
import org.rspharness.smdp.inventory.Inventory;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderStore;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smdp.session.SessionStore;
import org.rspharness.smdp.smds.SmdsRegistration;
import org.rspharness.smdp.state.DurableState;
import org.rspharness.smdp.state.StateStore;
import org.rspharness.smds.es12.Es12;

/**
 * The SM-DP+ simulator assembled from a credential source, an inventory, a clock, a random source,
 * an event log and quirks. Transport-free: {@link #es9Endpoint()} and {@link #es2Endpoint()} are
 * the HTTP handlers a server binds.
 *
 * <pre>{@code
 * SmdpSimulator smdp = SmdpSimulator.builder(pki, "testsmdpplus1.example.com")
 *     .inventory(Path.of("inventory.yaml"))
 *     .clock(clock).random(RandomSource.seeded(1)).events(log)
 *     .quirks(Quirks.of(Quirk.BASE64_LINE_BREAKS))
 *     .build();
 * RspHttpResponse r = smdp.es9Endpoint().handle(request);
 * }</pre>
 */
public final class SmdpSimulator implements AutoCloseable {

  private final SmdpAddress address;
  private final OrderStore orders;
  private final SessionStore sessions;
  private final Es9PlusService es9;
  private final Es2PlusService es2;
  private final RspHttpHandler es9Endpoint;
  private final RspHttpHandler es9BrainpoolEndpoint;
  private final RspHttpHandler es2Endpoint;
  private final DurableState durable;
  private final List<Path> inventories;
  private final boolean lenientIds;
  private final EventLog events;
  private final RspHttpHandler es9Json;
  private final SmdsRegistration smds;
  private final AutoCloseable sessionPurge;

  private SmdpSimulator(Builder b) {
    this.address = SmdpAddress.of(b.host);
    this.orders = new OrderStore();
    this.events = b.events;
    this.inventories = List.copyOf(b.inventories);
    this.lenientIds = b.quirks.has(Quirk.LENIENT_IDENTIFIERS);
    for (Path p : inventories) {
      Inventory.load(p, lenientIds).forEach(orders::add);
    }
    b.orders.forEach(orders::add);
    this.sessions = new SessionStore(b.clock, b.sessionTtl, b.random, b.events);
    this.sessionPurge = b.purgeEvery == null ? null : sessions.purgeEvery(b.purgeEvery);
    this.durable =
        b.state == null
            ? null
            : new DurableState(b.state, orders, sessions, b.clock, b.notifier, b.events);
    OperatorNotifier notifier = durable == null ? b.notifier : durable.notifier();
    byte[] hostId = b.host.getBytes(StandardCharsets.US_ASCII);
    if (hostId.length > 16) {
      hostId = java.util.Arrays.copyOf(hostId, 16);
    }
    this.smds = new SmdsRegistration(b.es12, address, b.smdsPolicy, b.events);
    this.es9 =
        new Es9PlusService(
            b.credentials,
            address,
            orders,
            sessions,
            b.clock,
            b.random,
            b.events,
            b.quirks,
            smds.deletingAfterDownload(notifier),
            b.binder,
            b.bppOptions != null
                ? b.bppOptions
                : b.quirks.has(Quirk.LONG_BSP_SEGMENTS)
                    ? BppOptions.defaults(hostId).withMaxSegmentLength(Quirk.LONG_SEGMENT_LENGTH)
                    : BppOptions.defaults(hostId));
    this.es2 = new Es2PlusService(orders, address, b.random, b.events, b.quirks, smds);
    boolean perPort = b.quirks.has(Quirk.SINGLE_CURVE_PER_PORT);
    this.es9Json =
        ProtocolFaults.wrap(
            new Es9PlusEndpoint(
                es9,
                b.quirks,
                b.events,
                new Deviations(b.deviationEvents(), "smdp", b.strict),
                perPort ? Curve.NIST_P256 : null),
            b.faults,
            b.credentials,
            b.random,
            b.quirks,
            b.events);
    RspHttpHandler asn1 = Es9Asn1Endpoint.es9(es9Json, b.events);
    // both bindings on the same ports: the ASN.1 one has a path of its own
    this.es9Endpoint =
        durable(
            request ->
                Es9Asn1Binding.PATH.equals(request.path())
                    ? asn1.handle(request)
                    : es9Json.handle(request));
    if (perPort) {
      RspHttpHandler bpJson =
          ProtocolFaults.wrap(
              new Es9PlusEndpoint(
                  es9,
                  b.quirks,
                  b.events,
                  new Deviations(b.deviationEvents(), "smdp", b.strict),
                  Curve.BRAINPOOL_P256R1),
              b.faults,
              b.credentials,
              b.random,
              b.quirks,
              b.events);
      RspHttpHandler asn1Bp = Es9Asn1Endpoint.es9(bpJson, b.events);
      this.es9BrainpoolEndpoint =
          durable(
              request ->
                  Es9Asn1Binding.PATH.equals(request.path())
                      ? asn1Bp.handle(request)
                      : bpJson.handle(request));
    } else {
      this.es9BrainpoolEndpoint = es9Endpoint;
    }
    // an order acknowledged over ES2+ is flushed to the disk before the answer leaves; ES9+
    // steps survive a crash of the process (a power cut may lose the last ones: SGP.22 retries
    // recover them, 8.10.1/3.9 and a new session), unless the store flushes every commit
    this.es2Endpoint = durable(new Es2PlusEndpoint(es2, b.quirks, b.events), true);
  }

  private RspHttpHandler durable(RspHttpHandler h) {
    return durable(h, false);
  }

  private RspHttpHandler durable(RspHttpHandler h, boolean fsync) {
    return durable == null ? h : durable.wrap(h, fsync);
  }

  /**
   * Reads the inventory files again and adds the profiles that are new; profiles already known keep
   * their state (orders, attempts, sessions are not touched). Returns how many were added.
   *
   * @throws org.rspharness.smdp.inventory.InventoryException naming the file and entry
   */
  public int reloadInventory() {
    int added = 0;
    for (Path p : inventories) {
      for (Order o : Inventory.load(p, lenientIds)) {
        if (orders.find(o.iccid()).isEmpty()) {
          orders.add(o);
          added++;
        }
      }
    }
    events.emit(
        "smdp",
        new org.rspharness.core.event.EventPayload.Note(
            "inventory reloaded: " + added + " new profile(s), " + orders.size() + " in all"));
    return added;
  }

  /** The durable state, when built with {@link Builder#state}. */
  public java.util.Optional<DurableState> durableState() {
    return java.util.Optional.ofNullable(durable);
  }

  /** Stops the session purge timer, the callback outbox and closes the state store (if any). */
  @Override
  public void close() {
    if (sessionPurge != null) {
      try {
        sessionPurge.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    if (durable != null) {
      durable.close();
    }
  }

  /** A builder for the SM-DP+ reachable as {@code host} (its address in activation codes). */
  public static Builder builder(CredentialSource credentials, String host) {
    return new Builder(credentials, host);
  }

  /**
   * The ES9+ HTTP handler: the JSON binding (paths /gsma/rsp2/es9plus/...), behind the PROTOCOL
   * faults of the plan given to {@link Builder#faults} (see {@link ProtocolFaults}), and the ASN.1
   * binding at /gsma/rsp2/asn1 ({@link Es9Asn1Endpoint}, served through the JSON handler: the same
   * checks, faults and quirks).
   */
  public RspHttpHandler es9Endpoint() {
    return es9Endpoint;
  }

  /**
   * The ES9+ handler of the brainpoolP256r1 port: with {@link Quirk#SINGLE_CURVE_PER_PORT} it
   * chooses only brainpool CIs (and {@link #es9Endpoint()} only NIST ones); otherwise the same.
   */
  public RspHttpHandler es9BrainpoolEndpoint() {
    return es9BrainpoolEndpoint;
  }

  /**
   * The JSON binding's ES9+ handler alone: the {@link Es9PlusEndpoint}, or the {@link
   * ProtocolFaults} around it when the plan has protocol faults.
   */
  public RspHttpHandler es9JsonEndpoint() {
    return es9Json;
  }

  /** The ES2+ HTTP handler (paths /gsma/rsp2/es2plus/...). */
  public RspHttpHandler es2Endpoint() {
    return es2Endpoint;
  }

  /** The typed ES9+ service. */
  public Es9PlusService es9() {
    return es9;
  }

  /** The typed ES2+ service. */
  public Es2PlusService es2() {
    return es2;
  }

  /** The orders (inventory plus what ES2+ did to it). */
  public OrderStore orders() {
    return orders;
  }

  /** The live RSP sessions. */
  public SessionStore sessions() {
    return sessions;
  }

  /** The SM-DS events this SM-DP+ registered (SGP.22 section 3.1.2). */
  public SmdsRegistration smds() {
    return smds;
  }

  /** The SM-DP+ address. */
  public SmdpAddress address() {
    return address;
  }

  /** Assembles a simulator; only the credential source and host are required. */
  public static final class Builder {
    private final CredentialSource credentials;
    private final String host;
    private final List<Order> orders = new ArrayList<>();
    private final List<Path> inventories = new ArrayList<>();
    private StateStore state;
    private Clock clock = Clock.systemUTC();
    private RandomSource random = RandomSource.secure();
    private EventLog events = EventLog.disabled();
    private Quirks quirks = Quirks.none();
    private boolean strict;
    private EventLog deviationEvents;
    private OperatorNotifier notifier = OperatorNotifier.none();
    private BppBinder binder = BppBinder.standard();
    private BppOptions bppOptions;
    private Duration sessionTtl = Duration.ofMinutes(10);
    private Duration purgeEvery;
    private FaultPlan faults = FaultPlan.none();
    private Es12 es12;
    private SmdsRegistration.Policy smdsPolicy = SmdsRegistration.Policy.defaults();

    private Builder(CredentialSource credentials, String host) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.host = Objects.requireNonNull(host, "host");
    }

    /** Adds the profiles of a YAML inventory file. */
    public Builder inventory(Path yaml) {
      inventories.add(yaml);
      return this;
    }

    /**
     * Keeps orders, sessions, history and callbacks in {@code store} (restored at build): every
     * request's changes are durable before its answer leaves. The simulator closes the store.
     */
    public Builder state(StateStore store) {
      state = store;
      return this;
    }

    /** Adds orders built in code. */
    public Builder orders(List<Order> more) {
      orders.addAll(more);
      return this;
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

    public Builder quirks(Quirks v) {
      quirks = v;
      return this;
    }

    /**
     * Strict: an LPA request that breaks a rule field SM-DP+s tolerate (a wrong Content-Type, an
     * unknown X-Admin-Protocol, members SGP.22 does not define) gets the spec's status code instead
     * of being recorded as a deviation and served (default).
     */
    public Builder strict(boolean on) {
      strict = on;
      return this;
    }

    /**
     * Where deviation events go when not to {@link #events} (default: there): a server that logs
     * nothing else still reports each deviation ({@code smdp serve} prints them).
     */
    public Builder deviationEvents(EventLog v) {
      deviationEvents = v;
      return this;
    }

    private EventLog deviationEvents() {
      return deviationEvents != null ? deviationEvents : events;
    }

    public Builder operatorNotifier(OperatorNotifier v) {
      notifier = v;
      return this;
    }

    /** Replaces the BPP builder (tests, fault injection). */
    public Builder bppBinder(BppBinder v) {
      binder = v;
      return this;
    }

    public Builder bppOptions(BppOptions v) {
      bppOptions = v;
      return this;
    }

    /** How long an idle RSP session lives (default 10 minutes). */
    public Builder sessionTtl(Duration v) {
      sessionTtl = v;
      return this;
    }

    /**
     * Also purges expired sessions on a timer, every {@code period} of real time (servers: without
     * it, sessions expire when the next one opens, which is deterministic for scenarios on a manual
     * clock). Expiry itself follows the injected clock either way.
     */
    public Builder purgeSessionsEvery(Duration period) {
      purgeEvery = period;
      return this;
    }

    /**
     * The protocol faults to apply: the PROTOCOL rules of {@code plan}, per ES9+ function, at the
     * ES9+ HTTP handler (default {@link FaultPlan#none()}); see {@link ProtocolFaults}.
     */
    public Builder faults(FaultPlan plan) {
      faults = Objects.requireNonNull(plan, "faults");
      return this;
    }

    /**
     * How this SM-DP+ reaches SM-DSs (ES12, e.g. an {@link org.rspharness.smds.es12.Es12Client});
     * without it a ConfirmOrder naming an SM-DS answers 8.9/5.1.
     */
    public Builder smds(Es12 v) {
      es12 = v;
      return this;
    }

    /** Attempts and backoff of ES12 calls (default {@link SmdsRegistration.Policy#defaults()}). */
    public Builder smdsPolicy(SmdsRegistration.Policy v) {
      smdsPolicy = Objects.requireNonNull(v, "smdsPolicy");
      return this;
    }

    public SmdpSimulator build() {
      return new SmdpSimulator(this);
    }
  }
}
