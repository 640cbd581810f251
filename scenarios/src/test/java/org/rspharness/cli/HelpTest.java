package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Help a user can act on: real labels, a description for every parameter, names listed. */
class HelpTest {

  private static void walk(CommandLine cl, List<CommandSpec> out) {
    out.add(cl.getCommandSpec());
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!sub.getCommandSpec().name().equals("help")) {
        walk(sub, out);
      }
    }
  }

  @Test
  void everyOptionAndParameterHasADescriptionAndARealLabel() {
    List<CommandSpec> specs = new ArrayList<>();
    walk(RspHarness.commandLine(), specs);
    List<String> problems = new ArrayList<>();
    for (CommandSpec spec : specs) {
      if (spec.usageMessage().description().length == 0) {
        problems.add(spec.qualifiedName(" ") + ": no description");
      }
      for (ArgSpec a : spec.args()) {
        if (a.hidden() || (a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp()))) {
          continue;
        }
        String name =
            spec.qualifiedName(" ")
                + " "
                + (a instanceof OptionSpec o ? o.longestName() : a.paramLabel());
        if (a.description().length == 0 || String.join("", a.description()).isBlank()) {
          problems.add(name + ": no description");
        }
        boolean takesValue = !(a instanceof OptionSpec o) || o.arity().max() > 0;
        if (takesValue && a.paramLabel().startsWith("<")) {
          problems.add(name + ": placeholder label " + a.paramLabel());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static String help(String... args) {
    StringWriter out = new StringWriter();
    int exit =
        RspHarness.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter()), args);
    assertThat(exit).as(String.join(" ", args)).isZero();
    return out.toString();
  }

  @Test
  void aSubcommandShowsItsParentsOptionsOnce() {
    String download = help("lpa", "download", "--help");
    assertThat(download)
        .contains("--activation-code=AC")
        .doesNotContain("--euicc=")
        .contains("Also the options of 'rsp-harness lpa'")
        .contains("--euicc");
    assertThat(help("lpa", "--help")).contains("--euicc=FILE").contains("download");
  }

  @Test
  void quirksAndNetworkProfilesAreListed() {
    assertThat(help("smdp", "serve", "--help"))
        .contains("base64-line-breaks")
        .contains("http-500-html=FUNCTION")
        .contains("exact-address-check");
    assertThat(help("run", "--help")).contains("3g-poor").contains("4g").contains("lossy");
  }

  @Test
  void helpIsACommandAndTheExitTableIsInTheMainHelp() {
    assertThat(help("help", "lpa")).contains("Usage: rsp-harness lpa");
    assertThat(help("--help")).contains("Exit status:").contains("3  the peer");
  }
}
