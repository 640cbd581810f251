package org.rspharness.testkit;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario of the bundled library (scenarios/library) must pass: the library is the project's
 * own acceptance suite, run through the same JUnit helper users get.
 */
class LibraryTest {

  @TestFactory
  Stream<DynamicTest> everyLibraryScenarioPasses() {
    return ScenarioTests.library(Path.of("target", "library-report"));
  }
}
