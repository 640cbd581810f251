package org.rspharness.scenario.model;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario: a topology, steps run in order, and what must hold at the end. Built by {@link
 * ScenarioLoader} from a YAML file or by {@link ScenarioBuilder}; both give equal records.
 *
 * <p>The constructor checks the whole scenario for consistency, so no half-valid scenario exists:
 * device names used by steps exist, step names are unique, every {@code ${name}} is captured by an
 * earlier step (or is a loop variable in scope, or a device's {@code ${DEVICE.eid}}), and timing
 * and event-order expectations name existing steps. Failures are {@link ScenarioException}s naming
 * the field in the file's terms.
 *
 * @param name the scenario's name
 * @param description one line saying what it shows (may be null)
 * @param seed the seed of every random value of a run
 * @param topology SM-DP+, devices, PKI
 * @param steps the steps, in order
 * @param expect what must hold at the end
 * @param faults the fault plan ({@link Faults#NONE} when the scenario injects nothing)
 * @param load a staged rollout run after the steps, or null (a scenario has steps, a load or both)
 */
public record Scenario(
    String name,
    String description,
    long seed,
    Topology topology,
    List<Step> steps,
    List<Expectation> expect,
    Faults faults,
    Load load) {

  private static final Pattern TEMPLATE = Pattern.compile("\\$\\{([^}]*)}");

  /** A scenario without a load. */
  public Scenario(
      String name,
      String description,
      long seed,
      Topology topology,
      List<Step> steps,
      List<Expectation> expect,
      Faults faults) {
    this(name, description, seed, topology, steps, expect, faults, null);
  }

  /** A scenario without faults. */
  public Scenario(
      String name,
      String description,
      long seed,
      Topology topology,
      List<Step> steps,
      List<Expectation> expect) {
    this(name, description, seed, topology, steps, expect, Faults.NONE);
  }

  /** The same scenario with another seed. */
  /**
   * The same scenario with every device and the embedded SM-DP+ strict: each deviation from SGP.22
   * fails as the letter of the spec says ({@code rsp-harness run --strict}).
   */
  public Scenario strict() {
    Smdp smdp =
        topology.smdp() instanceof Smdp.Embedded e
            ? new Smdp.Embedded(e.inventory(), e.quirks(), true)
            : topology.smdp();
    Topology t =
        new Topology(
            smdp,
            topology.pki(),
            topology.devices().stream().map(d -> d.withStrict(true)).toList());
    return new Scenario(name, description, seed, t, steps, expect, faults, load);
  }

  public Scenario withSeed(long newSeed) {
    return new Scenario(name, description, newSeed, topology, steps, expect, faults, load);
  }

  /** Checks the whole scenario (see the class comment). */
  public Scenario {
    if (name == null || name.isBlank()) {
      throw new ScenarioException("name", "missing; expected the scenario's name");
    }
    if (topology == null) {
      throw new ScenarioException("topology", "missing; expected smdp, pki and devices");
    }
    if ((steps == null || steps.isEmpty()) && load == null) {
      throw new ScenarioException("steps", "expected at least one step (or a load)");
    }
    steps = steps == null ? List.of() : List.copyOf(steps);
    expect = expect == null ? List.of() : List.copyOf(expect);
    faults = faults == null ? Faults.NONE : faults;
    new Checker(topology).check(steps, expect);
    java.util.Set<String> deviceNames = new java.util.HashSet<>();
    topology.devices().forEach(d -> deviceNames.add(d.name()));
    for (int i = 0; i < faults.rules().size(); i++) {
      String d = faults.rules().get(i).device();
      if (d != null && !deviceNames.contains(d)) {
        throw new ScenarioException(
            "faults.rules[" + i + "].device",
            "unknown device '" + d + "'; expected one of " + deviceNames);
      }
    }
  }

  /** All step names of the scenario, nested ones included, in order. */
  public Set<String> stepNames() {
    Set<String> out = new LinkedHashSet<>();
    collectNames(steps, out);
    return out;
  }

  private static void collectNames(List<Step> steps, Set<String> out) {
    for (Step s : steps) {
      if (s.name() != null) {
        out.add(s.name());
      }
      if (s.action() instanceof Action.Group g) {
        collectNames(g.steps(), out);
      }
    }
  }

  /** The names {@code text} uses as {@code ${name}}, in order. */
  public static List<String> templateNames(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TEMPLATE.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Walks the scenario once, in step order, tracking what is captured. */
  private static final class Checker {
    private final Set<String> devices = new LinkedHashSet<>();
    private final Set<String> stepNames = new LinkedHashSet<>();

    Checker(Topology topology) {
      topology.devices().forEach(d -> devices.add(d.name()));
    }

    void check(List<Step> steps, List<Expectation> expect) {
      names(steps, "steps");
      Set<String> scope = new TreeSet<>();
      devices.forEach(d -> scope.add(d + ".eid"));
      Set<String> all = steps(steps, "steps", scope);
      for (int i = 0; i < expect.size(); i++) {
        Expectation e = expect.get(i);
        expectation(e, "expect[" + i + "]." + e.key(), all);
      }
    }

    private void names(List<Step> steps, String base) {
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        String p = base + "[" + i + "]";
        if (s.name() != null && !stepNames.add(s.name())) {
          throw new ScenarioException(p + ".name", "step name '" + s.name() + "' appears twice");
        }
        if (s.action() instanceof Action.Group g) {
          names(g.steps(), p + "." + s.action().key() + ".steps");
        }
      }
    }

    /** Checks {@code steps} in order; returns the scope after them. */
    private Set<String> steps(List<Step> steps, String base, Set<String> outer) {
      Set<String> scope = new TreeSet<>(outer);
      for (int i = 0; i < steps.size(); i++) {
        scope.addAll(step(steps.get(i), base + "[" + i + "]", scope));
      }
      return scope;
    }

    /** Checks one step in {@code scope}; returns the names it captures. */
    private Set<String> step(Step s, String p, Set<String> scope) {
      Action a = s.action();
      String ap = p + "." + a.key();
      Set<String> captured = new TreeSet<>();
      if (a instanceof Action.Device d && !devices.contains(d.device())) {
        throw new ScenarioException(
            ap + ".device", "unknown device '" + d.device() + "'; expected one of " + devices);
      }
      if (a instanceof Action.Repeat r) {
        Set<String> body = new TreeSet<>(scope);
        if (r.index() != null) {
          body.add(r.index());
        }
        captured.addAll(steps(r.steps(), ap + ".steps", body));
        if (r.index() != null) {
          captured.remove(r.index());
        }
      } else if (a instanceof Action.ForEach f) {
        walk(f.values(), ap + ".values", scope);
        Set<String> body = new TreeSet<>(scope);
        body.add(f.var());
        captured.addAll(steps(f.steps(), ap + ".steps", body));
        captured.remove(f.var());
      } else if (a instanceof Action.Parallel par) {
        // branches run at once: a branch cannot use what a sibling captures
        for (int j = 0; j < par.steps().size(); j++) {
          captured.addAll(step(par.steps().get(j), ap + ".steps[" + j + "]", scope));
        }
      } else if (a instanceof Action.WaitUntil w) {
        expectation(w.condition(), ap + ".condition." + w.condition().key(), scope);
      } else {
        walk(a, ap, scope);
      }
      captured.addAll(s.capture().keySet());
      return captured;
    }

    private void expectation(Expectation e, String p, Set<String> scope) {
      if (e instanceof Expectation.EuiccState st && !devices.contains(st.device())) {
        throw new ScenarioException(
            p + ".device", "unknown device '" + st.device() + "'; expected one of " + devices);
      }
      if (e instanceof Expectation.StepTime t) {
        knownStep(p + ".step", t.step());
      }
      if (e instanceof Expectation.Span sp) {
        knownStep(p + ".from", sp.from().substring(0, sp.from().lastIndexOf('.')));
        knownStep(p + ".to", sp.to().substring(0, sp.to().lastIndexOf('.')));
      }
      if (e instanceof Expectation.EventOrder o) {
        for (int i = 0; i < o.events().size(); i++) {
          String ev = o.events().get(i);
          if (ev.startsWith("step:")) {
            knownStep(p + ".events[" + i + "]", ev.substring(5));
          }
        }
      }
      walk(e, p, scope);
    }

    private void knownStep(String p, String name) {
      if (!stepNames.contains(name)) {
        throw new ScenarioException(
            p, "no step is named '" + name + "'; named steps: " + stepNames);
      }
    }

    /** Checks the templates of every text inside {@code value}. */
    private void walk(Object value, String p, Set<String> scope) {
      if (value instanceof String text) {
        if (text.contains("${") && text.replaceAll("\\$\\{[^}]*}", "").contains("${")) {
          throw new ScenarioException(p, "unterminated '${' in '" + text + "'");
        }
        for (String n : templateNames(text)) {
          if (!scope.contains(n)) {
            throw new ScenarioException(
                p, "'${" + n + "}' is not captured by an earlier step; known here: " + scope);
          }
        }
      } else if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          walk(list.get(i), p + "[" + i + "]", scope);
        }
      } else if (value instanceof Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
          try {
            walk(c.getAccessor().invoke(r), p + "." + c.getName(), scope);
          } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
          }
        }
      }
    }
  }
}
