package org.rspharness.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What CI shows for scenario tests: the JUnit Platform (as Surefire and Gradle run it) reports the
 * scenario's name, and with steps the step names below it, never {@code [1]}.
 */
class ScenarioTestsNamesTest {

  static Path scenarios;
  static Path reports;

  /** Run by the launcher below, not by Surefire (nested classes are not picked up). */
  static class Fixture {
    @TestFactory
    Stream<DynamicTest> scenarios() {
      return ScenarioTests.directory(scenarios, reports.resolve("flat"));
    }

    @TestFactory
    Stream<DynamicNode> scenariosWithSteps() {
      return ScenarioTests.directoryWithSteps(scenarios, reports.resolve("steps"));
    }
  }

  @Test
  void testsAreNamedAfterScenariosAndSteps(@TempDir Path dir) throws Exception {
    scenarios = Files.createDirectories(dir.resolve("scenarios"));
    reports = dir.resolve("reports");
    Files.copy(
        Path.of("library", "nominal-download-nist.yaml"),
        scenarios.resolve("nominal-download-nist.yaml"));
    List<String> passed = new CopyOnWriteArrayList<>();
    List<String> failed = new CopyOnWriteArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Fixture.class)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.getSource().isEmpty() || id.getUniqueId().contains("dynamic")) {
              (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed)
                  .add(id.getDisplayName());
            }
          }
        });
    assertThat(failed).isEmpty();
    assertThat(passed)
        .contains("nominal-download-nist", "order", "confirm", "download")
        .noneMatch(n -> n.matches("\\[\\d+]"));
    // the scenario is both a flat test and a container of its steps
    assertThat(passed.stream().filter("nominal-download-nist"::equals)).hasSize(2);
  }
}
