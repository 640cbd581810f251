package org.rspharness.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.engine.ScenarioEngine;
import org.rspharness.scenario.engine.ScenarioOutcome;
import org.rspharness.scenario.engine.ScenarioSources;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.ScenarioLoadException;
import org.rspharness.scenario.model.ScenarioLoader;
import org.rspharness.scenario.report.Reports;
import org.rspharness.scenario.report.RunSummary;

/**
 * Scenario files as JUnit 5 dynamic tests, one test per scenario:
 *
 * <pre>
 * class AcceptanceSuite {
 *   &#64;TestFactory
 *   Stream&lt;DynamicTest&gt; scenarios() {
 *     return ScenarioTests.directory(Path.of("src/test/scenarios"));
 *   }
 * }
 * </pre>
 *
 * A file that does not load becomes a failing test carrying the one-line load error, so a typo is
 * reported where the suite is reported. Scenarios start at once, up to {@link #PARALLELISM} at a
 * time; each test waits for its own. When the last one ends, events.jsonl and the reports are
 * written to the report directory ({@code target/rsp-harness} unless given).
 */
public final class ScenarioTests {

  /** Scenarios run at once. */
  public static final int PARALLELISM = 2;

  private ScenarioTests() {}

  /** One test per {@code *.yaml} file below {@code dir}, named after its scenario. */
  public static Stream<DynamicTest> directory(Path dir) {
    return directory(dir, Path.of("target", "rsp-harness"));
  }

  /** As {@link #directory(Path)}, writing events and reports to {@code reportDir}. */
  public static Stream<DynamicTest> directory(Path dir, Path reportDir) {
    return start(load(dir), reportDir, suite(dir)).stream().map(Started::test);
  }

  /**
   * One container per scenario file below {@code dir}, named after the scenario, holding one test
   * per step named after the step (and one per expectation), so that CI lists e.g. {@code
   * nominal-download-nist > download}.
   */
  public static Stream<DynamicNode> directoryWithSteps(Path dir, Path reportDir) {
    return start(load(dir), reportDir, suite(dir)).stream().map(Started::container);
  }

  /** One test per scenario of the library bundled with RSP Harness. */
  public static Stream<DynamicTest> library(Path reportDir) {
    List<Loaded> loaded = new ArrayList<>();
    try {
      for (Scenario s : ScenarioSources.library()) {
        loaded.add(new Loaded(s.name(), s, null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(loaded, reportDir, "library").stream().map(Started::test);
  }

  private static String suite(Path dir) {
    return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
  }

  private static List<Loaded> load(Path dir) {
    List<Path> files;
    try {
      files = ScenarioSources.yamlFiles(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list scenarios in " + dir, e);
    }
    List<Loaded> loaded = new ArrayList<>();
    for (Path f : files) {
      try {
        loaded.add(new Loaded(f.getFileName().toString(), ScenarioLoader.load(f), null));
      } catch (ScenarioLoadException e) {
        loaded.add(new Loaded(f.getFileName().toString(), null, e.getMessage()));
      }
    }
    return loaded;
  }

  private record Loaded(String file, Scenario scenario, String loadError) {
    String name() {
      return scenario == null ? file : scenario.name();
    }
  }

  /** A scenario under way: its outcome to come, its steps as they end, the run's last-one hook. */
  private record Started(
      Loaded loaded,
      CompletableFuture<ScenarioOutcome> outcome,
      Map<String, List<EventPayload.StepFinished>> steps,
      Runnable finish) {

    /** One test: the scenario passed. */
    DynamicTest test() {
      return DynamicTest.dynamicTest(
          loaded.name(),
          () -> {
            try {
              if (loaded.loadError() != null) {
                Assertions.fail(loaded.loadError());
              }
              ScenarioOutcome o = outcome.join();
              if (!o.passed()) {
                Assertions.fail(o.failure());
              }
            } finally {
              finish.run();
            }
          });
    }

    /** A container whose tests are the steps, made once the scenario has run. */
    DynamicContainer container() {
      Stream<DynamicNode> children =
          Stream.of(loaded)
              .flatMap(
                  l -> {
                    List<DynamicNode> tests = new ArrayList<>();
                    try {
                      if (l.loadError() != null) {
                        tests.add(
                            DynamicTest.dynamicTest("load", () -> Assertions.fail(l.loadError())));
                        return tests.stream();
                      }
                      ScenarioOutcome o = outcome.join();
                      List<EventPayload.StepFinished> ended =
                          steps.getOrDefault(l.name(), List.of());
                      for (EventPayload.StepFinished f : ended) {
                        if (f.step() == null || f.step().isEmpty()) {
                          continue;
                        }
                        String why =
                            (f.statusCode() == null ? "" : "[" + f.statusCode() + "] ")
                                + (f.message() == null ? "failed" : f.message());
                        tests.add(
                            DynamicTest.dynamicTest(
                                f.step(),
                                () -> {
                                  if (!f.ok()) {
                                    Assertions.fail(f.step() + ": " + why);
                                  }
                                }));
                      }
                      if (!o.passed()) {
                        // a failure outside any step (setup, timeout) still fails the container
                        tests.add(
                            DynamicTest.dynamicTest(
                                "scenario", () -> Assertions.fail(o.failure())));
                      }
                    } finally {
                      finish.run();
                    }
                    return tests.stream();
                  });
      return DynamicContainer.dynamicContainer(loaded.name(), children);
    }
  }

  private static List<Started> start(List<Loaded> loaded, Path reportDir, String suite) {
    Path events = reportDir.resolve("events.jsonl");
    Writer out;
    EventsJsonl.Sink sink;
    try {
      Files.createDirectories(reportDir);
      out = Files.newBufferedWriter(events, StandardCharsets.UTF_8);
      sink = EventsJsonl.writer(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + events, e);
    }
    // each scenario's finished steps, for the step-level tests
    Map<String, List<EventPayload.StepFinished>> steps = new ConcurrentHashMap<>();
    EventLog log =
        EventLog.system()
            .addSink(sink)
            .addSink(
                e -> {
                  if (e.payload() instanceof EventPayload.StepFinished f
                      && !RunSummary.COMPONENT_PHASES.contains(f.scenario())) {
                    steps.computeIfAbsent(f.scenario(), k -> new CopyOnWriteArrayList<>()).add(f);
                  }
                });
    ScenarioEngine engine =
        new ScenarioEngine(new ScenarioEngine.Options(PARALLELISM, null, null), log);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
    AtomicInteger left = new AtomicInteger(loaded.size());
    Runnable finish =
        () -> {
          if (left.decrementAndGet() == 0) {
            pool.shutdown();
            engine.close();
            try {
              sink.close();
              Reports.writeAll(EventsJsonl.read(events), reportDir, suite);
            } catch (IOException e) {
              throw new UncheckedIOException("cannot write the reports to " + reportDir, e);
            }
          }
        };
    List<Started> started = new ArrayList<>();
    for (Loaded l : loaded) {
      CompletableFuture<ScenarioOutcome> f =
          l.scenario() == null
              ? CompletableFuture.completedFuture(null)
              : CompletableFuture.supplyAsync(() -> engine.run(l.scenario()), pool);
      started.add(new Started(l, f, steps, finish));
    }
    return started;
  }
}
