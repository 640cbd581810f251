package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.scenario.report.Reports;

/**
 * The command-line tests' one set-up: {@code rsp-harness} run in this JVM with its console
 * captured, {@code --json} lines validated one by one against the published schema by networknt's
 * validator (an implementation we did not write), the README's PKI, inventory and card, and the
 * servers ({@code smdp serve}, {@code smds serve}) on their own threads and ephemeral ports.
 */
public final class CliFixture implements BeforeEachCallback, AfterEachCallback {

  /** The SM-DP+ host of the README and the generated PKIs. */
  public static final String SMDP = "testsmdpplus1.example.com";

  /** The root SM-DS host of the generated PKIs. */
  public static final String SMDS = "testrootsmds.example.com";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleCapture console = new ConsoleCapture();

  /** Every {@code command} of a line validated so far. */
  public final Set<String> commandsSeen = new TreeSet<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    console.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    console.afterEach(context);
  }

  /** One command's end: its exit status, its JSON lines (validated) and its stderr. */
  public record Run(int exit, List<JsonNode> lines, String err) {
    public JsonNode last() {
      return lines.get(lines.size() - 1);
    }
  }

  /** The published schema of {@code --json} lines. */
  public static Schema schema() throws Exception {
    try (InputStream in = JsonLines.class.getResourceAsStream(JsonLines.SCHEMA_RESOURCE)) {
      assertThat(in).as("schema on the classpath").isNotNull();
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(JSON.readTree(in));
    }
  }

  /** Runs rsp-harness with {@code --json}; every stdout line must be one valid JSON object. */
  public Run json(String... args) throws Exception {
    console.out.reset();
    console.err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    // picocli's writers on the captured streams: the same buffers as System.out and System.err
    // inside a test, and usable without the capture (a @BeforeAll)
    int exit =
        RspHarness.execute(
            new PrintWriter(console.out, true),
            new PrintWriter(console.err, true),
            all.toArray(String[]::new));
    String err = console.err.toString(StandardCharsets.UTF_8);
    return new Run(exit, validate(console.out.toString(StandardCharsets.UTF_8), err), err);
  }

  /** Runs rsp-harness without {@code --json}; its exit status. */
  public int run(String... args) {
    console.out.reset();
    console.err.reset();
    return RspHarness.execute(args);
  }

  /**
   * Runs rsp-harness without {@code --json} and checks its exit status (the command, stdout and
   * stderr shown when it differs); what it printed on stdout.
   */
  public String expect(int exit, String... args) {
    int code = run(args);
    assertThat(code)
        .as("rsp-harness %s%nstdout:%n%s%nstderr:%n%s", String.join(" ", args), out(), err())
        .isEqualTo(exit);
    return out();
  }

  /** Runs rsp-harness without {@code --json}, which must succeed (exit 0); its stdout. */
  public String ok(String... args) {
    return expect(0, args);
  }

  /**
   * {@code run SCENARIO --report-dir REPORTS [extra...]}, which must exit 0 (a scenario that
   * expects a failure passes too); what it printed.
   */
  public String runScenario(Path scenario, Path reports, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("run", scenario.toString(), "--report-dir", reports.toString()));
    args.addAll(List.of(extra));
    return ok(args.toArray(String[]::new));
  }

  /**
   * A run's console and summary.json list exactly one deviation from SGP.22, named on the console
   * by {@code said}.
   */
  public static void assertOneDeviation(String console, Path reports, String said) {
    assertThat(console).contains("deviations from SGP.22: 1 (1 kind(s))").contains(said);
    assertThat(reports.resolve(Reports.JSON))
        .content()
        .containsPattern("\"deviations\"\\s*:\\s*1\\b");
  }

  /** What the last command printed on stdout. */
  public String out() {
    return console.out.toString(StandardCharsets.UTF_8);
  }

  /** What the last command printed on stderr. */
  public String err() {
    return console.err.toString(StandardCharsets.UTF_8);
  }

  /** Validates each line of {@code text} against the schema; at least one line. */
  public List<JsonNode> validate(String text) throws Exception {
    return validate(text, "");
  }

  private List<JsonNode> validate(String text, String err) throws Exception {
    Schema schema = schema();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      assertThat(schema.validate(node)).as(line).isEmpty();
      commandsSeen.add(node.get("command").asText());
      lines.add(node);
    }
    assertThat(lines).as("JSON lines of:\n" + text + "\nstderr: " + err).isNotEmpty();
    return lines;
  }

  /** {@code certs generate} of a NIST PKI into {@code dir/pki}. */
  public Path pki(Path dir, int seed) throws Exception {
    Path pki = dir.resolve("pki");
    Run gen =
        json(
            "certs",
            "generate",
            "--out",
            pki.toString(),
            "--curve",
            "nist",
            "--seed",
            Integer.toString(seed));
    assertThat(gen.exit()).as(gen.err()).isZero();
    return pki;
  }

  /**
   * An inventory of Released lab profiles, each {@code "ICCID MATCHINGID"} or {@code "ICCID
   * MATCHINGID reusable"} (downloadable again and again).
   */
  public static Path inventory(Path dir, String... profiles) throws Exception {
    StringBuilder sb = new StringBuilder("profiles:\n");
    for (String p : profiles) {
      String[] f = p.split(" ");
      sb.append("  - {iccid: \"")
          .append(f[0])
          .append("\", profileType: lab, profilePackage: generated, state: Released, matchingId: ")
          .append(f[1])
          .append(f.length > 2 && f[2].equals("reusable") ? ", reusable: true}\n" : "}\n");
    }
    return Files.writeString(dir.resolve("inventory.yaml"), sb.toString());
  }

  /** {@code euicc init} of a NIST card on {@code pki}; its state file. */
  public Path card(Path dir, Path pki) throws Exception {
    Path card = dir.resolve("card.json");
    Run init =
        json(
            "euicc",
            "init",
            "--pki",
            pki.toString(),
            "--curve",
            "nist",
            "--state",
            card.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    return card;
  }

  /** {@code smdp serve} of {@code pki} and {@code inventory} on an ephemeral ES9+ port. */
  public static Server smdp(Path pki, Path inventory, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "smdp",
                "serve",
                "--pki",
                pki.toString(),
                "--host",
                SMDP,
                "--es9-port",
                "0",
                "--inventory",
                inventory.toString()));
    args.addAll(List.of(extra));
    return serve(args.toArray(String[]::new));
  }

  /** Starts a serve command ({@code smdp serve ...}) on its own thread. */
  public static Server serve(String... args) {
    return new Server(args);
  }

  /** A server command running on its own thread until closed (interrupted). */
  public static final class Server implements AutoCloseable {
    private final StringWriter printed = new StringWriter();
    private final Thread thread;

    private Server(String... args) {
      thread =
          new Thread(
              () ->
                  RspHarness.execute(
                      new PrintWriter(printed, true),
                      new PrintWriter(new StringWriter(), true),
                      args),
              args[0] + "-" + args[1]);
      thread.start();
    }

    /** Everything it printed so far. */
    public String printed() {
      return printed.toString();
    }

    /** The port after {@code label} (e.g. {@code ES9+}, {@code ES12}) in its start-up line. */
    public String port(String label) {
      Pattern p = Pattern.compile(Pattern.quote(label) + " https://127\\.0\\.0\\.1:(\\d+)");
      await().atMost(Duration.ofSeconds(60)).until(() -> p.matcher(printed()).find());
      Matcher m = p.matcher(printed());
      assertThat(m.find()).as(printed()).isTrue();
      return m.group(1);
    }

    /** Stops it (as Ctrl-C would) and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(10_000);
    }
  }
}
