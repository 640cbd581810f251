package org.rspharness.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.engine.ScenarioEngine;
import org.rspharness.scenario.engine.ScenarioOutcome;
import org.rspharness.scenario.engine.ScenarioSources;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.ScenarioLoadException;
import org.rspharness.scenario.model.ScenarioLoader;
import org.rspharness.scenario.report.Reports;

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

  /** One test per {@code *.yaml} file below {@code dir}. */
  public static Stream<DynamicTest> directory(Path dir) {
    return directory(dir, Path.of("target", "rsp-harness"));
  }

  /** As {@link #directory(Path)}, writing events and reports to {@code reportDir}. */
  public static Stream<DynamicTest> directory(Path dir, Path reportDir) {
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
    return run(loaded, reportDir, dir.getFileName().toString());
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
    return run(loaded, reportDir, "library");
  }

  private record Loaded(String file, Scenario scenario, String loadError) {}

  private static Stream<DynamicTest> run(List<Loaded> loaded, Path reportDir, String suite) {
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
    EventLog log = EventLog.system().addSink(sink);
    ScenarioEngine engine =
        new ScenarioEngine(new ScenarioEngine.Options(PARALLELISM, null, null), log);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
    List<CompletableFuture<ScenarioOutcome>> futures = new ArrayList<>();
    for (Loaded l : loaded) {
      futures.add(
          l.scenario() == null
              ? CompletableFuture.completedFuture(null)
              : CompletableFuture.supplyAsync(() -> engine.run(l.scenario()), pool));
    }
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
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < loaded.size(); i++) {
      Loaded l = loaded.get(i);
      CompletableFuture<ScenarioOutcome> f = futures.get(i);
      String name = l.scenario() == null ? l.file() : l.scenario().name();
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                try {
                  if (l.loadError() != null) {
                    Assertions.fail(l.loadError());
                  }
                  ScenarioOutcome o = f.join();
                  if (!o.passed()) {
                    Assertions.fail(o.failure());
                  }
                } finally {
                  finish.run();
                }
              }));
    }
    return tests.stream();
  }
}
