package org.rspharness.scenario.model;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rspharness.core.crypto.Curve;
import org.rspharness.scenario.model.YamlReader.Obj;
import org.rspharness.scenario.model.YamlTree.ListNode;
import org.rspharness.scenario.model.YamlTree.Loc;
import org.rspharness.scenario.model.YamlTree.MapNode;
import org.rspharness.scenario.model.YamlTree.Node;
import org.rspharness.scenario.model.YamlTree.Scalar;
import org.rspharness.smdp.inventory.Inventory;
import org.rspharness.smdp.inventory.InventoryException;
import org.rspharness.smdp.order.ProfileState;

/**
 * Reads scenario files (YAML, the format of {@code scenario.schema.json}) into {@link Scenario}s.
 *
 * <p>Strict: unknown fields, wrong types, values outside an enumeration and missing required fields
 * are rejected, as are inconsistencies of the whole (see {@link Scenario}). Every failure is one
 * {@link ScenarioLoadException} whose message is one line, {@code file:line:column: field 'x.y':
 * what was expected}; no scenario is returned half-read. Relative paths in the file (inventoryFile,
 * the PKI directory, ES2+ credentials) are resolved against the file's directory and must exist.
 */
public final class ScenarioLoader {

  /** The JSON Schema of the file format, on the classpath. */
  public static final String SCHEMA_RESOURCE = "/org/rspharness/scenario/scenario.schema.json";

  /**
   * The fields each kind of YAML object accepts, by the name of its definition in the schema
   * ({@code $defs}); the record the loader builds from it, where the fields are exactly that
   * record's components. The schema test checks both against the schema.
   */
  record Shape(Set<String> fields, Class<? extends Record> record) {}

  static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

  private static final List<String> STEP_COMMON = List.of("name", "capture", "expect");
  private static final Map<String, Class<? extends Record>> ACTIONS = new LinkedHashMap<>();
  private static final Map<String, Class<? extends Record>> EXPECTATIONS = new LinkedHashMap<>();

  static {
    ACTIONS.put("downloadOrder", Action.DownloadOrder.class);
    ACTIONS.put("confirmOrder", Action.ConfirmOrder.class);
    ACTIONS.put("cancelOrder", Action.CancelOrder.class);
    ACTIONS.put("releaseProfile", Action.ReleaseProfile.class);
    ACTIONS.put("waitForCallback", Action.WaitForCallback.class);
    ACTIONS.put("download", Action.Download.class);
    ACTIONS.put("discover", Action.Discover.class);
    ACTIONS.put("enable", Action.Enable.class);
    ACTIONS.put("disable", Action.Disable.class);
    ACTIONS.put("delete", Action.Delete.class);
    ACTIONS.put("nickname", Action.Nickname.class);
    ACTIONS.put("memoryReset", Action.MemoryReset.class);
    ACTIONS.put("processNotifications", Action.ProcessNotifications.class);
    ACTIONS.put("powerCycle", Action.PowerCycle.class);
    ACTIONS.put("advanceClock", Action.AdvanceClock.class);
    ACTIONS.put("es10", Action.Es10.class);
    ACTIONS.put("waitUntil", Action.WaitUntil.class);
    ACTIONS.put("repeat", Action.Repeat.class);
    ACTIONS.put("forEach", Action.ForEach.class);
    ACTIONS.put("parallel", Action.Parallel.class);
    EXPECTATIONS.put("euicc", Expectation.EuiccState.class);
    EXPECTATIONS.put("smdpOrder", Expectation.SmdpOrder.class);
    EXPECTATIONS.put("eventOrder", Expectation.EventOrder.class);
    EXPECTATIONS.put("stepTime", Expectation.StepTime.class);
    EXPECTATIONS.put("span", Expectation.Span.class);

    shape("scenario", Scenario.class);
    shape("faults", Faults.class);
    shape("networkProfile", org.rspharness.core.fault.NetworkProfile.class);
    shape("load", Load.class);
    shape("loadFile", null, "load", "faults");
    shape("stage", Stage.class);
    shape("stageAcceptance", null, "thresholds");
    shape("threshold", null, "kpi", "min", "max");
    shape("faultRule", null, "device", "layer", "target", "occurrence", "point", "apdu", "fault");
    shape("topology", Topology.class);
    shape("smdpEmbedded", null, "inventory", "inventoryFile", "quirks", "strict");
    shape("smdpRemote", Smdp.Remote.class);
    shape("es2", Smdp.Es2.class);
    shape("pki", null, "generated", "directory");
    shape("pkiGenerated", Pki.Generated.class);
    shape("device", Device.class);
    shape("ppr", Device.PprPolicy.class);
    shape(
        "lpa",
        null,
        "preset",
        "storeDataBlockSize",
        "logicalChannel",
        "connectionPerCall",
        "cancelReason",
        "adminProtocol",
        "userAgent",
        "notificationAttempts",
        "removeUndelivered",
        "es11Path");
    List<String> step = new ArrayList<>(STEP_COMMON);
    step.addAll(ACTIONS.keySet());
    shape("step", null, step.toArray(String[]::new));
    shape("stepExpect", Expect.class);
    shape("budget", Budget.class);
    ACTIONS.forEach(ScenarioLoader::shape);
    shape("expectation", null, EXPECTATIONS.keySet().toArray(String[]::new));
    EXPECTATIONS.forEach(ScenarioLoader::shape);
    shape("profile", Expectation.ProfileExpectation.class);
    shape("notification", Expectation.NotificationExpectation.class);
    shape("callback", Expectation.CallbackExpectation.class);
  }

