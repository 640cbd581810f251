package org.rspharness.core.testsupport;

import java.nio.file.Path;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of each module's tests, how many tests ran against the reference data and how
 * many were skipped without it, so a green build says what it checked. Registered through {@code
 * META-INF/services} in harness-core's test-jar, which every module's tests use.
 */
public final class ReferenceDataSummary implements TestExecutionListener {

  /**
   * Test plans running: a test may run a launcher of its own (ScenarioTestsNamesTest does), whose
   * plan must neither reset the counts nor print a line of its own.
   */
  private static final java.util.concurrent.atomic.AtomicInteger PLANS =
      new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    if (PLANS.getAndIncrement() == 0) {
      ReferenceData.USED.clear();
      ReferenceData.MISSING.clear();
    }
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (id.isTest() && PLANS.get() == 1) {
      ReferenceData.CURRENT.set(id.getUniqueId());
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isTest() && PLANS.get() == 1) {
      ReferenceData.CURRENT.remove();
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (PLANS.decrementAndGet() == 0) {
      System.out.println(line());
    }
  }

  /** "[reference data] harness-core: 57 tests ran against /x/shared/reference, 0 skipped ...". */
  static String line() {
    String module = Path.of("").toAbsolutePath().getFileName().toString();
    return "[reference data] "
        + module
        + ": "
        + ReferenceData.USED.size()
        + " tests ran against "
        + ReferenceData.dir().toAbsolutePath().normalize()
        + ", "
        + ReferenceData.MISSING.size()
        + " skipped without it"
        + (ReferenceData.MISSING.isEmpty() ? "" : " (set CI=true to make that a failure)");
  }
}
