package org.rspharness.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The skip/fail policy of {@link ReferenceData#require}, on a folder of our own. */
class ReferenceDataTest {

  private static final String SENTINEL = "[test:policy-check]";

  @TempDir Path dir;

  private String running;

  /** Counts under a name of our own, removed after: the policy checks do not touch the summary. */
  @BeforeEach
  void countUnderASentinel() {
    running = ReferenceData.CURRENT.get();
    ReferenceData.CURRENT.set(SENTINEL);
  }

  @AfterEach
  void forgetTheSentinel() {
    ReferenceData.USED.remove(SENTINEL);
    ReferenceData.MISSING.remove(SENTINEL);
    ReferenceData.CURRENT.set(running);
  }

  @Test
  void aPresentFileIsReturnedAndTheTestCounts() throws Exception {
    Files.createDirectories(dir.resolve("sgp26"));
    assertThat(ReferenceData.require(dir, "sgp26", n -> null)).isEqualTo(dir.resolve("sgp26"));
    assertThat(ReferenceData.USED).contains(SENTINEL);
    assertThat(ReferenceDataSummary.line()).startsWith("[reference data] harness-core: ");
  }

  @Test
  void anAbsentFileSkipsOutsideCiWithTheReason() {
    assertThatThrownBy(() -> ReferenceData.require(dir, "profiles/x.der", n -> null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("reference data absent: " + dir.resolve("profiles/x.der"));
    assertThat(ReferenceData.MISSING).contains(SENTINEL);
    assertThatThrownBy(() -> ReferenceData.require(dir, "profiles/x.der", n -> "false"))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void anAbsentFileFailsWithCiTrue() {
    assertThatThrownBy(
            () -> ReferenceData.require(dir, "sgp26", n -> n.equals("CI") ? "true" : null))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("reference data absent")
        .hasMessageContaining("with CI=true this fails instead of skipping");
    assertThat(ReferenceData.MISSING).doesNotContain(SENTINEL);
  }
}
