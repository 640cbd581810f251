package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Start-up of a short command stays lazy: a single {@code lpa} command on a software card builds
 * the {@code lpa} tree alone and loads none of what it does not use (Bouncy Castle, whose signed
 * jar costs a verification when it is opened; Netty; the YAML parser; the scenario engine; the
 * other commands). Checked by the classes a fresh JVM loads (its {@code -Xlog:class+load}), not by
 * time: what it measures is what start-up costs, whatever the machine's load.
 */
class StartupClassLoadingTest {

  /** Packages a profile listing must not load. */
  private static final List<String> NOT_FOR_A_LISTING =
      List.of(
          "org.bouncycastle.",
          "io.netty.",
          "org.yaml.snakeyaml.",
          "com.fasterxml.jackson.dataformat.yaml.",
          "io.micrometer.",
          "org.rspharness.scenario.",
          "org.rspharness.smdp.",
          "org.rspharness.certs.",
          "org.rspharness.cli.RunCommand",
          "org.rspharness.cli.LoadCommand");

  @TempDir static Path dir;
  static Path card;

  @BeforeAll
  static void card() throws Exception {
    CliFixture cli = new CliFixture();
    card = cli.card(dir, cli.pki(dir, 3));
  }

  /** The classes a fresh JVM loads running {@code args}, and what it printed. */
  private static List<String> loadedClasses(String name, String... args)
      throws IOException, InterruptedException {
    Path log = dir.resolve(name + ".classes");
    Path out = dir.resolve(name + ".out");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                RspHarness.class.getName()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
      assertThat(p.exitValue()).as(Files.readString(out)).isZero();
    } finally {
      p.destroyForcibly();
    }
    Pattern line = Pattern.compile("\\[class,load\\s*\\] (\\S+) source:");
    List<String> classes = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      Matcher m = line.matcher(l);
      if (m.find()) {
        classes.add(m.group(1));
      }
    }
    return classes;
  }

  private static List<String> offending(List<String> classes) {
    return classes.stream()
        .filter(c -> NOT_FOR_A_LISTING.stream().anyMatch(c::startsWith))
        .limit(20)
        .toList();
  }

  @Test
  void aProfileListingLoadsNeitherBouncyCastleNorNettyNorTheOtherCommands() throws Exception {
    List<String> classes = loadedClasses("profiles", "lpa", "--euicc", card.toString(), "profiles");
    // the log is real: the command that ran is in it
    assertThat(classes).contains("org.rspharness.lpa.cli.LpaCommand$Profiles");
    assertThat(offending(classes)).isEmpty();
  }

  @Test
  void theJsonListingStaysLazyToo() throws Exception {
    List<String> json =
        loadedClasses("profiles-json", "lpa", "--euicc", card.toString(), "--json", "profiles");
    assertThat(json).contains("org.rspharness.core.cli.JsonLines");
    assertThat(offending(json)).isEmpty();
  }

  @Test
  void cardInfoReadsTheCredentialsAndSoLoadsBouncyCastle() throws Exception {
    // The other side of the check: what needs the credentials reads them (here the CI key
    // identifiers of EUICCInfo2), so the check above can fail, and names what laziness saves.
    List<String> classes = loadedClasses("info", "lpa", "--euicc", card.toString(), "info");
    assertThat(classes).anyMatch(c -> c.startsWith("org.bouncycastle."));
  }

  @Test
  void aSubcommandBuildsItsOwnTreeAndEverythingElseTheWholeOne() {
    CommandLine one = RspHarness.commandLine("lpa", "--euicc", "card.json", "profiles");
    assertThat(one.getSubcommands().keySet()).containsExactly("lpa");
    CommandLine all = RspHarness.commandLine();
    assertThat(all.getSubcommands().keySet())
        .contains(
            "run", "load", "certs", "report", "compat", "help", "smdp", "smds", "euicc", "lpa");
    // help, a typo (to suggest a name) and no arguments see every command
    assertThat(RspHarness.commandLine("help").getSubcommands()).hasSameSizeAs(all.getSubcommands());
    assertThat(RspHarness.commandLine("lap").getSubcommands()).hasSameSizeAs(all.getSubcommands());
  }
}
