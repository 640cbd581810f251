package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.NetworkProfile;
import org.rspharness.core.random.RandomSource;
import org.rspharness.load.EmbeddedSmdp;
import org.rspharness.load.LoadConfig;
import org.rspharness.load.LoadFaults;
import org.rspharness.load.LoadProgress;
import org.rspharness.load.LoadRunner;
import org.rspharness.scenario.model.Faults;

/**
 * A 1,000-device load run's report opens: its events (20 real activations under a lossy network,
 * copied under 1,000 device names) give a report of at most 5 MB with the aggregate views, a
 * diagram for every activation with a failure and 5 samples of the others, which renders in
 * headless Chromium when it is installed (required with CI=true).
 */
class LargeLoadReportTest {

  private static final int BASE = 20;
  private static final int COPIES = 50;

  @Test
  void aThousandDeviceReportStaysUnderFiveMegabytesAndRenders(@TempDir Path dir) throws Exception {
    List<Event> base = new ArrayList<>();
    EventLog log = EventLog.system();
    log.addSink(base::add);
    NetworkProfile lossy =
        new NetworkProfile("test-lossy", Duration.ofMillis(1), Duration.ZERO, 4, 10_000_000, 1);
    LoadFaults faults =
        new LoadFaults(new Faults(lossy, List.of()), RandomSource.seeded(11).derive("f"));
    try (EmbeddedSmdp smdp = EmbeddedSmdp.options(Curve.NIST_P256, 11).events(log).start()) {
      new LoadRunner(
              LoadConfig.count(BASE, 4, BASE).withAttempts(3).withSeed(11),
              smdp,
              log,
              LoadProgress.quiet(),
              name -> faults.device(name, log))
          .run();
    }
    List<Event> events = copies(base);
    RunResult result = Reports.writeAll(events, dir, "load", null, HtmlReport.Options.LOAD);
    assertThat(result.loadRun()).isTrue();
    assertThat(result.kpis().devices()).isEqualTo(BASE * COPIES);
    assertThat(result.kpis().activations()).isEqualTo(BASE * COPIES);

    Path html = dir.resolve(Reports.HTML);
    long size = Files.size(html);
    String page = Files.readString(html);
    long failed = Sessions.of(result).stream().filter(s -> s.firstFailure() != null).count();
    long sections =
        Pattern.compile("<section id=\"s[0-9]+\" class=\"scenario").matcher(page).results().count();
    assertThat(failed).as("sessions with a failure").isPositive();
    assertThat(sections).isEqualTo(failed + 5);
    assertThat(size)
        .as("report.html bytes, " + failed + " failed sessions")
        .isLessThanOrEqualTo(5_000_000);
    // the aggregate views are there for all 1,000 sessions
    assertThat(page)
        .contains("data-kpi=\"activations\" data-value=\"1000\"")
        .contains("Failed downloads by interruption point");

    boolean chromium = onPath("chromium");
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(chromium, "chromium is not on the PATH");
    }
    assertThat(chromium).as("chromium on the PATH (CI=true)").isTrue();
    Path script = Path.of("..", "scripts", "check-html-render").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder("bash", script.toString(), html.toString())
            .redirectErrorStream(true)
            .start();
    try {
      p.getOutputStream().close();
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("check-html-render finished").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out)
          .contains("ok   DOM has " + sections + " scenario section(s)")
          .contains("ok   page script ran")
          .contains("ok   no JavaScript error")
          .contains("info page parsed and laid out in ");
      assertThat(p.exitValue()).as(out).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  /** The base run's events once per copy, each copy's devices renamed into its own range. */
  private static List<Event> copies(List<Event> base) {
    List<Event> sorted = new ArrayList<>(base);
    sorted.sort(Comparator.comparingLong(Event::seq));
    long span = sorted.get(sorted.size() - 1).elapsedNanos() - sorted.get(0).elapsedNanos() + 1;
    List<Event> out = new ArrayList<>();
    long seq = 1;
    for (int k = 0; k < COPIES; k++) {
      for (Event e : sorted) {
        if (k > 0 && e.payload() instanceof EventPayload.Note) {
          continue;
        }
        out.add(
            new Event(
                seq++,
                e.elapsedNanos() + k * span,
                e.wallTime().plusNanos(k * span),
                rename(e.source(), k),
                rename(e.payload(), k)));
      }
    }
    return out;
  }

  private static final Pattern DEVICE = Pattern.compile("dev([0-9]{2})\\b");

  private static String rename(String s, int k) {
    if (s == null) {
      return null;
    }
    Matcher m = DEVICE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, String.format("dev%04d", k * BASE + Integer.parseInt(m.group(1))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static EventPayload rename(EventPayload p, int k) {
    if (p instanceof EventPayload.StepStarted s) {
      return new EventPayload.StepStarted(
          s.scenario(), rename(s.step(), k), s.action(), rename(s.device(), k));
    }
    if (p instanceof EventPayload.StepFinished f) {
      return new EventPayload.StepFinished(
          f.scenario(), rename(f.step(), k), f.ok(), f.statusCode(), f.message(), f.outcome());
    }
    return p;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
