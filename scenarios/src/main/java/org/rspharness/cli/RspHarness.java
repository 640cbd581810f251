package org.rspharness.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
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
    subcommands = {
      RunCommand.class,
      LoadCommand.class,
      CertsCommand.class,
      ReportCommand.class,
      CompatCommand.class,
      CdsTraining.class,
      CommandLine.HelpCommand.class
    },
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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests: no {@code System.exit}). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The same, writing to {@code out} and {@code err} instead of the standard streams. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The whole command tree with the shared conventions installed. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RspHarness());
    // The simulators may not depend on the certs module; this is where PKI loading is plugged in.
    cli.addSubcommand("smdp", SmdpCommand.commandLine(PkiDirectory::load));
    cli.addSubcommand("smds", SmdsCommand.commandLine(PkiDirectory::load));
    cli.addSubcommand("euicc", EuiccCommand.commandLine(PkiDirectory::load));
    cli.addSubcommand(
        "lpa", LpaCommand.commandLine(EuiccAccess.fromStateFiles(PkiDirectory::load)));
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