  private static void shape(String name, Class<? extends Record> record) {
    Set<String> fields = new LinkedHashSet<>();
    for (var c : record.getRecordComponents()) {
      fields.add(c.getName());
    }
    SHAPES.put(name, new Shape(Collections.unmodifiableSet(fields), record));
  }

  private static void shape(String name, Class<? extends Record> record, String... fields) {
    SHAPES.put(
        name, new Shape(Collections.unmodifiableSet(new LinkedHashSet<>(List.of(fields))), record));
  }

  /** Faults written as a bare name (no parameter). */
  private static final Map<String, org.rspharness.core.fault.Fault> FAULT_NAMES =
      new LinkedHashMap<>();

  /** Faults written as {@code {kind: parameter}} ({@code jitter} goes with latency). */
  private static final List<String> FAULT_PARAMS =
      List.of(
          "latency",
          "jitter",
          "bandwidth",
          "stall",
          "close-after",
          "status",
          "http-error",
          "status-word",
          "slow-card",
          "bpp-corrupted-segment",
          "bpp-bad-mac");

  private static final Map<String, org.rspharness.core.fault.Layer> LAYERS = new LinkedHashMap<>();

  private static final Map<String, org.rspharness.core.fault.FaultPoint> POINTS =
      new LinkedHashMap<>();

