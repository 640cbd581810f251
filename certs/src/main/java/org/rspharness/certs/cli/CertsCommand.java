package org.rspharness.certs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rsp-harness certs}: generate and inspect test PKIs. */
@Command(
    name = "certs",
    description = "Generate and inspect SGP.22 test PKIs in the SGP.26 directory layout.",
    mixinStandardHelpOptions = true,
    subcommands = {GenerateCommand.class, ShowCommand.class})
public final class CertsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
