package org.rspharness.cli;

import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.cli.CertsCommand;
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
    subcommands = {RunCommand.class, LoadCommand.class, CertsCommand.class, ReportCommand.class})
public final class RspHarness implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests: no {@code System.exit}). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new RspHarness());
    // The simulators may not depend on the certs module; this is where PKI loading is plugged in.
    cli.addSubcommand("smdp", SmdpCommand.commandLine(PkiDirectory::load));
    cli.addSubcommand("smds", SmdsCommand.commandLine(PkiDirectory::load));
    cli.addSubcommand("euicc", EuiccCommand.commandLine(PkiDirectory::load));
    cli.addSubcommand(
        "lpa", LpaCommand.commandLine(EuiccAccess.fromStateFiles(PkiDirectory::load)));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // Users get one line that names the problem; a stack trace helps nobody at 2 a.m.
          String m = ex.getMessage();
          commandLine
              .getErr()
              .println("rsp-harness: " + (m == null || m.isBlank() ? ex.toString() : m));
          return 2;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
