package org.rspharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.load.EmbeddedSmdp;
import org.rspharness.load.LoadConfig;
import org.rspharness.load.LoadProgress;
import org.rspharness.load.LoadRunner;
import org.rspharness.load.LoadTarget;
import org.rspharness.load.RemoteSmdp;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiTable;
import org.rspharness.scenario.model.Durations;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rsp-harness load}: many virtual devices downloading profiles at once from the embedded
 * SM-DP+ (or a remote one), with a progress line every second, the KPIs at the end and, with an
 * acceptance file, the SLA verdict (exit 1 when missed).
 */
@Command(
    name = "load",
    description = {
      "Load test: N virtual devices (each its own eUICC and certificate) download profiles,"
          + " C at a time, from the embedded SM-DP+ or a remote one; prints KPIs at the end.",
      "Exit 0 when done (and the acceptance thresholds are met), 1 when a threshold is missed."
    })
final class LoadCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "100",
      description = "virtual devices (default ${DEFAULT-VALUE})")
  int devices;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "8",
      description = "downloads in flight at most (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--ramp-up",
      paramLabel = "D",
      defaultValue = "0s",
      description = "grow the concurrency from 1 to C over D, e.g. 30s (default ${DEFAULT-VALUE})")
  String rampUp;

  @ArgGroup(exclusive = true)
  Amount amount;

  static final class Amount {
    @Option(
        names = "--duration",
        paramLabel = "D",
        description = "start activations for D (e.g. 5m), then let the running ones finish")
    String duration;

    @Option(
        names = "--count",
        paramLabel = "N",
        description = "run N activations (default: one per device)")
    Integer count;
  }

  @Option(
      names = "--curve",
      paramLabel = "CURVE",
      defaultValue = "nist",
      description = "nist or brainpool (default ${DEFAULT-VALUE})")
  String curve;

  @Option(
      names = "--smdp",
      paramLabel = "URL",
      description = "a remote SM-DP+ (https://host[:port]); needs --pki and --matching-ids")
  URI smdp;

  @Option(
      names = "--pki",
      paramLabel = "DIR",
      description =
          "PKI directory (SGP.26 layout): CI for TLS, EUM with its key for the eUICC certificates"
              + " (default for the embedded SM-DP+: a PKI generated from the seed)")
  Path pki;

  @Option(
      names = "--matching-ids",
      paramLabel = "FILE",
      description = "remote SM-DP+: released orders' matchingIds, one per line, one per attempt")
  Path matchingIds;

  @Option(
      names = "--resolve",
      paramLabel = "HOST=ADDRESS",
      description = "remote SM-DP+: dial HOST at ADDRESS instead of asking DNS; repeatable")
  java.util.Map<String, String> resolve = new java.util.LinkedHashMap<>();

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "seed of device keys, EIDs and the embedded SM-DP+ (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--binding",
      paramLabel = "json|asn1",
      defaultValue = "json",
      description =
          "ES9+ binding of the virtual devices: json or asn1 (SGP.22 v3, /gsma/rsp2/asn1);"
              + " default ${DEFAULT-VALUE}")
  String binding;

  @Option(names = "--enable", description = "enable each downloaded profile")
  boolean enable;

  @Option(
      names = "--attempts",
      paramLabel = "K",
      defaultValue = "1",
      description = "download attempts per activation, each with a new order (default 1)")
  int attempts;

  @Option(
      names = "--acceptance",
      paramLabel = "FILE",
      description = "SLA thresholds (YAML); exit 1 when one is missed")
  Path acceptance;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "write every event (with HTTP bodies and APDUs) to FILE as events.jsonl")
  Path eventsFile;

  @Option(
      names = "--metrics-port",
      paramLabel = "P",
      description =
          "serve Prometheus metrics (SM-DP+ and load meters) at http://127.0.0.1:P/metrics")
  Integer metricsPort;

  @Option(
      names = "--no-apdu-breakdown",
      description = "keep no APDU events in memory (very long runs); no per-ES10 latency")
  boolean noApdus;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    JsonLines lines = OutputOptions.jsonLines(spec);
    PrintWriter out = output.human(spec.commandLine());
    PrintWriter err = spec.commandLine().getErr();
    LoadConfig config = config();
    Acceptance criteria = acceptance == null ? null : Acceptance.load(acceptance);
    EventLog events = EventLog.system();
    EventsJsonl.Sink file = null;
    if (eventsFile != null) {
      file = EventsJsonl.writer(Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8));
      events.addSink(file);
    }
    LoadRunner.Result result;
    try (LoadTarget target = target(config, events)) {
      String starting = describe(config) + " against " + target.describe();
      if (json) {
        lines.progress(starting, JsonLines.data("devices", config.devices()));
      }
      out.println("load: " + starting);
      out.flush();
      LoadProgress progress =
          json
              ? s ->
                  lines.progress(
                      s.line(),
                      JsonLines.data(
                          "elapsedMillis",
                          s.elapsed().toMillis(),
                          "started",
                          s.started(),
                          "succeeded",
                          s.succeeded(),
                          "failed",
                          s.failed(),
                          "inFlight",
                          s.inFlight()))
              : output.quiet()
                  ? LoadProgress.quiet()
                  : s -> {
                    err.println(s.line());
                    err.flush();
                  };
      result = new LoadRunner(config, target, events, progress).run();
    } finally {
      if (file != null) {
        file.close();
      }
    }
    String done =
        String.format(
            Locale.ROOT,
            "%d activations in %.1fs: %.1f activations/s",
            result.activations(),
            result.elapsed().toNanos() / 1e9,
            result.activations() / (result.elapsed().toNanos() / 1e9));
    out.println(done);
    out.print(KpiTable.render(result.kpis()));
    if (eventsFile != null) {
      out.println("events in " + eventsFile);
    }
    int exit = ExitCodes.OK;
    Acceptance.Verdict verdict = null;
    if (criteria != null) {
      verdict = criteria.evaluate(result.kpis());
      out.print(output.colors().enabled() ? colour(verdict.render()) : verdict.render());
      exit = verdict.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    out.flush();
    if (json) {
      var k = result.kpis();
      Map<String, Object> data =
          JsonLines.data(
              "activations",
              result.activations(),
              "elapsedMillis",
              result.elapsed().toMillis(),
              "downloadAttempts",
              k.downloadAttempts(),
              "downloadSuccesses",
              k.downloadSuccesses(),
              "successRate",
              Double.isNaN(k.successRate()) ? null : k.successRate(),
              "failuresByStatusCode",
              k.failuresByStatusCode(),
              "acceptance",
              verdict == null ? null : verdict.passed());
      if (exit == ExitCodes.OK) {
        lines.ok(done, data);
      } else {
        lines.result(exit, "failed", "threshold missed", done + "; acceptance FAILED", data);
      }
    }
    return exit;
  }

  private LoadConfig config() {
    Curve c =
        switch (curve) {
          case "nist" -> Curve.NIST_P256;
          case "brainpool" -> Curve.BRAINPOOL_P256R1;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "--curve: expected nist or brainpool, got '" + curve + "'");
        };
    Duration d =
        amount == null || amount.duration == null ? null : duration("--duration", amount.duration);
    int n = amount != null && amount.count != null ? amount.count : devices;
    try {
      return new LoadConfig(
          devices,
          concurrency,
          duration("--ramp-up", rampUp),
          d,
          d == null ? n : 0,
          c,
          enable,
          attempts,
          seed,
          !noApdus,
          binding);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }

  private Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  private LoadTarget target(LoadConfig config, EventLog events) throws IOException {
    int metrics = metricsPort == null ? -1 : metricsPort;
    if (smdp == null) {
      if (matchingIds != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--matching-ids is for a remote SM-DP+ (--smdp URL)");
      }
      return pki == null
          ? EmbeddedSmdp.start(config.curve(), seed, metrics, events)
          : EmbeddedSmdp.start(PkiDirectory.load(pki), config.curve(), seed, metrics, events);
    }
    if (pki == null || matchingIds == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--smdp needs --pki DIR (its CI and an EUM with its key) and --matching-ids FILE");
    }
    List<String> ids;
    try {
      ids =
          Files.readAllLines(matchingIds, StandardCharsets.UTF_8).stream()
              .map(String::trim)
              .filter(s -> !s.isEmpty() && !s.startsWith("#"))
              .toList();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(matchingIds + " (no such matchingIds file)");
    }
    CredentialSource source = PkiDirectory.load(pki);
    return new RemoteSmdp(smdp, source, ids, metrics, resolve);
  }

  /** PASS/FAIL of a verdict's lines in colour. */
  private String colour(String verdict) {
    var c = output.colors();
    return verdict
        .replaceAll("(?m)^(\\s*)PASS", "$1" + c.pass("PASS"))
        .replaceAll("(?m)^(\\s*)FAIL", "$1" + c.fail("FAIL"))
        .replace("PASSED", c.pass("PASSED"))
        .replace("FAILED", c.fail("FAILED"));
  }

  private static String describe(LoadConfig c) {
    return c.devices()
        + " devices, concurrency "
        + c.concurrency()
        + (c.rampUp().isZero() ? "" : ", ramp-up " + c.rampUp().toSeconds() + "s")
        + ", "
        + (c.duration() != null
            ? "for " + c.duration().toSeconds() + "s"
            : c.count() + " activations")
        + (c.enable() ? " (download + enable)" : " (download)")
        + ", "
        + (c.curve() == Curve.NIST_P256 ? "nist" : "brainpool");
  }
}
