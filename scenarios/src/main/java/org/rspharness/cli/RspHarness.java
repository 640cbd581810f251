package org.rspharness.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.cli.CertsCommand;
import org.rspharness.core.cli.Cli;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.euicc.cli.EuiccCommand;
import org.rspharness.lpa.cli.EuiccAccess;
import org.rspharness.lpa.cli.LpaCommand;
import org.rspharness.smdp.cli.SmdpCommand;
import org.rspharness.smds.cli.SmdsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rsp-harness} command. */
@Command(
    name = "rsp-harness",
    description = "Test harness for GSMA SGP.22 consumer eSIM Remote SIM Provisioning.",
    mixinStandardHelpOptions = true,
    // Every subcommand inherits --help/--version, so `rsp-harness lpa download --help` answers
    // with usage instead of complaining about required options first.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = RspHarness.Version.class,
    // subcommands: added by commandLine(args), only the one a command line names (start-up)
    footerHeading = "%nExit status:%n",
    footer = {
      "  0  success",
      "  1  a test, expectation or threshold failed",
      "  2  bad input or usage",
      "  3  the peer (SM-DP+ or eUICC) refused, or the network failed",
      "  4  internal error (a bug: please report it)",
      "",
      "Options also come from RSP_HARNESS_<OPTION> environment variables, e.g."
          + " RSP_HARNESS_JSON=true, RSP_HARNESS_REPORT_DIR=out (RSP_HARNESS_<COMMAND>_<OPTION>"
          + " for one command only)."
    })
public final class RspHarness implements Callable<Integer> {

  private static final String PICOCLI_CLOSURES = "picocli.disable.closures";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * The subcommands in help order, each built only when asked for: picocli reflects over a
   * command's whole class tree when it is added, and a PKI loader pulls in Bouncy Castle, so a
   * single {@code lpa} command builds the {@code lpa} tree alone ({@link #commandLine(String...)}).
   * The lambdas keep each class unloaded until its entry is used ({@code StartupClassLoadingTest}).
   */
  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("run", () -> RunCommand.class);
    m.put("load", () -> LoadCommand.class);
    m.put("certs", () -> CertsCommand.class);
    m.put("report", () -> ReportCommand.class);
    m.put("compat", () -> CompatCommand.class);
    m.put("cds-training", () -> CdsTraining.class);
    m.put("help", () -> CommandLine.HelpCommand.class);
    // The simulators may not depend on the certs module; this is where PKI loading is plugged in.
    m.put("smdp", () -> SmdpCommand.commandLine(dir -> PkiDirectory.load(dir)));
    m.put("smds", () -> SmdsCommand.commandLine(dir -> PkiDirectory.load(dir)));
    m.put("euicc", () -> EuiccCommand.commandLine(dir -> PkiDirectory.load(dir)));
    m.put(
        "lpa",
        () -> LpaCommand.commandLine(EuiccAccess.fromStateFiles(dir -> PkiDirectory.load(dir))));
    return m;
  }

  /** Runs the command line and returns its exit code (for tests: no {@code System.exit}). */
  public static int execute(String... args) {
    return commandLine(args).execute(args);
  }

  /** The same, writing to {@code out} and {@code err} instead of the standard streams. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The whole command tree with the shared conventions installed. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command tree {@code args} needs: when they start with a subcommand's name, the root with
   * that subcommand alone (what it does, its help and its errors are the same as in the whole
   * tree); otherwise (no arguments, {@code help}, {@code --help}, a typo to suggest a name for) the
   * whole tree.
   */
  public static CommandLine commandLine(String... args) {
    // picocli otherwise looks for Groovy's Closure class, a miss that opens every jar of the class
    // path at each start-up; we have no Groovy.
    if (System.getProperty(PICOCLI_CLOSURES) == null) {
      System.setProperty(PICOCLI_CLOSURES, "true");
    }
    Map<String, Supplier<Object>> all = subcommands();
    String first = args.length == 0 ? null : args[0];
    boolean one = first != null && !first.equals("help") && all.containsKey(first);
    CommandLine cli = new CommandLine(new RspHarness());
    all.forEach(
        (name, command) -> {
          if (!one || name.equals(first)) {
            cli.addSubcommand(name, command.get());
          }
        });
    // One error style and exit-code table for every command; a stack trace helps nobody at 2 a.m.
    return Cli.install(cli);
  }

  /** Without a command: the help, and exit 2 (a usage error: nothing was done). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RspHarness.class.getPackage().getImplementationVersion();
      return new String[] {"rsp-harness " + (v == null ? "(development build)" : v)};
    }
  }
}
