package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutAnsiPrintsOneLinePerFinishedScenarioAndNothingElse() {
    ConsoleProgress p = new ConsoleProgress(out, false, 3);
    p.scenarioStarted("nominal-download-nist");
    p.scenarioStarted("wrong-matching-id");
    p.scenarioFinished("nominal-download-nist", true, 1_234_000_000L);
    p.scenarioFinished("wrong-matching-id", false, 850_400_000L);
    p.close();

    assertThat(written())
        .isEqualTo(
            "PASS nominal-download-nist 1.2 s"
                + System.lineSeparator()
                + "FAIL wrong-matching-id 850 ms"
                + System.lineSeparator());
    assertThat(p.finished()).isEqualTo(2);
  }

  @Test
  void onATerminalRedrawsOneLineWithBarCountsAndTheRunningScenario() {
    ConsoleProgress p = new ConsoleProgress(out, true, 10);
    p.scenarioStarted("a");
    p.scenarioFinished("a", true, 1);
    p.scenarioStarted("b");
    p.scenarioFinished("b", true, 1);
    p.scenarioStarted("c");
    p.scenarioFinished("c", false, 1);
    p.scenarioStarted("nominal-download-nist");

    assertThat(p.line())
        .isEqualTo("[######..............] 3/10 passed 2 failed 1  running: nominal-download-nist");
    String text = written();
    // the failure stays on its own line; the bar is redrawn on one line
    assertThat(text.chars().filter(c -> c == '\n')).hasSize(1);
    assertThat(text)
        .contains(
            "\r\u001b[2K[####................] 2/10 passed 2 failed 0  running: c"
                + "\r\u001b[2KFAIL c 0 ms"
                + System.lineSeparator()
                + "\r\u001b[2K[######..............] 3/10 passed 2 failed 1");
    // every draw starts by returning to column 0 and clearing the line
    assertThat(text.split("\r\u001b\\[2K", -1)).hasSize(1 + 7 + 1);
    assertThat(text).endsWith("\r\u001b[2K" + p.line());

    p.scenarioStarted("d");
    assertThat(p.line()).endsWith("running: nominal-download-nist (+1)");
    p.close();
    assertThat(written()).endsWith(p.line() + System.lineSeparator());
  }

  @Test
  void theLineNeverExceedsItsWidthNorCarriesControlCharactersFromNames() {
    ConsoleProgress p = new ConsoleProgress(out, true, 2, 60);
    p.scenarioStarted("x".repeat(200) + "\u001b[31m\nred");
    assertThat(p.line()).hasSize(60).endsWith("\u2026");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ConsoleProgress plain =
        new ConsoleProgress(new PrintStream(log, true, StandardCharsets.UTF_8), false, 1, 40);
    plain.scenarioFinished("evil\u001b[2J\nname", true, 5_000_000);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .isEqualTo("PASS evil?[2J?name 5 ms" + System.lineSeparator());
  }

  @Test
  void twoRunsOfTheSameScenarioAreCountedApart() {
    ConsoleProgress p = new ConsoleProgress(out, true, 4);
    p.scenarioStarted("repeat");
    p.scenarioStarted("repeat");
    assertThat(p.line()).endsWith("running: repeat (+1)");
    p.scenarioFinished("repeat", true, 1);
    assertThat(p.line()).endsWith("failed 0  running: repeat");
    p.scenarioFinished("repeat", false, 1);
    assertThat(p.line()).isEqualTo("[##########..........] 2/4 passed 1 failed 1");
  }

  @Test
  void callsAfterCloseAreIgnoredAndCloseIsIdempotent() {
    ConsoleProgress p = new ConsoleProgress(out, true, 1);
    p.scenarioStarted("a");
    p.close();
    String afterClose = written();
    p.scenarioFinished("a", true, 1);
    p.close();
    assertThat(written()).isEqualTo(afterClose);
    assertThat(p.finished()).isZero();
  }

  @Test
  void parallelScenariosNeverInterleaveTheirLines() throws Exception {
    int scenarios = 200;
    ConsoleProgress p = new ConsoleProgress(out, false, scenarios);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> jobs = new ArrayList<>();
    try {
      for (int i = 0; i < scenarios; i++) {
        String name = "scenario-" + i;
        boolean pass = i % 3 != 0;
        jobs.add(
            pool.submit(
                () -> {
                  go.await();
                  p.scenarioStarted(name);
                  p.scenarioFinished(name, pass, 2_000_000_000L);
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    p.close();

    List<String> lines = written().lines().toList();
    assertThat(lines)
        .hasSize(scenarios)
        .allMatch(l -> l.matches("(PASS|FAIL) scenario-\\d+ 2\\.0 s"));
    assertThat(lines).filteredOn(l -> l.startsWith("FAIL")).hasSize(67);
    assertThat(lines.stream().distinct()).hasSize(scenarios);
    assertThat(p.finished()).isEqualTo(scenarios);
  }

  @Test
  void terminalModeUnderParallelCallsEndsWithAllCounted() throws Exception {
    int scenarios = 50;
    ConsoleProgress p = new ConsoleProgress(out, true, scenarios);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> jobs = new ArrayList<>();
    try {
      for (int i = 0; i < scenarios; i++) {
        String name = "s" + i;
        jobs.add(pool.submit(() -> p.scenarioFinished(name, true, 1)));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    p.close();
    assertThat(written())
        .endsWith(
            "\r\u001b[2K[####################] 50/50 passed 50 failed 0" + System.lineSeparator());
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new ConsoleProgress(null, false, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out");
    assertThatThrownBy(() -> new ConsoleProgress(out, false, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("totalScenarios");
  }
}
