package org.rspharness.euicc.cli;

import org.rspharness.certs.PkiDirectory;

/** The {@code euicc} command as its own process, for tests that talk to it over stdin/stdout. */
public final class StdioCardMain {
  private StdioCardMain() {}

  public static void main(String[] args) {
    System.exit(EuiccCommand.commandLine(PkiDirectory::load).execute(args));
  }
}
