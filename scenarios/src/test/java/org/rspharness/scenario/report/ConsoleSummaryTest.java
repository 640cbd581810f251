package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

  @Test
  void alignedTableWithOneLinePerScenario() {
    String table = ConsoleSummary.plain().render(TestRun.passAndFail().summary());
    List<String> lines = table.lines().toList();

    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("SCENARIO").contains("RESULT", "DURATION", "FIRST FAILURE");
    assertThat(lines.get(2)).startsWith("nominal download  ").contains("PASS", "40.0 ms");
    assertThat(lines.get(3))
        .startsWith("wrong matching id ")
        .contains("FAIL", "10.0 ms")
        .endsWith("download: [8.2.6/3.8] refused: MatchingID");
    int column = lines.get(0).indexOf("RESULT");
    assertThat(lines.get(2).indexOf("PASS")).isEqualTo(column);
    assertThat(lines.get(3).indexOf("FAIL")).isEqualTo(column);
    int durationEnd = lines.get(0).indexOf("DURATION") + "DURATION".length();
    assertThat(lines.get(2).indexOf(" ms") + 3).isEqualTo(durationEnd);
    assertThat(lines.get(4)).isEqualTo("2 scenarios, 1 passed, 1 failed, 60.0 ms");
    assertThat(table).doesNotContain("\u001b");
  }

  @Test
  void longNamesAndMessagesAreCutWithAnEllipsisToTheWidth() {
    TestRun r = new TestRun();
    String name = "a scenario with a remarkably long name that goes on and on";
    r.at(0).start("engine", name, "download");
    r.at(1).fail("engine", name, "download", "8.1/3.8", "x".repeat(300) + "\n\u001b[31mred");

    String table = new ConsoleSummary(60, false).render(r.summary());
    for (String line : table.lines().toList()) {
      assertThat(line.length()).isLessThanOrEqualTo(60);
    }
    String row = table.lines().toList().get(2);
    assertThat(row)
        .hasSize(60)
        .startsWith(name.substring(0, 23) + "\u2026")
        .endsWith("download: [8.1/\u2026");
    // The full message fits on a wide line, still as one line.
    String wide = new ConsoleSummary(500, false).render(r.summary()).lines().toList().get(2);
    assertThat(wide).endsWith("x".repeat(300) + " ?[31mred").hasSizeLessThanOrEqualTo(500);
    assertThat(table).doesNotContain("\u001b");
  }

  @Test
  void failureReasonsFollowTheTableInFullWrappedToTheWidth() {
    TestRun r = new TestRun();
    r.at(0).start("engine", "order-count", "expect[0].smdpOrder");
    String why = "SM-DP+ order 8900000000000000029: confirmationCodeAttempts used 1, expected 2";
    r.at(1).fail("engine", "order-count", "expect[0].smdpOrder", null, why);
    ConsoleSummary narrow = new ConsoleSummary(40, false);
    assertThat(narrow.render(r.summary())).doesNotContain("expected 2");
    String failures = narrow.renderFailures(r.summary());
    assertThat(failures.lines().toList().get(1)).isEqualTo("FAIL order-count");
    assertThat(String.join(" ", failures.lines().skip(2).map(String::strip).toList()))
        .isEqualTo("expect[0].smdpOrder: " + why);
    assertThat(failures.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
    assertThat(narrow.renderFailures(TestRun.passAndFail().summary())).contains("refused");
  }

  @Test
  void coloursOnlyWhenAsked() {
    String table = new ConsoleSummary(100, true).render(TestRun.passAndFail().summary());
    assertThat(table).contains("\u001b[32mPASS").contains("\u001b[31mFAIL");
  }

  @Test
  void refusesAWidthTooSmallForTheColumns() {
    assertThatThrownBy(() -> new ConsoleSummary(10, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width");
  }
}
