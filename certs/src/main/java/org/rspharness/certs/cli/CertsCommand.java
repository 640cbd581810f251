package org.rspharness.certs.cli;

import java.util.concurrent.Callable;
import org.rspharness.core.cli.Cli;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.OutputOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rsp-harness certs}: generate and inspect test PKIs. */
@Command(
    name = "certs",
    description = "Generate and inspect SGP.22 test PKIs in the SGP.26 directory layout.",
    mixinStandardHelpOptions = true,
    subcommands = {GenerateCommand.class, ShowCommand.class})
public final class CertsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  /** The {@code certs} command line with the shared error style and exit statuses. */
  public static CommandLine commandLine() {
    return Cli.install(new CommandLine(new CertsCommand()));
  }

  /** Without a subcommand: the help, and exit 2 (nothing was done). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
