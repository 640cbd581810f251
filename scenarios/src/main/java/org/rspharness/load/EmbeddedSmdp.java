package org.rspharness.load;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * The embedded SM-DP+: {@link SmdpSimulator} behind {@link SmdpServer} on loopback TLS. Each
 * download attempt gets its own order, added to the inventory as Released with a matchingId just
 * before it is used (as an operator would have released it through ES2+), with a minimal generated
 * profile package.
 */
public final class EmbeddedSmdp implements LoadTarget {

  /** The SM-DP+ host name of the generated PKI. */
  public static final String HOST = "testsmdpplus1.example.com";

  private final CredentialSource pki;
  private final Curve curve;
  private final SmdpSimulator smdp;

  /** Orders kept by the SM-DP+ (the newest); each activation uses one or, with retries, a few. */
  static final int RETAINED = 10_000;

  private final java.util.concurrent.ConcurrentLinkedQueue<Order> issued =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final SmdpServer server;
  private final int port;
  private final AtomicLong orders = new AtomicLong();
  private final long seed;
  private final int shard;

  private EmbeddedSmdp(
      CredentialSource pki,
      Curve curve,
      SmdpSimulator smdp,
      SmdpServer server,
      long seed,
      int shard) {
    this.pki = pki;
    this.curve = curve;
    this.smdp = smdp;
    this.server = server;
    this.port = server.es9Port(curve).orElseThrow();
    this.seed = seed;
    this.shard = shard;
  }

  /**
   * The options of an embedded SM-DP+ on {@code curve}, its random streams (and, without a PKI of
   * your own, its test PKI) from {@code seed}; {@link Options#start()} starts it.
   */
  public static Options options(Curve curve, long seed) {
    return new Options(curve, seed);
  }

  /** How an embedded SM-DP+ is started; each setter has a default, so only what differs is said. */
  public static final class Options {
    private final Curve curve;
    private final long seed;
    private CredentialSource pki;
    private int metricsPort = -1;
    private EventLog events = EventLog.disabled();
    private FaultPlan faults = FaultPlan.none();
    private int shard;
    private Quirks quirks = Quirks.none();

    private Options(Curve curve, long seed) {
      this.curve = curve;
      this.seed = seed;
    }

    /**
     * A PKI of your own, whose DPtls certificates must name {@link #HOST} (default: one generated
     * from the seed, with NIST always and brainpool when the curve is brainpool).
     */
    public Options pki(CredentialSource pki) {
      this.pki = pki;
      return this;
    }

    /** The metrics port (0: ephemeral; default -1: none). */
    public Options metricsPort(int metricsPort) {
      this.metricsPort = metricsPort;
      return this;
    }

    /** Where its events go (default: nowhere). */
    public Options events(EventLog events) {
      this.events = events;
      return this;
    }

    /** The SM-DP+ side of a fault plan: protocol and server-network rules (default: none). */
    public Options faults(FaultPlan faults) {
      this.faults = faults;
      return this;
    }

    /**
     * Shard {@code shard} of a sharded run: its own random stream and ICCIDs, the same PKI (default
     * 0).
     */
    public Options shard(int shard) {
      this.shard = shard;
      return this;
    }

    /**
     * Field SM-DP+ {@code quirks} (e.g. base64 with line breaks), to see how the devices treat a
     * server that deviates from SGP.22 (default: none).
     */
    public Options quirks(Quirks quirks) {
      this.quirks = quirks;
      return this;
    }

    /**
     * Starts the SM-DP+ on ephemeral loopback ports: ES9+ on NIST (always) and on brainpool when
     * the curve is brainpool; metrics as asked.
     */
    public EmbeddedSmdp start() {
      CredentialSource credentials = pki == null ? generatedPki() : pki;
      SmdpSimulator smdp =
          SmdpSimulator.builder(credentials, HOST)
              .random(RandomSource.seeded(seed).derive(shard == 0 ? "smdp" : "smdp/shard-" + shard))
              .events(events)
              .faults(faults)
              .quirks(quirks)
              .purgeSessionsEvery(java.time.Duration.ofSeconds(5))
              .build();
      SmdpServer.Config config =
          SmdpServer.Config.es9Only(HOST, 0)
              .withBrainpoolPort(curve == Curve.BRAINPOOL_P256R1 ? 0 : -1)
              .withMetricsPort(metricsPort)
              .withFaults(faults);
      MeterRegistry registry = SmdpServer.newRegistry();
      SmdpServer server =
          SmdpServer.start(
              credentials, config, smdp.es9Endpoint(), smdp.es2Endpoint(), registry, events);
      return new EmbeddedSmdp(credentials, curve, smdp, server, seed, shard);
    }

    private TestPki generatedPki() {
      // the ES9+ port on NIST always runs, so NIST is always generated; brainpool only when used
      return TestPki.builder()
          .random(RandomSource.seeded(seed))
          .smdpHost(HOST)
          .curves(
              curve == Curve.NIST_P256
                  ? java.util.EnumSet.of(Curve.NIST_P256)
                  : java.util.EnumSet.allOf(Curve.class))
          .build();
    }
  }

  @Override
  public CredentialSource pki() {
    return pki;
  }

  @Override
  public Map<String, String> resolve() {
    return Map.of(HOST, "127.0.0.1");
  }

  @Override
  public ActivationCode nextActivationCode() {
    long n = orders.incrementAndGet();
    // 8949 + seed (2 digits) + shard (2) + order (10) + check digit
    Iccid iccid =
        Iccid.withCheckDigit(
            "8949" + pad(Math.floorMod(seed, 100L), 2) + pad(shard % 100, 2) + pad(n, 10));
    String matchingId = "LOAD-" + (shard == 0 ? "" : shard + "-") + n;
    Order order =
        Order.builder(iccid, "load")
            .state(ProfileState.RELEASED)
            .matchingId(MatchingId.of(matchingId))
            .metadata(OrderMetadata.of("RSP Harness", "load " + n))
            .profilePackage(() -> ProfilePackages.minimal(iccid, "load"))
            .build();
    smdp.orders().add(order);
    // a long run must not keep every order it made: the oldest goes once RETAINED newer exist
    issued.add(order);
    if (n > RETAINED) {
      Order old = issued.poll();
      if (old != null) {
        smdp.orders().remove(old);
      }
    }
    return ActivationCode.parse("LPA:1$" + HOST + ":" + port + "$" + matchingId);
  }

  private static String pad(long v, int width) {
    String s = Long.toString(v);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }

  @Override
  public MeterRegistry registry() {
    return server.registry();
  }

  /** The simulator (orders, sessions), for checks. */
  public SmdpSimulator simulator() {
    return smdp;
  }

  /** The bound metrics port, or -1. */
  public int metricsPort() {
    return server.metricsPort().orElse(-1);
  }

  @Override
  public String describe() {
    return "embedded SM-DP+ " + server.summary();
  }

  @Override
  public void close() {
    server.close();
    smdp.close();
  }
}
