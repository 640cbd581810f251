package org.rspharness.scenario.engine;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rspharness.certs.DeviceIdentities;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.NetworkProfile;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.time.ManualClock;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.tls.TlsOptions;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.DeviceInfo;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es11.Es11Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.scenario.model.Device;
import org.rspharness.scenario.model.Faults;
import org.rspharness.scenario.model.Pki;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.Smdp;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.callback.HttpOperatorNotifier;
import org.rspharness.smdp.smds.SmdsRegistration;
import org.rspharness.smdp.transport.SmdpServer;
import org.rspharness.smds.SmdsSimulator;
import org.rspharness.smds.es12.Es12;
import org.rspharness.smds.es12.SmdsUnreachableException;
import org.rspharness.smds.transport.SmdsServer;

/**
 * A scenario's running topology: the PKI, the SM-DP+ (embedded behind its own loopback TLS ports,
 * or remote), the operator's ES2+ access, and each device's eUICC and LPA. Everything is built from
 * the scenario's seed, so a run replays byte for byte; protocol time is a manual clock that only
 * steps move.
 */
final class World implements AutoCloseable {

  /** The embedded SM-DP+'s name; every device resolves it to the loopback port of its curve. */
  static final String EMBEDDED_HOST = "testsmdpplus1.example.com";

  final Scenario scenario;
  final EventLog events;
  final ManualClock clock;
  final RandomSource random;
  final CredentialSource pki;
  final Callbacks callbacks = new Callbacks();

  /** Host names to dial elsewhere (a remote SM-DP+ in a lab without DNS). */
  private Map<String, String> resolve = Map.of();

  // the devices' table: as resolve, plus the port of a remote SM-DP+ URL (EngineTarget#es9Resolve)
  private Map<String, String> es9Resolve = Map.of();

  final Map<String, DeviceRuntime> devices = new LinkedHashMap<>();

  /**
   * Profiles the scenario installed on cards in PC/SC readers: a card outlives the scenario, so
   * they are deleted when it ends (after its expectations) and the next scenario finds the card as
   * this one did.
   */
  final List<Map.Entry<DeviceRuntime, org.rspharness.core.ids.Iccid>> readerInstalls =
      java.util.Collections.synchronizedList(new ArrayList<>());

  SmdpSimulator smdp;

  /** What the embedded SM-DP+ presents: the PKI, or the PKI with a bad DPauth certificate. */
  CredentialSource smdpCredentials;

