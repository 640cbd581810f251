package org.rspharness.smdp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rspharness.certs.TestPki;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.time.ManualClock;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.euicc.testkit.EuiccPeer;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.callback.RecordingOperatorNotifier;
import org.rspharness.smdp.es9.BppBinder;
import org.rspharness.smdp.order.NotificationTarget;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.quirk.Quirks;

/**
 * One SM-DP+ under test with a generated PKI, a manual clock, a recording event sink and operator
 * notifier, and the real eUICC of the same PKI ({@link EuiccPeer}). The PKI is built once per JVM
 * (seeded).
 */
public final class SmdpFixture {

  public static final TestPki PKI =
      TestPki.builder()
          .random(RandomSource.seeded(20261125))
          .validFrom(Instant.parse("2025-01-01T00:00:00Z"))
          .variants(true)
          .build();

  public static final String HOST = PKI.smdpHost();
  public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  public final ManualClock clock = ManualClock.at(NOW);
  public final RecordingSink sink = new RecordingSink();
  public final EventLog events = new EventLog(clock, System::nanoTime).addSink(sink);
  public final RecordingOperatorNotifier operator = new RecordingOperatorNotifier();
  public final RandomSource random = RandomSource.seeded(42);
  public final Curve curve;
  public final EuiccPeer euicc;
  public SmdpSimulator smdp;
  public int binds;

  /** ES12 to SM-DSs (null: this SM-DP+ reaches none, ConfirmOrder with one is 8.9/5.1). */
  public org.rspharness.smds.es12.Es12 smds;

  /** Use the real BPP builder instead of {@link #fakeBinder()}. */
  public boolean realBinder;

  /** Record no events and no callbacks (long runs: the fuzz campaign). */
  public boolean quiet;

  /** Drive downloads through the HTTP endpoints (as a server would) instead of the typed calls. */
  public boolean overHttp;

  /** The state store the next {@link #start} uses (null: in memory). */
  public org.rspharness.smdp.state.StateStore state;

  public SmdpFixture() {
    this(Curve.NIST_P256);
  }

  public SmdpFixture(Curve curve) {
    this(curve, true);
  }

  private SmdpFixture(Curve curve, boolean recordedCurve) {
    this.curve = curve;
    this.euicc =
        recordedCurve
            ? peer(PKI, curve, 7, CARD_CLOCK)
            : new EuiccPeer(PKI, curve, RandomSource.seeded(7), CARD_CLOCK);
  }

  /**
   * A factory-fresh real eUICC of {@code pki} on {@code curve} whose card messages for other
   * transactions (ProfileInstallationResult, notifications, CancelSession) are edited from those
   * one real download recorded.
   */
  public static EuiccPeer peer(CredentialSource pki, Curve curve, long seed, Clock clock) {
    return new EuiccPeer(pki, curve, RandomSource.seeded(seed), clock).use(() -> recorded(curve));
  }

  /** The time of the eUICC's certificate checks (a card has no clock of its own: fixed). */
  public static final Clock CARD_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final Map<Curve, EuiccPeer.Recorded> RECORDED = new ConcurrentHashMap<>();

  /**
   * The card's own ProfileInstallationResult and enable/disable/delete notifications, recorded once
   * per curve from a real download with the real BPP builder.
   */
  public static EuiccPeer.Recorded recorded(Curve curve) {
    return RECORDED.computeIfAbsent(curve, SmdpFixture::recordDownload);
  }

  private static EuiccPeer.Recorded recordDownload(Curve curve) {
    SmdpFixture f = new SmdpFixture(curve, false);
    f.realBinder = true;
    f.quiet = true;
    f.start(
        released("894900000000009990", "RECORD")
            .metadata(
                new OrderMetadata(
                    "RSP Harness",
                    "Lab profile",
                    "operational",
                    null,
                    null,
                    List.of(
                        new NotificationTarget(
                            EnumSet.of(
                                NotificationOperation.ENABLE,
                                NotificationOperation.DISABLE,
                                NotificationOperation.DELETE),
                            HOST))))
            .build());
    f.euicc.matchingId = "RECORD";
    AuthenticateClientResponseEs9 postponed = f.authenticate(f.initiate());
    byte[] cancel = f.euicc.cancelOwnSession(postponed.transactionId(), 1);
    f.smdp
        .es9()
        .cancelSession(
            new org.rspharness.core.es9.CancelSessionRequestEs9(postponed.transactionId(), cancel));
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    return f.euicc.record(cancel, f.getBpp(ac, null).boundProfilePackage());
  }

  /** Whether the next {@link #start} makes a strict SM-DP+ (LPA deviations refused). */
  public boolean strict;

  /** Starts the simulator with these orders and quirks. */
  public SmdpFixture start(Quirks quirks, Order... orders) {
    smdp =
        SmdpSimulator.builder(PKI, HOST)
            .orders(List.of(orders))
            .clock(clock)
            .random(random)
            .events(quiet ? EventLog.disabled() : events)
            .quirks(quirks)
            .strict(strict)
            .operatorNotifier(quiet ? OperatorNotifier.none() : operator)
            .bppBinder(realBinder ? BppBinder.standard() : fakeBinder())
            .sessionTtl(Duration.ofMinutes(5))
            .state(state)
            .smds(smds)
            .build();
    return this;
  }

