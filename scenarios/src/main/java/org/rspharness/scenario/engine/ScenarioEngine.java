package org.rspharness.scenario.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.transport.NettyClientTransport;
import org.rspharness.scenario.model.Action;
import org.rspharness.scenario.model.Expect;
import org.rspharness.scenario.model.Expectation;
import org.rspharness.scenario.model.Outcome;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.Step;

/**
 * Runs scenarios: for each, builds its {@link World}, runs its steps in order (groups, loops and
 * parallel branches included), checks each step's expectation and then the scenario's, and records
 * everything as events in the given log: a scenario is framed by step events with an empty step
 * name, each step by its own, each end-of-scenario expectation by a step named {@code
 * expect[i].KIND}. Reports are computed from those events alone.
 *
 * <p>A scenario's load (staged rollout) runs after its steps, each stage a step {@code stage:NAME}
 * (see {@link StageRunner}); a stage whose gate fails ends the scenario.
 *
 * <p>A step that fails ends its scenario (later steps build on it); the scenario's expectations are
 * then not evaluated. Independent scenarios run in parallel, up to {@link Options#parallelism()}.
 */
public final class ScenarioEngine implements AutoCloseable {

  /**
   * How to run.
   *
   * @param parallelism scenarios at once (at least 1)
   * @param target a remote SM-DP+ / PKI replacing each scenario's own, or null
   * @param seed a seed replacing each scenario's own, or null
   */
  public record Options(int parallelism, EngineTarget target, Long seed) {
    /** Checks the parallelism. */
    public Options {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism: expected at least 1");
      }
    }