  Operator operator;
  String smdpAddress;
  private SmdpServer server;
  private HttpOperatorNotifier notifier;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** The embedded root SM-DS (every device's root SM-DS unless it names another). */
  static final String ROOT_SMDS = org.rspharness.scenario.model.Device.DEFAULT_ROOT_SMDS;

  /** The embedded alternative SM-DS, which forwards its events to the root (ES15). */
  static final String ALTERNATIVE_SMDS = "testsmds2.example.com";

  /** The embedded SM-DSs by host (none with a remote SM-DP+). */
  final Map<String, SmdsSimulator> smds = new LinkedHashMap<>();

  /** Per curve, each embedded SM-DS host's loopback ES11 address. */
  private final Map<Curve, Map<String, String>> smdsDial = new EnumMap<>(Curve.class);

  /** One device: its eUICC and the LPA in front of it. */
  /**
   * A device as the steps drive it; {@code euicc} is the software eUICC whose state the checks
   * read, or null for a card in a PC/SC reader (read through ES10).
   */
  record DeviceRuntime(
      Device spec,
      Eid eid,
      Euicc euicc,
      org.rspharness.euicc.card.Card card,
      Es10Client es10,
      Es9PlusClient es9,
      Lpa lpa) {}

  private World(Scenario scenario, EventLog events, ManualClock clock, CredentialSource pki) {
    this.scenario = scenario;
    this.events = events;
    this.clock = clock;
    this.random = RandomSource.seeded(scenario.seed());
    this.pki = pki;
    this.smdpCredentials = pki;
  }

  /**
   * Builds the topology. A remote {@code target} replaces the scenario's SM-DP+ (and, with a PKI
   * directory, its PKI) as {@code rsp-harness run --smdp} asks.
   */
  static World open(Scenario s, EventLog events, EngineTarget target, ClientTransport group)
      throws IOException {
    Pki pkiSpec =
        target != null && target.pki() != null
            ? new Pki.Directory(target.pki())
            : s.topology().pki();
    Instant t0 = monthStart();
    CredentialSource pki;
    ManualClock clock;
    if (pkiSpec instanceof Pki.Directory d) {
      pki = PkiDirectory.load(d.path());
      clock = ManualClock.at(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    } else {
      Pki.Generated g = (Pki.Generated) pkiSpec;
      long seed = g.seed() != null ? g.seed() : Pki.Generated.DEFAULT_SEED;
      pki = generated(seed, g.dpAuth() != null, t0);
      // protocol time: a day into the PKI's validity, moved only by the scenario
      clock = ManualClock.at(t0.plus(Duration.ofDays(1)));
    }
    World w = new World(s, events, clock, pki);
    if (target != null) {
      w.resolve = target.resolve();
      w.es9Resolve = target.es9Resolve();
    }
    if (pkiSpec instanceof Pki.Generated g && g.dpAuth() != null) {
      // the SM-DP+ presents the bad DPauth certificate on every curve it has one for
      BadVariant variant = BadVariant.byDirectoryName(g.dpAuth()).orElseThrow();
      Map<Curve, org.rspharness.core.pki.Credential> bad = new EnumMap<>(Curve.class);
      for (Curve c : pki.curves()) {
        pki.variant(variant, c).ifPresent(cred -> bad.put(c, cred));
      }
      w.smdpCredentials =
          new org.rspharness.core.pki.RoleOverride(
              pki, variant.role(), bad, "presenting the " + variant.directoryName() + " DPauth");
    }
    try {
      Smdp smdp = target != null && target.smdp() != null ? target.smdp() : s.topology().smdp();
      if (smdp instanceof Smdp.Embedded
          && pki.find(org.rspharness.core.pki.Role.DS_TLS, Curve.NIST_P256).isPresent()
          && pki.find(org.rspharness.core.pki.Role.DS_AUTH, Curve.NIST_P256).isPresent()) {
        w.startSmds(
            s.topology().devices().stream().anyMatch(d -> d.curve() == Curve.BRAINPOOL_P256R1));
      }
      Map<Curve, String> dial = w.startSmdp(smdp);
      int index = 1;
      for (Device d : s.topology().devices()) {
        w.addDevice(d, index++, dial, group);
      }
      return w;
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  private record PkiKey(long seed, boolean variants, Instant validFrom) {}

  /** Generated PKIs by seed: generation costs a second, and most scenarios share the default. */
  private static final Map<PkiKey, TestPki> PKIS = new java.util.concurrent.ConcurrentHashMap<>();

  private static TestPki generated(long seed, boolean variants, Instant t0) {
    return PKIS.computeIfAbsent(
        new PkiKey(seed, variants, t0),
        k ->
            TestPki.builder()
                .random(RandomSource.seeded(seed))
                .validFrom(t0)
                .smdpHost(EMBEDDED_HOST)
                .variants(variants)
                .build());
  }

  /**
   * The first day of the current month, UTC: generated certificates are valid from there, so they
   * are the same all month (a replay within the month is byte-identical) and the TLS certificate,
   * which the TLS stack checks against the real time, stays valid (200 days).
   */
  static Instant monthStart() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return now.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Starts the embedded SM-DP+ or sets up the remote one; returns each curve's dial address. */
  private Map<Curve, String> startSmdp(Smdp spec) throws IOException {
    Map<Curve, String> dial = new EnumMap<>(Curve.class);
    if (spec instanceof Smdp.Embedded e) {
      Path inventory = inventoryFile(e.inventory());
      // one plan for the SM-DP+ side: protocol and server-network rules count together
      FaultPlan smdpPlan = smdpFaults();
      notifier =
          new HttpOperatorNotifier(
              this::operatorReceives,
              URI.create("https://operator.example.com"),
              "smdp",
              1,
              Duration.ofMillis(10),
              events);
      closeables.add(notifier::close);
      try {
        smdp =
            SmdpSimulator.builder(smdpCredentials, EMBEDDED_HOST)
                .inventory(inventory)
                .clock(clock)
                .random(random.derive("smdp"))
                .events(events)
                .operatorNotifier(notifier)
                .faults(smdpPlan)
                .quirks(org.rspharness.smdp.quirk.Quirks.parse(e.quirks()))
                .strict(e.strict())
                .smds(es12InMemory())
                .smdsPolicy(new SmdsRegistration.Policy(2, Duration.ofMillis(20)))
                .build();
      } finally {
        if (e.inventory() instanceof Smdp.InlineInventory) {
          Files.deleteIfExists(inventory);
        }
      }
      // port 0: the OS binds a free port atomically (probing one first raced parallel scenarios)
      server =
          SmdpServer.start(
              pki,
              SmdpServer.Config.es9Only(EMBEDDED_HOST, 0).withBrainpoolPort(0).withFaults(smdpPlan),
              smdp.es9Endpoint(),
              smdp.es2Endpoint(),
              SmdpServer.newRegistry(),
              events);
      for (Curve c : Curve.values()) {
        server.es9Port(c).ifPresent(p -> dial.put(c, "127.0.0.1:" + p));
      }
      operator = Operator.inProcess(smdp.es2Endpoint(), events);
      smdpAddress = EMBEDDED_HOST;
    } else {
      Smdp.Remote r = (Smdp.Remote) spec;
      smdpAddress =
          r.url().getPort() > 0 ? r.url().getHost() + ":" + r.url().getPort() : r.url().getHost();
      if (r.es2() != null) {
        operator = remoteOperator(r.es2());
        closeables.add(operator);
      }
    }
    return dial;
  }

  /**
   * The embedded root and alternative SM-DSs, each with its ES11 ports over loopback TLS (the
   * generated DStls names both hosts). ES12 from the embedded SM-DP+ and ES15 between them run in
   * memory ({@link #es12InMemory()}); an SM-DS host the topology lacks is unreachable.
   */
  private void startSmds(boolean brainpool) {
    SmdsSimulator root =
        SmdsSimulator.builder(pki, ROOT_SMDS)
            .clock(clock)
            .random(random.derive("smds/root"))
            .events(events)
            .build();
    smds.put(ROOT_SMDS, root);
    SmdsSimulator alternative =
        SmdsSimulator.builder(pki, ALTERNATIVE_SMDS)
            .clock(clock)
            .random(random.derive("smds/alternative"))
            .events(events)
            .forwardTo(org.rspharness.core.ids.SmdpAddress.of(ROOT_SMDS), es12InMemory())
            .build();
    smds.put(ALTERNATIVE_SMDS, alternative);
    for (SmdsSimulator s : smds.values()) {
      SmdsServer server =
          SmdsServer.start(
              pki, new SmdsServer.Config("127.0.0.1", 0, brainpool ? 0 : -1, -1), s, events);
      closeables.add(server);
      for (Curve c : Curve.values()) {
        server
            .es11Port(c)
            .ifPresent(
                p ->
                    smdsDial
                        .computeIfAbsent(c, k -> new LinkedHashMap<>())
                        .put(s.address().host(), "127.0.0.1:" + p));
      }
    }
  }

  /** ES12 to the embedded SM-DSs by host, in memory; any other host cannot be reached. */
  private Es12 es12InMemory() {
    return new Es12() {
      private Es12 at(org.rspharness.core.ids.SmdpAddress a) throws SmdsUnreachableException {
        SmdsSimulator s = smds.get(a.host().toLowerCase(java.util.Locale.ROOT));
        if (s == null) {
          throw new SmdsUnreachableException("no SM-DS answers at " + a.value(), null);
        }
        return s.es12();
      }

      @Override
      public org.rspharness.core.es12.Es12Response registerEvent(
          org.rspharness.core.ids.SmdpAddress a, org.rspharness.core.es12.RegisterEventRequest r)
          throws SmdsUnreachableException {
        return at(a).registerEvent(a, r);
      }

      @Override
      public org.rspharness.core.es12.Es12Response deleteEvent(
          org.rspharness.core.ids.SmdpAddress a, org.rspharness.core.es12.DeleteEventRequest r)
          throws SmdsUnreachableException {
        return at(a).deleteEvent(a, r);
      }
    };
  }

  private Operator remoteOperator(Smdp.Es2 es2) throws IOException {
    List<X509Certificate> chain = PemFiles.certificates(es2.clientCert());
    java.security.PrivateKey key = PemFiles.privateKey(es2.clientKey());
    List<X509Certificate> trust = new ArrayList<>();
    for (Curve c : pki.curves()) {
      trust.add(pki.ci(c).certificate());
    }
    RspHttpClient client =
        new RspHttpClient(
            RspHttpClient.Config.overTls(trust, key, chain, TlsOptions.sgp22(), "operator")
                .withResolve(resolve),
            events);
    return Operator.https(client, es2.url());
  }

  private Path inventoryFile(Smdp.InventorySource source) throws IOException {
    if (source instanceof Smdp.InventoryFile f) {
      return f.path();
    }
    Path tmp = Files.createTempFile("rsp-inventory-", ".yaml");
    Files.writeString(tmp, ((Smdp.InlineInventory) source).toYaml(), StandardCharsets.UTF_8);
    return tmp;
  }

  /** The operator's side of HandleDownloadProgressInfo: records it and answers success. */
  private RspHttpResponse operatorReceives(
      URI url, Map<String, String> headers, byte[] body, String function) {
    callbacks.receive(body);
    byte[] answer =
        RspJson.strict()
            .write(
                Map.of(
                    "header",
                    Map.of("functionExecutionStatus", Map.of("status", "Executed-Success"))));
    events.emit(
        "smdp",
        new EventPayload.HttpExchange(function, url.toString(), 204, body, answer, 0, null));
    return new RspHttpResponse(200, Map.of("Content-Type", "application/json"), answer);
  }

  private void addDevice(Device d, int index, Map<Curve, String> dial, ClientTransport group) {
    Curve curve = d.curve();
    if (!pki.curves().contains(curve)) {
      throw new IllegalArgumentException(
          "devices." + d.name() + ".curve: the PKI has no " + curve.cliName() + " CI");
    }
    FaultPlan devicePlan = deviceFaults(d.name());
    org.rspharness.lpa.LpaBehaviour behaviour = d.lpa();
    if (d.reader() != null) {
      org.rspharness.euicc.transport.pcsc.PcscCard card = openReader(d, devicePlan);
      Es10Client es10 = new Es10Client(card, events, behaviour.es10Options("lpa/" + d.name()));
      // SGP.22 5.7.20 GetEID: the card says who it is; it trusts the CIs of the PKI in use
      Eid eid = es10.getEid();
      connect(d, eid, null, card, es10, pki, dial, group, devicePlan);
      return;
    }
    CredentialSource trustSource = pki;
    for (String ci : d.ciList()) {
      if (ci.equalsIgnoreCase("other")) {
        // an eUICC of another PKI: it trusts a CI the SM-DP+ does not know
        trustSource =
            TestPki.builder()
                .random(random.derive("other-ci/" + d.name()))
                .validFrom(monthStart())
                .curves(Set.of(curve))
                .build();
      } else if (!ci.equals("pki")) {
        throw new IllegalArgumentException(
            "devices."
                + d.name()
                + ".ciList: '"
                + ci
                + "': only 'pki' and 'other' are supported by the engine");
      }
    }
    Eid base =
        Eid.of(
            org.rspharness.core.pki.CertFacts.eid(trustSource.euicc(curve).certificate())
                .orElseThrow());
    Eid eid = DeviceIdentities.eid(base, index);
    CredentialSource identitySource =
        DeviceIdentities.forDevice(
            trustSource, eid, Set.of(curve), random.derive("device-key/" + d.name()));
    EuiccConfig config =
        EuiccConfig.defaults()
            .withCurves(Set.of(curve))
            .withSvn(d.svn())
            .withMemoryBudget(d.memory())
            .withMaxProfiles(d.maxProfiles())
            .withDefaultSmdpAddress(smdpAddress)
            .withRootSmdsAddress(d.rootSmds())
            .withRat(
                List.of(
                    new EuiccConfig.RatRule(
                        d.ppr().allowPpr1(), d.ppr().allowPpr2(), List.of("EEEEEE"), false)));
    String source = d.name();
    Euicc euicc =
        Euicc.builder(EuiccIdentity.from(identitySource, Set.of(curve)))
            .config(config)
            .random(random.derive("euicc/" + d.name()))
            .clock(clock)
            .events(events)
            .faults(devicePlan)
            .strict(d.strict())
            .build();
    Es10Client es10 = new Es10Client(euicc, events, behaviour.es10Options("lpa/" + source));
    connect(d, eid, euicc, euicc, es10, trustSource, dial, group, devicePlan);
  }

  /**
   * The card in the device's PC/SC reader. Card faults are injected inside the software eUICC,
   * which a card in a reader is not: a scenario asking for them on such a device is refused.
   */
  private org.rspharness.euicc.transport.pcsc.PcscCard openReader(Device d, FaultPlan plan) {
    boolean cardFaults =
        plan.rules().stream().anyMatch(r -> r.layer() == org.rspharness.core.fault.Layer.CARD);
    if (cardFaults) {
      throw new IllegalArgumentException(
          "devices."
              + d.name()
              + ".reader: card faults are injected in the software eUICC; a card in a reader"
              + " takes none (remove the card-layer rules for this device)");
    }
    try {
      org.rspharness.euicc.transport.pcsc.PcscCard card =
          org.rspharness.euicc.transport.pcsc.PcscCard.open(d.reader());
      closeables.add(card);
      return card;
    } catch (javax.smartcardio.CardException e) {
      throw new IllegalArgumentException(
          "devices." + d.name() + ".reader: '" + d.reader() + "': " + e.getMessage(), e);
    }
  }

  /** The device's LPA and ES9+ client over {@code es10}, for a software eUICC or a reader card. */
  private void connect(
      Device d,
      Eid eid,
      Euicc euicc,
      org.rspharness.euicc.card.Card card,
      Es10Client es10,
      CredentialSource trustSource,
      Map<Curve, String> dial,
      ClientTransport group,
      FaultPlan devicePlan) {
    Curve curve = d.curve();
    String source = d.name();
    org.rspharness.lpa.LpaBehaviour behaviour = d.lpa();
    if (!behaviour.equals(org.rspharness.lpa.LpaBehaviour.SPEC)) {
      events.emit(
          "lpa/" + d.name(),
          new EventPayload.Note(
              org.rspharness.scenario.report.RunSummary.LPA_BEHAVIOUR_NOTE
                  + d.name()
                  + ": "
                  + behaviour.describe()));
    }
    Es9PlusClient.Config base9 =
        Es9PlusClient.Config.defaults(List.of(trustSource.ci(curve).certificate()));
    Map<String, String> resolve = new LinkedHashMap<>(this.es9Resolve);
    if (dial.containsKey(curve)) {
      resolve.put(EMBEDDED_HOST, dial.get(curve));
    }
    resolve.putAll(smdsDial.getOrDefault(curve, Map.of()));
    Es9PlusClient.Config c9 =
        new Es9PlusClient.Config(
            base9.ciCertificates(),
            resolve,
            base9.adminProtocol(),
            base9.userAgent(),
            base9.connectTimeout(),
            Duration.ofSeconds(20),
            base9.tls(),
            "lpa/" + source);
    Es9PlusClient es9 =
        new Es9PlusClient(
                behaviour.es9Config(c9.withFaults(devicePlan)),
                events,
                group,
                new org.rspharness.core.event.Deviations(events, "lpa/" + source, d.strict()))
            .connectionPerCall(behaviour.connectionPerCall());
    closeables.add(es9);
    DeviceInfo info = d.imei() != null ? DeviceInfo.of(d.tac(), d.imei()) : DeviceInfo.defaults();
    Lpa.Config lc = Lpa.Config.defaults();
    Lpa lpa =
        new Lpa(
            es10,
            d.binding().equals("asn1") ? es9.asn1() : es9,
            d.binding().equals("asn1")
                ? new org.rspharness.lpa.es11.Es11Asn1Client(es9)
                : new Es11Client(
                    es9,
                    d.es11Path() != null
                        ? Es11Client.PathVariant.parse(d.es11Path())
                        : behaviour.es11Path()),
            events,
            new Lpa.Config(
                    info,
                    lc.refreshFlag(),
                    lc.notificationAttempts(),
                    lc.checkRat(),
                    "lpa/" + source)
                .withNotifyAfterOperations(false));
    lpa.behaviour(behaviour).strict(d.strict());
    devices.put(d.name(), new DeviceRuntime(d, eid, euicc, card, es10, es9, lpa));
  }

  /** The SM-DP+ side of the scenario's fault plan (protocol and server network rules). */
  FaultPlan smdpFaults() {
    return plan(r -> r.smdpSide(), "faults/smdp", false);
  }

  /** One device's side of the fault plan: its card and client network rules, and the profile. */
  FaultPlan deviceFaults(String device) {
    return plan(
        r -> !r.smdpSide() && (r.device() == null || r.device().equals(device)),
        "faults/" + device,
        true);
  }

  private FaultPlan plan(
      java.util.function.Predicate<Faults.Rule> mine, String label, boolean withProfile) {
    Faults f = scenario.faults();
    List<FaultRule> rules = new ArrayList<>();
    for (Faults.Rule r : f.rules()) {
      if (mine.test(r)) {
        rules.add(r.rule());
      }
    }
    NetworkProfile profile = withProfile ? f.profile() : null;
    if (rules.isEmpty() && profile == null) {
      return FaultPlan.none();
    }
    return new FaultPlan(rules, profile, random.derive(label), events);
  }

  /** The embedded SM-DP+'s ES9+ port on {@code curve}, or -1 (remote SM-DP+, no such port). */
  int es9Port(Curve curve) {
    return server == null ? -1 : server.es9Port(curve).orElse(-1);
  }

  /** Whether the SM-DP+ is the embedded one (its state can be inspected). */
  boolean embedded() {
    return smdp != null;
  }

  @Override
  public void close() {
    List<Map.Entry<DeviceRuntime, org.rspharness.core.ids.Iccid>> installed;
    synchronized (readerInstalls) {
      installed = new ArrayList<>(readerInstalls);
    }
    for (Map.Entry<DeviceRuntime, org.rspharness.core.ids.Iccid> e : installed) {
      try {
        e.getKey().lpa().disable(e.getValue());
        var r = e.getKey().lpa().delete(e.getValue());
        events.emit(
            "lpa/" + e.getKey().spec().name(),
            new EventPayload.Note(
                "reader card: " + e.getValue().value() + " deleted at the end: " + r.resultName()));
      } catch (RuntimeException ex) {
        // best effort: the card keeps the profile, the note says so
        events.emit(
            "lpa/" + e.getKey().spec().name(),
            new EventPayload.Note("reader card: " + e.getValue().value() + " not deleted: " + ex));
      }
    }
    if (server != null) {
      server.close();
    }
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // closing is best effort; the run's result is already recorded
      }
    }
  }
}