  static {
    for (org.rspharness.core.fault.Fault f :
        List.of(
            new org.rspharness.core.fault.Fault.Reset(),
            new org.rspharness.core.fault.Fault.TlsFailure(),
            new org.rspharness.core.fault.Fault.Refuse(),
            new org.rspharness.core.fault.Fault.PowerLoss(),
            new org.rspharness.core.fault.Fault.MemoryFull(),
            new org.rspharness.core.fault.Fault.ChannelLeftOpen())) {
      FAULT_NAMES.put(f.name(), f);
    }
    for (org.rspharness.core.fault.Fault.Corrupt.Kind k :
        org.rspharness.core.fault.Fault.Corrupt.Kind.values()) {
      org.rspharness.core.fault.Fault.Corrupt c = new org.rspharness.core.fault.Fault.Corrupt(k, 0);
      if (k != org.rspharness.core.fault.Fault.Corrupt.Kind.BPP_CORRUPTED_SEGMENT
          && k != org.rspharness.core.fault.Fault.Corrupt.Kind.BPP_BAD_MAC) {
        FAULT_NAMES.put(c.name(), c);
      }
    }
    for (org.rspharness.core.fault.Layer l : org.rspharness.core.fault.Layer.values()) {
      LAYERS.put(l.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), l);
    }
    for (org.rspharness.core.fault.FaultPoint p : org.rspharness.core.fault.FaultPoint.values()) {
      POINTS.put(p.fileName(), p);
    }
    shape("fault", null, FAULT_PARAMS.toArray(String[]::new));
  }

  private static final Map<String, Action.UserConsent> CONSENTS = new LinkedHashMap<>();

  static {
    for (Action.UserConsent c : Action.UserConsent.values()) {
      CONSENTS.put(c.fileName(), c);
    }
  }

  private static final Map<String, Curve> CURVES = new LinkedHashMap<>();

  static {
    CURVES.put("nist", Curve.NIST_P256);
    CURVES.put("brainpool", Curve.BRAINPOOL_P256R1);
  }

  private final YamlReader yaml;
  private final Path base;

  private ScenarioLoader(String file, Path base) {
    this.yaml = new YamlReader(file, base);
    this.base = base;
  }

  /** Loads a scenario file. */
  public static Scenario load(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ScenarioLoadException(path + ": scenario file not found");
    } catch (IOException e) {
      throw new ScenarioLoadException(path + ": cannot read: " + e.getMessage(), e);
    }
    Path dir = path.toAbsolutePath().getParent();
    return parse(new String(bytes, StandardCharsets.UTF_8), path.toString(), dir);
  }

  /**
   * Reads scenario YAML; {@code fileName} prefixes error messages, relative paths resolve against
   * {@code baseDir}.
   */
  public static Scenario parse(String yaml, String fileName, Path baseDir) {
    return new ScenarioLoader(fileName, baseDir).read(yaml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Loads a load file for {@code rsp-harness load --load-file}: a staged rollout ({@code load:}, as
   * in a scenario) and the devices' fault plan ({@code faults:}, optional, as in a scenario).
   */
  public static LoadFile loadFile(Path path) {
    ScenarioLoader loader = new ScenarioLoader(path.toString(), path.toAbsolutePath().getParent());
    return loader.readWith(bytes(path, "load file"), loader::loadFileNode);
  }

  /**
   * Loads a faults file for {@code rsp-harness load --faults}: {@code faults:} as in a scenario.
   */
  public static Faults faultsFile(Path path) {
    ScenarioLoader loader = new ScenarioLoader(path.toString(), path.toAbsolutePath().getParent());
    return loader.readWith(bytes(path, "faults file"), loader::faultsFileNode);
  }

  /**
   * What a load file holds.
   *
   * @param load the stages
   * @param faults the devices' faults ({@link Faults#NONE} when absent)
   */
  public record LoadFile(Load load, Faults faults) {}

  private LoadFile loadFileNode(Node n) {
    Obj o = obj(n, "", "loadFile");
    Load load = load(o.req("load"), o.path("load"));
    Faults faults = o.has("faults") ? faults(o.node("faults"), o.path("faults")) : Faults.NONE;
    return new LoadFile(load, faults);
  }

  private Faults faultsFileNode(Node n) {
    if (!(n instanceof MapNode m) || !m.entries().containsKey("faults")) {
      throw error("", n.loc(), "expected a mapping with 'faults' (as in a scenario file)");
    }
    if (m.entries().size() > 1) {
      String other =
          m.entries().keySet().stream().filter(k -> !k.equals("faults")).findFirst().orElseThrow();
      throw error(other, m.entries().get(other).keyLoc(), "unknown field; expected [faults]");
    }
    return faults(m.entries().get("faults").value(), "faults");
  }

  private static byte[] bytes(Path path, String what) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ScenarioLoadException(path + ": " + what + " not found");
    } catch (IOException e) {
      throw new ScenarioLoadException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  private <T> T readWith(byte[] bytes, java.util.function.Function<Node, T> reader) {
    return yaml.read(bytes, "a mapping", reader);
  }

  private Scenario read(byte[] bytes) {
    return yaml.read(bytes, "a scenario", this::scenario);
  }

  // --- the shapes of the file ------------------------------------------------------------------

  private Scenario scenario(Node n) {
    Obj o = obj(n, "", "scenario");
    String name = o.text("name");
    String description = o.optText("description");
    long seed = o.has("seed") ? o.integer("seed") : 0L;
    Topology topology = topology(o.req("topology"), "topology");
    List<Step> steps = o.list("steps", !o.has("load"), this::step);
    List<Expectation> expect = o.list("expect", false, this::expectation);
    Faults faults = o.has("faults") ? faults(o.node("faults"), o.path("faults")) : Faults.NONE;
    Load load = o.has("load") ? load(o.node("load"), o.path("load")) : null;
    return new Scenario(name, description, seed, topology, steps, expect, faults, load);
  }

  private Load load(Node n, String path) {
    Obj o = obj(n, path, "load");
    Curve curve = o.has("curve") ? o.choice("curve", CURVES) : null;
    org.rspharness.lpa.LpaBehaviour lpa = lpaBehaviour(o);
    List<Stage> stages = o.list("stages", true, this::stage);
    return o.build(() -> new Load(curve, lpa, stages));
  }

  private Stage stage(Node n, String path) {
    Obj o = obj(n, path, "stage");
    String name = o.text("name");
    int devices = o.positive("devices", -1);
    int concurrency = o.positive("concurrency", 1);
    int count = o.positive("count", 0);
    Duration duration = o.has("duration") ? o.duration("duration") : null;
    Duration rampUp = o.has("rampUp") ? o.duration("rampUp") : null;
    boolean enable = o.bool("enable", false);
    int attempts = o.positive("attempts", 1);
    List<org.rspharness.scenario.kpi.Threshold> gate = List.of();
    if (o.has("acceptance")) {
      Obj a = obj(o.node("acceptance"), o.path("acceptance"), "stageAcceptance");
      gate = a.list("thresholds", true, this::threshold);
      if (gate.isEmpty()) {
        throw a.error(
            a.path("thresholds"), a.node("thresholds").loc(), "expected at least one threshold");
      }
    }
    List<org.rspharness.scenario.kpi.Threshold> thresholds = gate;
    return o.build(
        () ->
            new Stage(
                name, devices, concurrency, count, duration, rampUp, enable, attempts, thresholds));
  }

  private org.rspharness.scenario.kpi.Threshold threshold(Node n, String path) {
    Obj o = obj(n, path, "threshold");
    String kpi = o.text("kpi");
    String min = o.optText("min");
    String max = o.optText("max");
    return o.build(() -> org.rspharness.scenario.kpi.Acceptance.threshold(kpi, min, max));
  }

  private Faults faults(Node n, String path) {
    Obj o = obj(n, path, "faults");
    org.rspharness.core.fault.NetworkProfile profile = null;
    if (o.has("profile")) {
      Node p = o.node("profile");
      if (p instanceof Scalar) {
        String name = o.text("profile");
        profile = org.rspharness.core.fault.NetworkProfile.named(name);
        if (profile == null) {
          throw o.error(
              o.path("profile"),
              p.loc(),
              "unknown network profile '"
                  + name
                  + "'; expected one of "
                  + org.rspharness.core.fault.NetworkProfile.NAMES
                  + " or {name, latency, jitter, resetPercent, bytesPerSecond, lossPercent}");
        }
      } else {
        Obj np = obj(p, o.path("profile"), "networkProfile");
        String name = np.text("name");
        Duration latency = np.duration("latency");
        Duration jitter = np.has("jitter") ? np.duration("jitter") : Duration.ZERO;
        double reset = np.has("resetPercent") ? np.integer("resetPercent") : 0;
        long bandwidth = np.has("bytesPerSecond") ? np.integer("bytesPerSecond") : 0;
        double loss = np.has("lossPercent") ? np.integer("lossPercent") : 0;
        profile =
            np.build(
                () ->
                    new org.rspharness.core.fault.NetworkProfile(
                        name, latency, jitter, reset, bandwidth, loss));
      }
    }
    List<Faults.Rule> rules = o.list("rules", false, this::faultRule);
    org.rspharness.core.fault.NetworkProfile prof = profile;
    return o.build(() -> new Faults(prof, rules));
  }

  private Faults.Rule faultRule(Node n, String path) {
    Obj o = obj(n, path, "faultRule");
    String device = o.optText("device");
    org.rspharness.core.fault.Layer layer = o.choice("layer", LAYERS);
    String target = o.has("target") ? o.text("target") : "*";
    int occurrence = o.has("occurrence") ? (int) o.integer("occurrence") : 1;
    org.rspharness.core.fault.FaultPoint point = o.choice("point", POINTS);
    int apdu = o.has("apdu") ? (int) o.integer("apdu") : -1;
    org.rspharness.core.fault.Fault fault = fault(o.req("fault"), o.path("fault"));
    return o.build(
        () ->
            new Faults.Rule(
                device,
                new org.rspharness.core.fault.FaultRule(
                    layer, target, occurrence, point, apdu, fault)));
  }

  private org.rspharness.core.fault.Fault fault(Node n, String path) {
    if (n instanceof Scalar s && !s.isNull()) {
      org.rspharness.core.fault.Fault f = FAULT_NAMES.get(s.text());
      if (f == null) {
        throw error(
            path,
            n.loc(),
            "unknown fault '"
                + s.text()
                + "'; expected one of "
                + FAULT_NAMES.keySet()
                + " or a mapping with one of "
                + FAULT_PARAMS);
      }
      return f;
    }
    Obj o = obj(n, path, "fault");
    List<String> kinds = new ArrayList<>();
    for (String k : FAULT_PARAMS) {
      if (o.has(k) && !k.equals("jitter")) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw o.error(path, o.loc(), "expected exactly one fault kind of " + FAULT_PARAMS);
    }
    String k = kinds.get(0);
    if (o.has("jitter") && !k.equals("latency")) {
      throw o.error(o.path("jitter"), o.loc(), "jitter only goes with latency");
    }
    return o.build(
        () ->
            switch (k) {
              case "latency" ->
                  new org.rspharness.core.fault.Fault.Latency(
                      o.duration("latency"), o.has("jitter") ? o.duration("jitter") : null);
              case "bandwidth" -> new org.rspharness.core.fault.Fault.Bandwidth(o.integer(k));
              case "stall" -> new org.rspharness.core.fault.Fault.Stall(o.duration(k));
              case "close-after" ->
                  new org.rspharness.core.fault.Fault.CloseAfter((int) o.integer(k));
              case "status" -> new org.rspharness.core.fault.Fault.AnswerStatus(statusOf(o, k));
              case "http-error" ->
                  new org.rspharness.core.fault.Fault.HttpError((int) o.integer(k));
              case "status-word" -> new org.rspharness.core.fault.Fault.CardStatusWord(swOf(o, k));
              case "slow-card" -> new org.rspharness.core.fault.Fault.SlowCard(o.duration(k));
              case "bpp-corrupted-segment" ->
                  new org.rspharness.core.fault.Fault.Corrupt(
                      org.rspharness.core.fault.Fault.Corrupt.Kind.BPP_CORRUPTED_SEGMENT,
                      (int) o.integer(k));
              default ->
                  new org.rspharness.core.fault.Fault.Corrupt(
                      org.rspharness.core.fault.Fault.Corrupt.Kind.BPP_BAD_MAC, (int) o.integer(k));
            });
  }

  private static org.rspharness.core.status.StatusCode statusOf(Obj o, String key) {
    try {
      return Expect.status(o.text(key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage().replaceFirst("^status: ", ""));
    }
  }

  private static int swOf(Obj o, String key) {
    String t = o.text(key);
    if (!t.matches("[0-9A-Fa-f]{4}")) {
      throw new IllegalArgumentException(
          key + ": expected 4 hex digits such as 6A80, got '" + t + "'");
    }
    return Integer.parseInt(t, 16);
  }

  private Topology topology(Node n, String path) {
    Obj o = obj(n, path, "topology");
    Smdp smdp = smdp(o.req("smdp"), o.path("smdp"));
    Pki pki = o.has("pki") ? pki(o.node("pki"), o.path("pki")) : null;
    List<Device> devices = o.list("devices", true, this::device);
    return o.build(() -> new Topology(smdp, pki, devices));
  }

  private Smdp smdp(Node n, String path) {
    if (n instanceof MapNode m
        && (m.entries().containsKey("url") || m.entries().containsKey("es2"))) {
      Obj o = obj(n, path, "smdpRemote");
      URI url = o.uri("url");
      Smdp.Es2 es2 = o.has("es2") ? es2(o.node("es2"), o.path("es2")) : null;
      return o.build(() -> new Smdp.Remote(url, es2));
    }
    Obj o = obj(n, path, "smdpEmbedded");
    if (o.has("inventory") == o.has("inventoryFile")) {
      throw o.error(
          path,
          o.loc(),
          "expected exactly one of inventory, inventoryFile (embedded) or url (remote)");
    }
    if (o.has("inventory")) {
      Node inv = o.node("inventory");
      if (!(inv instanceof MapNode)) {
        throw o.error(o.path("inventory"), inv.loc(), "expected a mapping with profiles");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) plain(inv);
      absolutePackages(tree);
      List<String> quirks = quirks(o);
      Smdp.Embedded embedded =
          o.build(
              () ->
                  new Smdp.Embedded(
                      new Smdp.InlineInventory(tree), quirks, o.bool("strict", false)));
      checkInventory((Smdp.InlineInventory) embedded.inventory(), o.path("inventory"), inv);
      return embedded;
    }
    Path p = o.existingPath("inventoryFile", false);
    List<String> quirks = quirks(o);
    boolean strict = o.bool("strict", false);
    return o.build(() -> new Smdp.Embedded(new Smdp.InventoryFile(p), quirks, strict));
  }

  private static List<String> quirks(Obj o) {
    if (!o.has("quirks")) {
      return List.of();
    }
    List<String> names = o.texts("quirks");
    o.build(
        () -> {
          try {
            return org.rspharness.smdp.quirk.Quirks.parse(names);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "quirks: " + e.getMessage().replaceFirst("^quirk: ", ""), e);
          }
        });
    return names;
  }

  private Smdp.Es2 es2(Node n, String path) {
    Obj o = obj(n, path, "es2");
    URI url = o.uri("url");
    Path cert = o.existingPath("clientCert", false);
    Path key = o.existingPath("clientKey", false);
    return o.build(() -> new Smdp.Es2(url, cert, key));
  }

  private Pki pki(Node n, String path) {
    Obj o = obj(n, path, "pki");
    if (o.has("generated") == o.has("directory")) {
      throw o.error(path, o.loc(), "expected exactly one of generated, directory");
    }
    if (o.has("directory")) {
      return new Pki.Directory(o.existingPath("directory", true));
    }
    Obj g = obj(o.node("generated"), o.path("generated"), "pkiGenerated");
    Long seed = g.has("seed") ? g.integer("seed") : null;
    String dpAuth = g.has("dpAuth") ? g.choice("dpAuth", variants()) : null;
    return g.build(() -> new Pki.Generated(seed, dpAuth));
  }

  private static Map<String, String> variants() {
    Map<String, String> m = new LinkedHashMap<>();
    Pki.Generated.DP_AUTH_VARIANTS.forEach(v -> m.put(v, v));
    return m;
  }

  private Device device(Node n, String path) {
    Obj o = obj(n, path, "device");
    String name = o.text("name");
    Curve curve = o.has("curve") ? o.choice("curve", CURVES) : null;
    String svn = o.optText("svn");
    long memory = o.has("memory") ? o.memory("memory") : Device.DEFAULT_MEMORY;
    List<String> ci = o.has("ciList") ? o.texts("ciList") : null;
    Device.PprPolicy ppr = null;
    if (o.has("ppr")) {
      Obj p = obj(o.node("ppr"), o.path("ppr"), "ppr");
      ppr = new Device.PprPolicy(p.bool("allowPpr1", true), p.bool("allowPpr2", true));
    }
    String imei = o.optText("imei");
    String tac = o.optText("tac");
    String rootSmds = o.optText("rootSmds");
    String binding = o.optText("binding");
    String es11Path = o.optText("es11Path");
    Device.PprPolicy pp = ppr;
    boolean strict = o.bool("strict", false);
    String reader = o.optText("reader");
    org.rspharness.lpa.LpaBehaviour behaviour = lpaBehaviour(o);
    int maxProfiles = o.has("maxProfiles") ? (int) o.integer("maxProfiles") : 0;
    return o.build(
        () ->
            new Device(
                name,
                curve,
                svn,
                memory,
                ci,
                pp,
                imei,
                tac,
                rootSmds,
                binding,
                es11Path,
                strict,
                reader,
                behaviour,
                maxProfiles));
  }

  /**
   * The {@code lpa} member: a preset name, or a mapping of a preset and settings; null if absent.
   */
  private org.rspharness.lpa.LpaBehaviour lpaBehaviour(Obj o) {
    if (!o.has("lpa")) {
      return null;
    }
    Node ln = o.node("lpa");
    Object plainLpa = plain(ln);
    @SuppressWarnings("unchecked")
    Map<String, Object> settings =
        plainLpa instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("preset", plainLpa);
    try {
      return org.rspharness.lpa.LpaBehaviour.of(settings);
    } catch (IllegalArgumentException e) {
      throw o.error(o.path("lpa"), ln.loc(), e.getMessage());
    }
  }

  private Step step(Node n, String path) {
    if (!(n instanceof MapNode m)) {
      throw error(path, n.loc(), "expected a step: a mapping with one of " + ACTIONS.keySet());
    }
    List<String> keys = new ArrayList<>();
    for (String k : m.entries().keySet()) {
      if (ACTIONS.containsKey(k)) {
        keys.add(k);
      }
    }
    Obj o = obj(n, path, "step");
    if (keys.size() != 1) {
      throw error(
          path,
          keys.isEmpty() ? n.loc() : m.entries().get(keys.get(1)).keyLoc(),
          keys.isEmpty()
              ? "expected one action, one of " + ACTIONS.keySet()
              : "expected one action per step, got " + keys);
    }
    String key = keys.get(0);
    Action action = action(key, o.node(key), o.path(key));
    String name = o.optText("name");
    Map<String, String> capture = new LinkedHashMap<>();
    if (o.has("capture")) {
      Node c = o.node("capture");
      if (!(c instanceof MapNode cm)) {
        throw error(o.path("capture"), c.loc(), "expected a mapping of name: result field");
      }
      Obj co = yaml.anyKeys(cm, o.path("capture"));
      for (String k : cm.entries().keySet()) {
        capture.put(k, co.text(k));
      }
    }
    Expect expect = o.has("expect") ? expect(o.node("expect"), o.path("expect")) : null;
    return o.build(() -> new Step(name, action, capture, expect));
  }

  private Action action(String key, Node n, String path) {
    Obj o = obj(n, path, key);
    return switch (key) {
      case "downloadOrder" -> {
        String eid = o.optText("eid");
        String iccid = o.optText("iccid");
        String type = o.optText("profileType");
        yield o.build(() -> new Action.DownloadOrder(eid, iccid, type));
      }
      case "confirmOrder" -> {
        String iccid = o.text("iccid");
        String eid = o.optText("eid");
        String mid = o.optText("matchingId");
        String cc = o.optText("confirmationCode");
        String smds = o.optText("smdsAddress");
        boolean release = o.bool("releaseFlag", true);
        yield o.build(() -> new Action.ConfirmOrder(iccid, eid, mid, cc, smds, release));
      }
      case "cancelOrder" -> {
        String iccid = o.text("iccid");
        String eid = o.optText("eid");
        String mid = o.optText("matchingId");
        Action.FinalStatus st =
            o.choice(
                "finalProfileStatus",
                Map.of(
                    "Available",
                    Action.FinalStatus.AVAILABLE,
                    "Unavailable",
                    Action.FinalStatus.UNAVAILABLE));
        yield o.build(() -> new Action.CancelOrder(iccid, eid, mid, st));
      }
      case "releaseProfile" -> {
        String iccid = o.text("iccid");
        yield o.build(() -> new Action.ReleaseProfile(iccid));
      }
      case "waitForCallback" -> {
        String iccid = o.text("iccid");
        Integer point =
            o.has("notificationPointId") ? (int) o.integer("notificationPointId") : null;
        Duration timeout = o.duration("timeout");
        yield o.build(() -> new Action.WaitForCallback(iccid, point, timeout));
      }
      case "download" -> {
        String device = o.text("device");
        String ac = o.optText("activationCode");
        String cc = o.optText("confirmationCode");
        Action.UserConsent consent =
            o.has("consent") ? o.choice("consent", CONSENTS) : Action.UserConsent.ACCEPT;
        yield o.build(() -> new Action.Download(device, ac, cc, consent));
      }
      case "discover" -> {
        String device = o.text("device");
        String smds = o.optText("smds");
        yield o.build(() -> new Action.Discover(device, smds));
      }
      case "enable" -> {
        String d = o.text("device");
        String iccid = o.text("iccid");
        boolean r = o.bool("refresh", false);
        yield o.build(() -> new Action.Enable(d, iccid, r));
      }
      case "disable" -> {
        String d = o.text("device");
        String iccid = o.text("iccid");
        boolean r = o.bool("refresh", false);
        yield o.build(() -> new Action.Disable(d, iccid, r));
      }
      case "delete" -> {
        String d = o.text("device");
        String iccid = o.text("iccid");
        yield o.build(() -> new Action.Delete(d, iccid));
      }
      case "nickname" -> {
        String d = o.text("device");
        String iccid = o.text("iccid");
        String nick = o.text("nickname");
        yield o.build(() -> new Action.Nickname(d, iccid, nick));
      }
      case "memoryReset" -> {
        String d = o.text("device");
        boolean op = o.bool("deleteOperationalProfiles", false);
        boolean test = o.bool("deleteFieldLoadedTestProfiles", false);
        boolean smdp = o.bool("resetDefaultSmdpAddress", false);
        yield o.build(() -> new Action.MemoryReset(d, op, test, smdp));
      }
      case "processNotifications" -> {
        String d = o.text("device");
        yield o.build(() -> new Action.ProcessNotifications(d));
      }
      case "powerCycle" -> {
        String d = o.text("device");
        yield o.build(() -> new Action.PowerCycle(d));
      }
      case "advanceClock" -> {
        Duration by = o.duration("by");
        yield o.build(() -> new Action.AdvanceClock(by));
      }
      case "es10" -> {
        String d = o.text("device");
        String c = o.text("command");
        yield o.build(() -> new Action.Es10(d, c));
      }
      case "waitUntil" -> {
        Expectation cond = expectation(o.req("condition"), o.path("condition"));
        Duration timeout = o.duration("timeout");
        yield o.build(() -> new Action.WaitUntil(cond, timeout));
      }
      case "repeat" -> {
        int times = (int) o.integer("times");
        String index = o.optText("index");
        List<Step> steps = o.list("steps", true, this::step);
        yield o.build(() -> new Action.Repeat(times, index, steps));
      }
      case "forEach" -> {
        String var = o.text("var");
        List<String> values = o.texts("values");
        List<Step> steps = o.list("steps", true, this::step);
        yield o.build(() -> new Action.ForEach(var, values, steps));
      }
      case "parallel" -> {
        List<Step> steps = o.list("steps", true, this::step);
        yield o.build(() -> new Action.Parallel(steps));
      }
      default -> throw new IllegalStateException(key);
    };
  }

  private Expect expect(Node n, String path) {
    Obj o = obj(n, path, "stepExpect");
    Outcome outcome = o.has("outcome") ? o.choice("outcome", outcomes()) : null;
    var status = o.has("status") ? o.build(() -> Expect.status(o.text("status"))) : null;
    String result = o.optText("result");
    String sw = o.optText("sw");
    Budget time = o.has("time") ? budget(o.node("time"), o.path("time")) : null;
    return o.build(() -> new Expect(outcome, status, result, sw, time));
  }

  private Budget budget(Node n, String path) {
    Obj o = obj(n, path, "budget");
    Duration b = o.duration("budget");
    Duration t = o.has("tolerance") ? o.duration("tolerance") : null;
    return o.build(() -> new Budget(b, t));
  }

  private Expectation expectation(Node n, String path) {
    if (!(n instanceof MapNode m) || m.entries().size() != 1) {
      throw error(path, n.loc(), "expected a mapping with exactly one of " + EXPECTATIONS.keySet());
    }
    obj(n, path, "expectation");
    String key = m.entries().keySet().iterator().next();
    Node v = m.entries().get(key).value();
    String p = path + "." + key;
    Obj o = obj(v, p, key);
    return switch (key) {
      case "euicc" -> {
        String device = o.text("device");
        List<Expectation.ProfileExpectation> profiles = o.list("profiles", false, this::profile);
        boolean exactly = o.bool("exactly", false);
        List<Expectation.NotificationExpectation> pending =
            o.has("pendingNotifications")
                ? o.list("pendingNotifications", false, this::notification)
                : null;
        yield o.build(() -> new Expectation.EuiccState(device, profiles, exactly, pending));
      }
      case "smdpOrder" -> {
        String iccid = o.text("iccid");
        ProfileState state = o.has("state") ? o.choice("state", orderStates()) : null;
        Integer da = o.has("downloadAttempts") ? (int) o.integer("downloadAttempts") : null;
        Integer cca =
            o.has("confirmationCodeAttempts") ? (int) o.integer("confirmationCodeAttempts") : null;
        List<Expectation.CallbackExpectation> cbs =
            o.has("callbacks") ? o.list("callbacks", false, this::callback) : null;
        yield o.build(() -> new Expectation.SmdpOrder(iccid, state, da, cca, cbs));
      }
      case "eventOrder" -> {
        List<String> events = o.texts("events");
        yield o.build(() -> new Expectation.EventOrder(events));
      }
      case "stepTime" -> {
        String step = o.text("step");
        Duration b = o.duration("budget");
        Duration t = o.has("tolerance") ? o.duration("tolerance") : null;
        yield o.build(() -> new Expectation.StepTime(step, b, t));
      }
      case "span" -> {
        String name = o.text("name");
        String from = o.text("from");
        String to = o.text("to");
        Duration b = o.duration("budget");
        Duration t = o.has("tolerance") ? o.duration("tolerance") : null;
        yield o.build(() -> new Expectation.Span(name, from, to, b, t));
      }
      default -> throw new IllegalStateException(key);
    };
  }

  private Expectation.ProfileExpectation profile(Node n, String path) {
    Obj o = obj(n, path, "profile");
    String iccid = o.text("iccid");
    Expectation.CardProfileState st =
        o.choice("state", enumNames(Expectation.CardProfileState.values()));
    String nick = o.optText("nickname");
    return o.build(() -> new Expectation.ProfileExpectation(iccid, st, nick));
  }

  private Expectation.NotificationExpectation notification(Node n, String path) {
    Obj o = obj(n, path, "notification");
    var op = o.choice("operation", enumNames(Expectation.NotificationOperation.values()));
    String iccid = o.optText("iccid");
    return o.build(() -> new Expectation.NotificationExpectation(op, iccid));
  }

  private Expectation.CallbackExpectation callback(Node n, String path) {
    Obj o = obj(n, path, "callback");
    int point = (int) o.integer("notificationPointId");
    Outcome outcome = o.has("outcome") ? o.choice("outcome", outcomes()) : null;
    var status = o.has("status") ? o.build(() -> Expect.status(o.text("status"))) : null;
    return o.build(() -> new Expectation.CallbackExpectation(point, outcome, status));
  }

  /**
   * Has smdp-sim's inventory loader read an inline inventory now, so that a mistake in it fails the
   * scenario load rather than the run. Its packages are read lazily, so this is cheap.
   */
  private void checkInventory(Smdp.InlineInventory inv, String path, Node node) {
    Loc loc = node.loc();
    Path tmp = null;
    try {
      tmp = Files.createTempFile("scenario-inventory", ".yaml");
      Files.writeString(tmp, inv.toYaml());
      Inventory.load(tmp);
    } catch (InventoryException e) {
      String m = e.getMessage() == null ? "invalid" : e.getMessage();
      m =
          m.replaceFirst(
              "^" + java.util.regex.Pattern.quote(tmp.toString()) + "(:[0-9]+:[0-9]+)?: ", "");
      // the temporary copy's positions mean nothing to the user: find the profile and field
      InventorySpot spot = inventorySpot(node, m);
      throw error(path + spot.path(), spot.loc(), "smdp-sim's inventory loader refuses it: " + m);
    } catch (IOException e) {
      throw error(path, loc, "cannot check the inventory: " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  /**
   * Makes relative {@code profilePackage} paths of an inline inventory absolute, against the
   * scenario file's directory, like every other path of the file.
   */
  private void absolutePackages(Map<String, Object> tree) {
    if (base == null || !(tree.get("profiles") instanceof List<?> profiles)) {
      return;
    }
    for (Object p : profiles) {
      if (p instanceof Map<?, ?> m
          && m.get("profilePackage") instanceof String pkg
          && !pkg.equals("generated")
          && !Path.of(pkg).isAbsolute()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> mm = (Map<String, Object>) m;
        mm.put("profilePackage", base.resolve(pkg).normalize().toString());
      }
    }
  }

  /** The file spellings of the outcomes. */
  static Map<String, Outcome> outcomes() {
    return enumNames(Outcome.values());
  }

  /** SM-DP+ order states by their SGP.22 names. */
  static Map<String, ProfileState> orderStates() {
    Map<String, ProfileState> m = new LinkedHashMap<>();
    for (ProfileState s : ProfileState.values()) {
      m.put(s.specName(), s);
    }
    return m;
  }

  private static <E extends Enum<E>> Map<String, E> enumNames(E[] values) {
    Map<String, E> m = new LinkedHashMap<>();
    for (E e : values) {
      m.put(e.name().toLowerCase(java.util.Locale.ROOT), e);
    }
    return m;
  }

  /** A plain tree (maps, lists, strings, numbers, booleans, null) for pass-through data. */
  private static Object plain(Node n) {
    if (n instanceof MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, e) -> out.put(k, plain(e.value())));
      return out;
    }
    if (n instanceof ListNode l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(plain(i)));
      return out;
    }
    Scalar s = (Scalar) n;
    return switch (s.token()) {
      case VALUE_NULL -> null;
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT -> {
        BigInteger b = new BigInteger(s.text().replace("_", "").replace("+", ""));
        yield b.bitLength() < 64 ? (Object) b.longValue() : s.text();
      }
      case VALUE_NUMBER_FLOAT -> Double.valueOf(s.text());
      default -> s.text();
    };
  }

  // --- errors and locations ----------------------------------------------------------------------

  private record InventorySpot(String path, Loc loc) {}

  private static final java.util.regex.Pattern PROFILE_AT =
      java.util.regex.Pattern.compile(
          "profiles\\[(\\d+)\\](?:\\.([A-Za-z0-9_]+)|: ([A-Za-z0-9_]+):)?");
  private static final java.util.regex.Pattern UNKNOWN_FIELD =
      java.util.regex.Pattern.compile("unknown field '([^']+)'");

  /**
   * Where an inventory loader message points inside the scenario's inline inventory: {@code
   * profiles[i]} and the field it names (an unknown one, or the one whose value is wrong).
   */
  private static InventorySpot inventorySpot(Node inventory, String message) {
    java.util.regex.Matcher p = PROFILE_AT.matcher(message);
    if (!(inventory instanceof MapNode m) || !p.find()) {
      return new InventorySpot("", inventory.loc());
    }
    int index = Integer.parseInt(p.group(1));
    String field = p.group(2) != null ? p.group(2) : p.group(3);
    java.util.regex.Matcher u = UNKNOWN_FIELD.matcher(message);
    if (u.find()) {
      field = u.group(1);
    }
    YamlTree.Entry profiles = m.entries().get("profiles");
    if (profiles == null
        || !(profiles.value() instanceof ListNode list)
        || index >= list.items().size()) {
      return new InventorySpot("", inventory.loc());
    }
    Node profile = list.items().get(index);
    String at = ".profiles[" + index + "]";
    if (field != null && profile instanceof MapNode pm && pm.entries().containsKey(field)) {
      return new InventorySpot(at + "." + field, pm.entries().get(field).keyLoc());
    }
    return new InventorySpot(at, profile.loc());
  }

  private ScenarioLoadException error(String path, Loc loc, String what) {
    return yaml.error(path, loc, what);
  }

  private Obj obj(Node n, String path, String shape) {
    return yaml.obj(n, path, shape, SHAPES.get(shape).fields());
  }

  private static String got(Node n) {
    return YamlReader.got(n);
  }
}
