package org.rspharness.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.rspharness.core.transport.http.RspHttpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The conventions every command shares: exit statuses, one error style, JSON lines, env. */
class CliTest {

  @Command(name = "demo", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT)
  static final class Demo implements Callable<Integer> {
    @CommandLine.Mixin(name = OutputOptions.MIXIN)
    OutputOptions output;

    @Option(names = "--report-dir", scope = CommandLine.ScopeType.INHERIT, description = "dir")
    String reportDir;

    @Option(names = "--throw", description = "what to throw")
    String toThrow;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (toThrow != null) {
        throw switch (toThrow) {
          case "bad" -> new IllegalArgumentException("--x: bad value; use y");
          case "file" -> new NoSuchFileException("missing.yaml");
          case "dns" ->
              new RspHttpException(
                  RspHttpException.Kind.CONNECT_FAILED,
                  "x",
                  new UnknownHostException("nohost.example"));
          case "peer" -> CliException.peer("8.2.6/3.8", "matchingId refused", "refused");
          default -> new NullPointerException("oops");
        };
      }
      if (output.json()) {
        OutputOptions.jsonLines(spec).ok("done " + reportDir, JsonLines.data("dir", reportDir));
      } else {
        spec.commandLine().getOut().println("done " + reportDir);
      }
      return 0;
    }
  }

  @Command(name = "sub", description = "a subcommand")
  static final class Sub implements Callable<Integer> {
    @Option(names = "--own", description = "its own option")
    boolean own;

    @Override
    public Integer call() {
      return 0;
    }
  }

  record Run(int exit, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Demo()).addSubcommand("sub", new Sub());
    Cli.install(cl, env::get);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void eachKindOfFailureHasItsExitStatusAndOneErrorLine() {
    Run bad = run("--throw", "bad");
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).isEqualTo("rsp-harness: --x: bad value; use y\n");
    assertThat(run("--throw", "file").err()).isEqualTo("rsp-harness: no such file: missing.yaml\n");
    Run dns = run("--throw", "dns");
    assertThat(dns.exit()).isEqualTo(ExitCodes.PEER);
    Run peer = run("--throw", "peer");
    assertThat(peer.exit()).isEqualTo(ExitCodes.PEER);
    Run bug = run("--throw", "npe");
    assertThat(bug.exit()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(bug.err())
        .startsWith("rsp-harness: internal error: java.lang.NullPointerException: oops")
        .doesNotContain("\tat ");
    assertThat(run(Map.of("RSP_HARNESS_DEBUG", "1"), "--throw", "npe").err()).contains("\tat ");
  }

  @Test
  void aUsageErrorIsOneLineWithSuggestionAndWhereTheHelpIs() {
    Run r = run("--reprot-dir", "x");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .startsWith("rsp-harness: Unknown option")
        .contains("'--reprot-dir'")
        .contains("did you mean --report-dir?")
        .endsWith("(see 'demo --help')")
        .doesNotContain("\n");
  }

  @Test
  void withJsonAFailureIsAlsoAnErrorLineOnStdout() throws Exception {
    Run r = run("--json", "--throw", "peer");
    JsonNode line = new ObjectMapper().readTree(r.out());
    assertThat(line.get("type").asText()).isEqualTo("error");
    assertThat(line.get("code").asText()).isEqualTo("8.2.6/3.8");
    assertThat(line.get("codeName").asText()).isEqualTo("matchingId refused");
    assertThat(line.get("exit").asInt()).isEqualTo(3);
    assertThat(line.get("command").asText()).isEqualTo("demo");
    Run usage = run("--json", "--bogus");
    assertThat(new ObjectMapper().readTree(usage.out()).get("code").asText()).isEqualTo("usage");
  }

  @Test
  void optionsTakeTheirDefaultsFromRspHarnessEnvironmentVariables() throws Exception {
    assertThat(run(Map.of("RSP_HARNESS_REPORT_DIR", "out")).out()).isEqualTo("done out\n");
    Run json = run(Map.of("RSP_HARNESS_JSON", "1", "RSP_HARNESS_REPORT_DIR", "e"));
    assertThat(new ObjectMapper().readTree(json.out()).get("data").get("dir").asText())
        .isEqualTo("e");
    // the command line wins over the environment
    assertThat(run(Map.of("RSP_HARNESS_REPORT_DIR", "out"), "--report-dir", "cli").out())
        .isEqualTo("done cli\n");
  }

  @Test
  void aSubcommandsHelpShowsItsParentsOptionsOnceByReference() {
    Run r = run("sub", "--help");
    assertThat(r.out())
        .contains("--own")
        .doesNotContain("--report-dir=")
        .contains("Also the options of 'demo' (--json, --quiet, --no-color, --report-dir)")
        .contains("see 'demo --help'");
  }

  @Test
  void colourFollowsNoColor() {
    assertThat(Colors.detect(n -> n.equals("NO_COLOR") ? "1" : null).enabled()).isFalse();
    assertThat(Colors.detect(n -> n.equals("RSP_HARNESS_COLOR") ? "always" : null).pass("PASS"))
        .isEqualTo("\u001b[32mPASS\u001b[0m");
    assertThat(
            Colors.detect(
                    n ->
                        switch (n) {
                          case "NO_COLOR" -> "1";
                          case "RSP_HARNESS_COLOR" -> "always";
                          default -> null;
                        })
                .enabled())
        .as("NO_COLOR wins")
        .isFalse();
  }
}
