package org.rspharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The build's class-data-sharing training run (hidden): the build starts a JVM with {@code
 * -XX:ArchiveClassesAtExit} on this command, which runs the short commands people type most (help,
 * certs, euicc init, lpa info/profiles/notifications, with and without --json) once, so the archive
 * holds the classes they load and a single {@code lpa} command starts from it.
 */
@Command(
    name = "cds-training",
    hidden = true,
    description = "Build only: exercise the short commands for the class-data-sharing archive.")
final class CdsTraining implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "a scratch directory for the training files")
  Path dir;

  @Override
  public Integer call() throws IOException {
    Files.createDirectories(dir);
    String pki = dir.resolve("pki").toString();
    String card = dir.resolve("card.json").toString();
    Files.deleteIfExists(Path.of(card));
    must("certs", "generate", "--out", pki, "--curve", "nist", "--seed", "1");
    must("certs", "show", pki, "--json");
    must("euicc", "init", "--pki", pki, "--curve", "nist", "--state", card);
    for (String json : new String[] {"--quiet", "--json"}) {
      must("lpa", "--euicc", card, "info", json);
      must("lpa", "--euicc", card, "profiles", json);
      must("lpa", "--euicc", card, "notifications", json);
    }
    run("lpa", "--euicc", card, "delete", "89000123456789012341");
    must("--help");
    must("lpa", "download", "--help");
    run("lpa", "--bogus");
    return 0;
  }

  private static int run(String... args) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    return RspHarness.execute(sink, sink, args);
  }

  private static void must(String... args) {
    int exit = run(args);
    if (exit != 0) {
      throw new IllegalStateException(
          "training command failed (" + exit + "): " + String.join(" ", args));
    }
  }
}