    /** Two scenarios at once, each scenario's own topology and seed. */
    public static Options defaults() {
      return new Options(2, null, null);
    }
  }

  /** Told when scenarios start and end (the console progress bar). */
  public interface Listener {
    /** A scenario started. */
    default void scenarioStarted(String name) {}

    /** A scenario ended. */
    default void scenarioFinished(ScenarioOutcome outcome) {}
  }

  private static final String SOURCE = "engine";
  private static final Duration POLL = Duration.ofMillis(20);

  private final Options options;
  private final EventLog log;

  /**
   * The events of each running scenario (by the {@code @name} tag of its sources), for the checks
   * that read events; a scenario's list goes when it ends, so a long suite holds no old events.
   */
  private final Map<String, RecordingSink> running = new java.util.concurrent.ConcurrentHashMap<>();

  private final ClientTransport transport = NettyClientTransport.create(2);
  private final ExecutorService branches = Executors.newCachedThreadPool(r -> daemon(r, "branch"));

  /** An engine recording into {@code log} (its sinks get every event of every run). */
  public ScenarioEngine(Options options, EventLog log) {
    this.options = options;
    this.log = log;
    log.addSink(
        e -> {
          String source = e.source() == null ? "" : e.source();
          if (source.indexOf('@') >= 0) {
            // few scenarios run at once; names may hold '@' themselves
            running.forEach(
                (name, sink) -> {
                  if (source.endsWith("@" + name)) {
                    sink.accept(e);
                  }
                });
          }
        });
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, "rsp-" + name);
    t.setDaemon(true);
    return t;
  }

  /** Runs the scenarios (in parallel up to the options' limit); outcomes in the given order. */
  public List<ScenarioOutcome> run(List<Scenario> scenarios, Listener listener) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(options.parallelism(), Math.max(1, scenarios.size())),
            r -> daemon(r, "scenario"));
    try {
      List<Future<ScenarioOutcome>> futures = new ArrayList<>();
      for (Scenario s : scenarios) {
        futures.add(
            pool.submit(
                () -> {
                  listener.scenarioStarted(s.name());
                  ScenarioOutcome o = run(s);
                  listener.scenarioFinished(o);
                  return o;
                }));
      }
      List<ScenarioOutcome> out = new ArrayList<>();
      for (Future<ScenarioOutcome> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running scenarios", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("scenario runner failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs one scenario to its end. */
  public ScenarioOutcome run(Scenario scenario) {
    Scenario s = options.seed() == null ? scenario : scenario.withSeed(options.seed());
    EventLog events = log.scoped(s.name());
    long start = System.nanoTime();
    RecordingSink own = new RecordingSink();
    running.put(s.name(), own);
    events.emit(SOURCE, new EventPayload.StepStarted(s.name(), ""));
    String failure;
    try {
      failure = new Execution(s, events, own).run();
    } catch (RuntimeException e) {
      failure = "engine: " + e;
    } finally {
      running.remove(s.name(), own);
    }
    events.emit(
        SOURCE, new EventPayload.StepFinished(s.name(), "", failure == null, null, failure));
    return new ScenarioOutcome(s.name(), failure == null, failure, System.nanoTime() - start);
  }

  @Override
  public void close() {
    branches.shutdownNow();
    transport.close();
  }

  /** One run of one scenario. */
  private final class Execution {
    private final Scenario scenario;
    private final EventLog events;
    private final AtomicInteger unnamed = new AtomicInteger();
    private final RecordingSink own;
    private World world;
    private Actions actions;

    Execution(Scenario scenario, EventLog events, RecordingSink own) {
      this.scenario = scenario;
      this.events = events;
      this.own = own;
    }

    /** Runs the scenario; returns its first failure, or null. */
    String run() {
      events.emit(SOURCE, new EventPayload.StepStarted(scenario.name(), "setup", "setup", null));
      try {
        world = World.open(scenario, events, options.target(), transport);
      } catch (Exception e) {
        String m = "setup: " + message(e);
        events.emit(
            SOURCE, new EventPayload.StepFinished(scenario.name(), "setup", false, null, m));
        return m;
      }
      try (World w = world) {
        events.emit(
            SOURCE,
            new EventPayload.StepFinished(
                scenario.name(),
                "setup",
                true,
                null,
                w.devices.size() + " device(s), SM-DP+ " + w.smdpAddress));
        actions = new Actions(w);
        Map<String, String> vars = new HashMap<>();
        w.devices.forEach((name, d) -> vars.put(name + ".eid", d.eid().value()));
        String failure = steps(scenario.steps(), vars);
        if (failure == null && scenario.load() != null) {
          failure = load();
        }
        if (failure != null) {
          return failure;
        }
        return expectations(vars);
      }
    }

    /** Runs the scenario's staged rollout after its steps; returns its failure or null. */
    private String load() {
      try {
        return new StageRunner(world, events).run(scenario.load());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "load: interrupted";
      }
    }

    private String expectations(Map<String, String> vars) {
      String first = null;
      List<Expectation> all = scenario.expect();
      for (int i = 0; i < all.size(); i++) {
        String name = "expect[" + i + "]." + all.get(i).key();
        events.emit(SOURCE, new EventPayload.StepStarted(scenario.name(), name, "expect", null));
        String problem;
        try {
          problem =
              Checks.evaluate(
                  Templates.fillAll(all.get(i), vars), world, scenario.name(), scenarioEvents());
        } catch (StepFailure e) {
          problem = e.getMessage();
        }
        events.emit(
            SOURCE,
            new EventPayload.StepFinished(
                scenario.name(), name, problem == null, null, problem == null ? "holds" : problem));
        if (problem != null && first == null) {
          first = name + ": " + problem;
        }
      }
      return first;
    }

    /** The events of this scenario so far, in sequence order. */
    private List<Event> scenarioEvents() {
      return own.events();
    }

    /** Runs steps in order; returns the first failure or null. Captures go into {@code vars}. */
    private String steps(List<Step> steps, Map<String, String> vars) {
      for (Step s : steps) {
        String failure = step(s, vars);
        if (failure != null) {
          return failure;
        }
      }
      return null;
    }

    private String step(Step s, Map<String, String> vars) {
      Action a = s.action();
      String name = s.name() != null ? s.name() : a.key() + "#" + unnamed.incrementAndGet();
      String device = a instanceof Action.Device d ? d.device() : null;
      events.emit(SOURCE, new EventPayload.StepStarted(scenario.name(), name, a.key(), device));
      long start = events.elapsedNanos();
      String problem;
      StepResult result = null;
      try {
        if (a instanceof Action.Group || a instanceof Action.WaitUntil) {
          problem = group(a, vars);
        } else {
          result = actions.run(Templates.fillAll(a, vars));
          problem = check(s.expect(), result, Duration.ofNanos(events.elapsedNanos() - start));
          if (problem == null) {
            problem = capture(s, result, vars);
          }
        }
      } catch (StepFailure e) {
        problem = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problem = "interrupted";
      } catch (RuntimeException e) {
        problem = "unexpected " + message(e);
      }
      String message = problem != null ? problem : result != null ? result.message() : "done";
      events.emit(
          SOURCE,
          new EventPayload.StepFinished(
              scenario.name(),
              name,
              problem == null,
              result == null ? null : result.status(),
              message,
              outcome(result, problem)));
      return problem == null ? null : name + ": " + problem;
    }

    /**
     * What the action did, apart from whether the step held: the KPIs count an expected refusal as
     * an expected failure, not as a success (null when the action produced no result).
     */
    private static String outcome(StepResult result, String problem) {
      if (result == null) {
        return null;
      }
      if (result.success()) {
        return EventPayload.StepFinished.SUCCESS;
      }
      return problem == null
          ? EventPayload.StepFinished.EXPECTED_FAILURE
          : EventPayload.StepFinished.FAILURE;
    }

    private String group(Action a, Map<String, String> vars) throws InterruptedException {
      if (a instanceof Action.Repeat r) {
        for (int i = 0; i < r.times(); i++) {
          if (r.index() != null) {
            vars.put(r.index(), Integer.toString(i));
          }
          String f = steps(r.steps(), vars);
          if (f != null) {
            return f;
          }
        }
        vars.remove(r.index());
        return null;
      }
      if (a instanceof Action.ForEach f) {
        List<String> values = Templates.fillAll(f.values(), vars);
        for (String v : values) {
          vars.put(f.var(), v);
          String failure = steps(f.steps(), vars);
          if (failure != null) {
            return failure;
          }
        }
        vars.remove(f.var());
        return null;
      }
      if (a instanceof Action.Parallel p) {
        List<Future<String>> running = new ArrayList<>();
        List<Map<String, String>> scopes = new ArrayList<>();
        for (Step branch : p.steps()) {
          Map<String, String> scope = new HashMap<>(vars);
          scopes.add(scope);
          running.add(branches.submit(() -> step(branch, scope)));
        }
        String first = null;
        for (int i = 0; i < running.size(); i++) {
          try {
            String f = running.get(i).get();
            if (f != null && first == null) {
              first = f;
            }
          } catch (ExecutionException e) {
            first = first == null ? "branch " + i + ": " + e.getCause() : first;
          }
          vars.putAll(scopes.get(i));
        }
        return first;
      }
      Action.WaitUntil w = (Action.WaitUntil) a;
      Expectation condition = Templates.fillAll(w.condition(), vars);
      long end = System.nanoTime() + w.timeout().toNanos();
      String last;
      do {
        last = Checks.evaluate(condition, world, scenario.name(), scenarioEvents());
        if (last == null) {
          return null;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
      } while (System.nanoTime() < end);
      return "still not after " + w.timeout().toMillis() + " ms: " + last;
    }

    private String check(Expect x, StepResult r, Duration took) {
      String got = r.success() ? "success" : "failure";
      String detail = " (" + r.message() + ")";
      if (x.outcome() == Outcome.SUCCESS && !r.success()) {
        return "expected success, got failure" + detail;
      }
      if (x.outcome() == Outcome.FAILURE && r.success()) {
        return "expected failure, got success" + detail;
      }
      if (x.status() != null) {
        String want = x.status().subjectCode() + "/" + x.status().reasonCode();
        if (!want.equals(r.status())) {
          return "expected status "
              + want
              + ", got "
              + (r.status() == null ? got : r.status())
              + detail;
        }
      }
      if (x.result() != null && !x.result().equalsIgnoreCase(r.result())) {
        return "expected result "
            + x.result()
            + ", got "
            + (r.result() == null ? got : r.result())
            + detail;
      }
      if (x.sw() != null && !x.sw().equalsIgnoreCase(r.sw())) {
        return "expected status word "
            + x.sw().toUpperCase(java.util.Locale.ROOT)
            + ", got "
            + r.sw()
            + detail;
      }
      if (x.time() != null) {
        return Checks.budget("step", took, x.time());
      }
      return null;
    }

    private String capture(Step s, StepResult r, Map<String, String> vars) {
      for (Map.Entry<String, String> c : s.capture().entrySet()) {
        String v = r.fields().get(c.getValue());
        if (v == null) {
          return "capture " + c.getKey() + ": the step produced no " + c.getValue();
        }
        vars.put(c.getKey(), v);
      }
      return null;
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
