package org.rspharness.scenario.kpi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rspharness.core.util.Durations;

/**
 * SLA acceptance criteria: thresholds on KPIs, judged against the KPIs of a run. The file format:
 *
 * <pre>
 * acceptance:
 *   name: pilot
 *   networkProfile: 3g-poor      # applied by rsp-harness load (each device's connections)
 *   requireRecoveries: false     # true: a run in which nothing failed misses mttr thresholds
 *   thresholds:
 *     - {kpi: successRate, min: 95%}
 *     - {kpi: timeToActivate.p95, max: 30s}
 *     - {kpi: mttr, max: 60s}
 * </pre>
 *
 * Limits are written in the KPI's unit (see {@link KpiName}): a percentage for {@code successRate},
 * a duration ({@code 1500ms}, {@code 30s}, {@code 2m}) for times, a number otherwise. Loading is
 * strict: unknown fields, unknown KPIs and limits of the wrong unit fail with one line {@code
 * file:line:column: field 'x.y': what was expected}. A threshold whose KPI the run did not measure
 * ({@code http.X.p95} with no X exchange, {@code mttr} when failures never recovered) is not met:
 * the verdict says "not measured". One exception: a recovery KPI ({@code mttr}, {@code
 * timeToRecover.S}) of a run in which nothing failed is met ("not measured (nothing failed)"), as a
 * perfect run has nothing to recover from, unless {@code requireRecoveries} is true.
 *
 * @param name the name of the criteria
 * @param networkProfile the network profile the run must be under ({@code rsp-harness load} applies
 *     it to every device connection), or null
 * @param requireRecoveries whether recovery thresholds need recoveries to have happened
 * @param thresholds the thresholds, in file order
 */