  public SmdpFixture start(Order... orders) {
    return start(Quirks.none(), orders);
  }

  /**
   * A stand-in for the BPP builder (written on feat-bpp): a BF36 carrying the transactionId, the
   * eUICC's otPK and the profile package, so tests can tell bindings apart.
   */
  public BppBinder fakeBinder() {
    return (in, rnd) -> {
      synchronized (this) {
        binds++;
      }
      OneTimeKeyPair dp = OneTimeKeyPair.generate(in.curve(), rnd);
      byte[] bf36 =
          TlvBuilder.constructed(0xBF36)
              .add(0x80, in.transactionId())
              .add(0x5F49, in.otPkEuicc().encoded())
              .add(0x81, sha256(in.profilePackage()))
              .add(0x82, in.storeMetadataRequest())
              .build();
      return new BoundPackage(bf36, dp.publicKey(), in.otPkEuicc());
    };
  }

  static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A released order downloadable with {@code matchingId}. */
  public static Order.Builder released(String iccid19, String matchingId) {
    Iccid iccid = Iccid.withCheckDigit(iccid19);
    return Order.builder(iccid, "lab")
        .state(ProfileState.RELEASED)
        .matchingId(MatchingId.of(matchingId))
        .metadata(OrderMetadata.of("RSP Harness", "Lab profile"))
        .profilePackage(() -> ProfilePackages.minimal(iccid, "lab"));
  }

  public static Order.Builder available(String iccid19, String profileType) {
    Iccid iccid = Iccid.withCheckDigit(iccid19);
    return Order.builder(iccid, profileType)
        .profilePackage(() -> ProfilePackages.minimal(iccid, profileType));
  }

  // --- driving a download through the typed service ---------------------------------------

  public InitiateAuthenticationResponse initiate() {
    InitiateAuthenticationRequest r =
        new InitiateAuthenticationRequest(
            euicc.challenge(), euicc.euiccInfo1(), SmdpAddress.of(HOST));
    return overHttp
        ? es9("initiateAuthentication", r, InitiateAuthenticationResponse.class)
        : smdp.es9().initiateAuthentication(r);
  }

  /** One ES9+ function through the endpoint: request and answer as JSON. */
  public <T> T es9(String function, Object request, Class<T> answer) {
    return http(smdp.es9Endpoint(), "/gsma/rsp2/es9plus/" + function, request, answer);
  }

  /** One ES2+ function through the endpoint. */
  public <T> T es2(String function, Object request, Class<T> answer) {
    return http(smdp.es2Endpoint(), "/gsma/rsp2/es2plus/" + function, request, answer);
  }

  private static <T> T http(
      org.rspharness.core.transport.http.RspHttpHandler h,
      String path,
      Object request,
      Class<T> answer) {
    org.rspharness.core.transport.http.RspHttpResponse r = h.handle(post(path, json(request)));
    return RspJson.lenient().read(r.body(), answer);
  }

  /** The last AuthenticateServerResponse sent. */
  public byte[] lastAsr;

  public AuthenticateClientResponseEs9 authenticate(InitiateAuthenticationResponse ia) {
    lastAsr = euicc.authenticateServer(ia);
    AuthenticateClientRequest r = new AuthenticateClientRequest(ia.transactionId(), lastAsr);
    return overHttp
        ? es9("authenticateClient", r, AuthenticateClientResponseEs9.class)
        : smdp.es9().authenticateClient(r);
  }

  public GetBoundProfilePackageResponse getBpp(AuthenticateClientResponseEs9 ac, String cc) {
    byte[] pdr = euicc.prepareDownload(ac, lastAsr, cc);
    GetBoundProfilePackageRequest r = new GetBoundProfilePackageRequest(ac.transactionId(), pdr);
    return overHttp
        ? es9("getBoundProfilePackage", r, GetBoundProfilePackageResponse.class)
        : smdp.es9().getBoundProfilePackage(r);
  }

  public String smdpOid() {
    return CertFacts.registeredIds(PKI.credential(Role.DP_AUTH, curve).certificate()).get(0);
  }

  // --- HTTP helpers ------------------------------------------------------------------------

  public static RspHttpRequest post(String path, String json) {
    return post(path, json.getBytes(StandardCharsets.UTF_8));
  }

  public static RspHttpRequest post(String path, byte[] body) {
    return new RspHttpRequest(
        "POST",
        path,
        Map.of(
            "content-type", "application/json",
            "x-admin-protocol", "gsma/rsp/v2.2.0",
            "user-agent", "gsma-rsp-lpad"),
        body,
        "127.0.0.1:1",
        List.of());
  }

  public static byte[] json(Object message) {
    return RspJson.strict().write(message);
  }

  public static X509Certificate parseCert(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new AssertionError("certificate does not parse", e);
    }
  }

  public static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