public record Acceptance(
    String name, String networkProfile, boolean requireRecoveries, List<Threshold> thresholds) {

  public Acceptance {
    thresholds = List.copyOf(thresholds);
  }

  /** Criteria that do not require recoveries. */
  public Acceptance(String name, String networkProfile, List<Threshold> thresholds) {
    this(name, networkProfile, false, thresholds);
  }

  /**
   * The verdict of one threshold.
   *
   * @param note why a KPI was not measured, or (when measured) the time scale its upper limit was
   *     judged with ({@link TimeScale}), or null
   */
  public record Check(Threshold threshold, OptionalDouble measured, boolean passed, String note) {

    public Check(Threshold threshold, OptionalDouble measured, boolean passed) {
      this(threshold, measured, passed, null);
    }

    /** The measured value in the KPI's unit, or "not measured" with the reason when known. */
    public String measuredText() {
      if (measured.isPresent()) {
        return threshold.format(measured.getAsDouble());
      }
      return note == null ? "not measured" : "not measured (" + note + ")";
    }

    /** One line: KPI, measured value, limits (and the time scale they were judged with). */
    public String describe() {
      String scaled = measured.isPresent() && note != null ? note : "";
      return threshold.kpi()
          + " = "
          + measuredText()
          + " (limit "
          + threshold.limits()
          + scaled
          + ")";
    }
  }

  /** The verdict of all thresholds: passed when every one passed. */
  public record Verdict(Acceptance acceptance, List<Check> checks) {
    public Verdict {
      checks = List.copyOf(checks);
    }

    public boolean passed() {
      return checks.stream().allMatch(Check::passed);
    }

    /** A plain-text block: one line per threshold, then the overall verdict. */
    public String render() {
      StringBuilder sb = new StringBuilder("acceptance '").append(acceptance.name()).append('\'');
      if (acceptance.networkProfile() != null) {
        sb.append(" (network profile ").append(acceptance.networkProfile()).append(')');
      }
      sb.append('\n');
      for (Check c : checks) {
        sb.append("  ").append(c.passed() ? "PASS  " : "FAIL  ").append(c.describe()).append('\n');
      }
      List<String> missed =
          checks.stream().filter(c -> !c.passed()).map(c -> c.threshold().kpi()).toList();
      sb.append(
          passed()
              ? "verdict: PASSED (" + checks.size() + " thresholds met)\n"
              : "verdict: FAILED ("
                  + missed.size()
                  + " of "
                  + checks.size()
                  + " thresholds missed: "
                  + String.join(", ", missed)
                  + ")\n");
      return sb.toString();
    }
  }

  /** Judges {@code kpis} against every threshold. */
  public Verdict evaluate(Kpis kpis) {
    return evaluate(kpis, TimeScale.factor());
  }

  /** The same with upper limits of times multiplied by {@code timeScale} ({@link TimeScale}). */
  public Verdict evaluate(Kpis kpis, double timeScale) {
    List<Check> checks = new ArrayList<>();
    for (Threshold t : thresholds) {
      OptionalDouble v = kpis.value(t.kpi());
      if (v.isEmpty() && Kpis.isRecoveryKpi(t.kpi())) {
        if (kpis.nothingFailed()) {
          checks.add(
              new Check(
                  t,
                  v,
                  !requireRecoveries,
                  requireRecoveries ? "nothing failed; requireRecoveries" : "nothing failed"));
        } else {
          checks.add(new Check(t, v, false, kpis.unrecovered() + " failures never recovered"));
        }
        continue;
      }
      if (v.isPresent()
          && timeScale != 1
          && t.max() != null
          && t.name().kind() == KpiName.Kind.DURATION) {
        double x = v.getAsDouble();
        boolean ok = (t.min() == null || x >= t.min()) && x <= t.max() * timeScale;
        checks.add(new Check(t, v, ok, TimeScale.note(timeScale)));
        continue;
      }
      checks.add(new Check(t, v, v.isPresent() && t.accepts(v.getAsDouble())));
    }
    return new Verdict(this, checks);
  }

  /** Loads an acceptance file. */
  public static Acceptance load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new AcceptanceException(file + ": acceptance file not found");
    } catch (IOException e) {
      throw new AcceptanceException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads acceptance YAML; {@code fileName} prefixes error messages. */
  public static Acceptance parse(String yaml, String fileName) {
    return new Reader(fileName).read(yaml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A threshold from its parts as written in an acceptance file ({@code kpi}, and {@code min}
   * and/or {@code max} in the KPI's unit, null when absent), for other file formats that embed
   * thresholds (scenario stages). Failures are IllegalArgumentExceptions {@code field: what}.
   */
  public static Threshold threshold(String kpi, String min, String max) {
    KpiName name = KpiName.parse(kpi);
    Double lo = min == null ? null : limit("min", name, min);
    Double hi = max == null ? null : limit("max", name, max);
    if (lo == null && hi == null) {
      throw new IllegalArgumentException("kpi: expected min, max or both beside kpi");
    }
    if (lo != null && hi != null && lo > hi) {
      throw new IllegalArgumentException("max: expected a limit >= min");
    }
    return new Threshold(kpi, name, lo, hi);
  }

  private static double limit(String field, KpiName name, String text) {
    try {
      return limitValue(name, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  /** A limit in {@code name}'s unit, in the KPI's base unit; IllegalArgumentException says why. */
  private static double limitValue(KpiName name, String text) {
    String t = text.trim();
    switch (name.kind()) {
      case RATIO -> {
        Matcher pm = PERCENT.matcher(t);
        if (!pm.matches() || Double.parseDouble(pm.group(1)) > 100) {
          throw new IllegalArgumentException(
              "expected a percentage such as 95% or 99.5% for "
                  + name.family()
                  + ", got '"
                  + t
                  + "'");
        }
        return Double.parseDouble(pm.group(1)) / 100;
      }
      case DURATION -> {
        try {
          return Durations.parse(t).toNanos() / 1e9;
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "expected " + Durations.EXPECTED + " for a time, got '" + t + "'");
        }
      }
      default -> {
        if (!NUMBER.matcher(t).matches()) {
          throw new IllegalArgumentException("expected a number such as 3 or 0.5, got '" + t + "'");
        }
        return Double.parseDouble(t);
      }
    }
  }

  // ------------------------------------------------------------------------------- reading

  /** A YAML node that remembers where it is. */
  private sealed interface Node permits MapNode, ListNode, Scalar {
    int line();

    int column();
  }

  private record MapNode(int line, int column, Map<String, Entry> entries) implements Node {}

  private record Entry(int line, int column, Node value) {}

  private record ListNode(int line, int column, List<Node> items) implements Node {}

  private record Scalar(int line, int column, JsonToken token, String text) implements Node {}

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,6})?)\\s?%");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,15}(?:\\.[0-9]{1,9})?");

  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    Acceptance read(byte[] bytes) {
      Node root;
      try (JsonParser p = FACTORY.createParser(bytes)) {
        root = p.nextToken() == null ? null : node(p);
      } catch (JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int nl = m.indexOf('\n');
        throw new AcceptanceException(
            file
                + ":"
                + (l == null ? 1 : l.getLineNr())
                + ":"
                + (l == null ? 1 : l.getColumnNr())
                + ": not valid YAML: "
                + (nl < 0 ? m : m.substring(0, nl)));
      } catch (IOException e) {
        throw new AcceptanceException(file + ": cannot read: " + e.getMessage(), e);
      }
      if (root == null) {
        throw error("(document)", 1, 1, "expected a mapping with 'acceptance'");
      }
      MapNode top = map(root, "(document)", Set.of("acceptance"));
      Node a = required(top, "acceptance", "acceptance");
      MapNode body =
          map(a, "acceptance", Set.of("name", "networkProfile", "requireRecoveries", "thresholds"));
      String name = text(required(body, "name", "acceptance.name"), "acceptance.name");
      String profile =
          present(body, "networkProfile")
              ? text(body.entries().get("networkProfile").value(), "acceptance.networkProfile")
              : null;
      if (profile != null && org.rspharness.core.fault.NetworkProfile.named(profile) == null) {
        throw error(
            "acceptance.networkProfile",
            body.entries().get("networkProfile").value(),
            "unknown network profile '"
                + profile
                + "'; expected one of "
                + org.rspharness.core.fault.NetworkProfile.NAMES);
      }
      boolean requireRecoveries = false;
      if (present(body, "requireRecoveries")) {
        Node r = body.entries().get("requireRecoveries").value();
        if (!(r instanceof Scalar sc)
            || (sc.token() != JsonToken.VALUE_TRUE && sc.token() != JsonToken.VALUE_FALSE)) {
          throw error("acceptance.requireRecoveries", r, "expected true or false" + got(r));
        }
        requireRecoveries = sc.token() == JsonToken.VALUE_TRUE;
      }
      Node list = required(body, "thresholds", "acceptance.thresholds");
      if (!(list instanceof ListNode l) || l.items().isEmpty()) {
        throw error(
            "acceptance.thresholds",
            list,
            "expected a non-empty list of {kpi, min, max}" + got(list));
      }
      List<Threshold> thresholds = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        thresholds.add(threshold(l.items().get(i), "acceptance.thresholds[" + i + "]"));
      }
      return new Acceptance(name, profile, requireRecoveries, thresholds);
    }

    private Threshold threshold(Node n, String path) {
      MapNode m = map(n, path, Set.of("kpi", "min", "max"));
      Node kpiNode = required(m, "kpi", path + ".kpi");
      String kpi = text(kpiNode, path + ".kpi");
      KpiName name;
      try {
        name = KpiName.parse(kpi);
      } catch (IllegalArgumentException e) {
        throw error(path + ".kpi", kpiNode, e.getMessage().substring("kpi: ".length()));
      }
      Double min = limit(m, "min", path, name);
      Double max = limit(m, "max", path, name);
      if (min == null && max == null) {
        throw error(path, n, "expected min, max or both beside kpi");
      }
      if (min != null && max != null && min > max) {
        throw error(path + ".max", m.entries().get("max").value(), "expected a limit >= min");
      }
      return new Threshold(kpi, name, min, max);
    }

    private Double limit(MapNode m, String key, String path, KpiName name) {
      if (!present(m, key)) {
        return null;
      }
      Node n = m.entries().get(key).value();
      String p = path + "." + key;
      if (!(n instanceof Scalar s)) {
        throw error(p, n, "expected a limit" + got(n));
      }
      try {
        return limitValue(name, s.text());
      } catch (IllegalArgumentException e) {
        throw error(p, n, e.getMessage());
      }
    }

    private MapNode map(Node n, String path, Set<String> allowed) {
      if (!(n instanceof MapNode m)) {
        throw error(path, n, "expected a mapping" + got(n));
      }
      for (Map.Entry<String, Entry> e : m.entries().entrySet()) {
        if (!allowed.contains(e.getKey())) {
          String p = path.equals("(document)") ? e.getKey() : path + "." + e.getKey();
          throw error(
              p,
              e.getValue().line(),
              e.getValue().column(),
              "unknown field; expected one of " + new java.util.TreeSet<>(allowed));
        }
      }
      return m;
    }

    private static boolean present(MapNode m, String key) {
      Entry e = m.entries().get(key);
      return e != null && !(e.value() instanceof Scalar s && s.token() == JsonToken.VALUE_NULL);
    }

    private Node required(MapNode m, String key, String path) {
      if (!present(m, key)) {
        throw error(path, m, "missing; this field is required");
      }
      return m.entries().get(key).value();
    }

    private String text(Node n, String path) {
      if (!(n instanceof Scalar s) || s.token() == JsonToken.VALUE_NULL) {
        throw error(path, n, "expected a text" + got(n));
      }
      return s.text();
    }

    private static String got(Node n) {
      if (n instanceof Scalar s) {
        return s.token() == JsonToken.VALUE_NULL ? ", got nothing" : ", got '" + s.text() + "'";
      }
      return n instanceof ListNode ? ", got a list" : ", got a mapping";
    }

    private AcceptanceException error(String path, Node at, String what) {
      return error(path, at.line(), at.column(), what);
    }

    private AcceptanceException error(String path, int line, int column, String what) {
      return new AcceptanceException(
          file + ":" + line + ":" + column + ": field '" + path + "': " + what);
    }

    private Node node(JsonParser p) throws IOException {
      JsonLocation l = p.currentTokenLocation();
      int line = l.getLineNr();
      int col = l.getColumnNr();
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          p.nextToken();
          Node value = node(p);
          if (entries.put(key, new Entry(kl.getLineNr(), kl.getColumnNr(), value)) != null) {
            throw new AcceptanceException(
                file
                    + ":"
                    + kl.getLineNr()
                    + ":"
                    + kl.getColumnNr()
                    + ": field '"
                    + key
                    + "': appears twice in this mapping");
          }
        }
        return new MapNode(line, col, entries);
      }
      if (t == JsonToken.START_ARRAY) {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p));
        }
        return new ListNode(line, col, items);
      }
      return new Scalar(line, col, t, t == JsonToken.VALUE_NULL ? null : p.getText());
    }
  }
}
