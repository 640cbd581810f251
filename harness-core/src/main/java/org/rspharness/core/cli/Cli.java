package org.rspharness.core.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Installs the shared conventions on a picocli command tree: one error style (one line on stderr,
 * {@code rsp-harness: ...}; with {@code --json} also an {@code error} line on stdout), the exit
 * statuses of {@link ExitCodes}, option defaults from {@code RSP_HARNESS_*} environment variables,
 * and help that shows a parent's options once.
 */
public final class Cli {

  /**
   * Environment variables prefix: {@code --report-dir} of {@code run} is RSP_HARNESS_REPORT_DIR.
   */
  public static final String ENV_PREFIX = "RSP_HARNESS_";

  /** The program name every error line starts with. */
  public static final String PROGRAM = "rsp-harness";

  private Cli() {}

  /** Installs everything on {@code root} and every subcommand added so far (call it last). */
  public static CommandLine install(CommandLine root) {
    return install(root, System::getenv);
  }

  /** The same with another environment (tests). */
  public static CommandLine install(CommandLine root, UnaryOperator<String> env) {
    root.setExecutionExceptionHandler(
        (ex, cl, parseResult) -> {
          Failures.Failure f = Failures.classify(ex);
          int exit = report(cl, json(cl, env, null), f);
          if (f.exit() == ExitCodes.INTERNAL && env.apply(ENV_PREFIX + "DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
            cl.getErr().flush();
          }
          return exit;
        });
    root.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cl = ex.getCommandLine();
          Failures.Failure f =
              new Failures.Failure(
                  ExitCodes.USAGE,
                  "usage",
                  "",
                  ex.getMessage()
                      + suggestions(ex)
                      + " (see '"
                      + cl.getCommandSpec().qualifiedName(" ")
                      + " --help')");
          return report(cl, json(cl, env, args), f);
        });
    root.setDefaultValueProvider(environmentDefaults(env));
    root.setUsageHelpAutoWidth(true);
    parentOptionsOnce(root);
    return root;
  }

  /**
   * Defaults from the environment: an option {@code --report-dir} of command {@code run} takes
   * {@code RSP_HARNESS_RUN_REPORT_DIR}, else {@code RSP_HARNESS_REPORT_DIR}; booleans accept {@code
   * true/false/1/0/yes/no}.
   */
  public static CommandLine.IDefaultValueProvider environmentDefaults(UnaryOperator<String> env) {
    return arg -> {
      if (!(arg instanceof OptionSpec o) || o.usageHelp() || o.versionHelp()) {
        return null;
      }
      String name = envSuffix(o.longestName());
      CommandSpec cmd = o.command();
      String value = null;
      if (cmd != null && cmd.parent() != null) {
        value = env.apply(ENV_PREFIX + envSuffix(cmd.name()) + "_" + name);
      }
      if (value == null) {
        value = env.apply(ENV_PREFIX + name);
      }
      if (value == null || value.isBlank()) {
        return null;
      }
      if (o.typeInfo().isBoolean()) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
          case "1", "true", "yes", "on" -> "true";
          default -> "false";
        };
      }
      return value;
    };
  }

  /** {@code --report-dir} becomes {@code REPORT_DIR}. */
  public static String envSuffix(String name) {
    return name.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Reports {@code f} in the one error style (with {@code json}, also an {@code error} line on
   * stdout) and returns its exit status.
   */
  public static int report(CommandLine cl, boolean json, Failures.Failure f) {
    if (json) {
      OutputOptions.jsonLines(cl.getCommandSpec()).error(f);
    }
    printError(cl.getErr(), f.message());
    return f.exit();
  }

  /** The one error style: {@code rsp-harness: MESSAGE} on one line of stderr. */
  public static void printError(PrintWriter err, String message) {
    err.println(PROGRAM + ": " + message);
    err.flush();
  }

  private static boolean json(CommandLine cl, UnaryOperator<String> env, String[] args) {
    if (args != null && Arrays.asList(args).contains("--json")) {
      return true;
    }
    CommandSpec spec = cl.getCommandSpec();
    OptionSpec o = spec.findOption("--json");
    if (o != null && Boolean.TRUE.equals(o.getValue())) {
      return true;
    }
    return OutputOptions.of(spec).json() || "true".equals(environmentDefaultsValue(env, "JSON"));
  }

  private static String environmentDefaultsValue(UnaryOperator<String> env, String name) {
    String v = env.apply(ENV_PREFIX + name);
    return v == null ? null : v.strip().toLowerCase(Locale.ROOT).replaceAll("^(1|yes|on)$", "true");
  }

  private static String suggestions(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> s = u.getSuggestions();
      if (!s.isEmpty()) {
        return "; did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?";
      }
    }
    return "";
  }

  /**
   * A subcommand's help lists only its own options; the options it inherits from its parent (e.g.
   * {@code lpa --euicc}) are named once, in the parent's help, and referred to by a line.
   */
  static void parentOptionsOnce(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      List<OptionSpec> inherited = new ArrayList<>();
      for (OptionSpec o : spec.options()) {
        if (o.inherited() && !o.usageHelp() && !o.versionHelp() && !o.hidden()) {
          inherited.add(o);
        }
      }
      if (!inherited.isEmpty()) {
        spec.usageMessage().abbreviateSynopsis(true);
        sub.getHelpSectionMap()
            .put(
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> {
                  List<OptionSpec> own = new ArrayList<>();
                  for (OptionSpec o : help.commandSpec().options()) {
                    if (!inherited.contains(o) && !o.hidden()) {
                      own.add(o);
                    }
                  }
                  String parent = spec.parent() == null ? "" : spec.parent().qualifiedName(" ");
                  return help.optionListExcludingGroups(own)
                      + "Also the options of '"
                      + parent
                      + "' ("
                      + String.join(", ", inherited.stream().map(OptionSpec::longestName).toList())
                      + "): see '"
                      + parent
                      + " --help'.\n";
                });
      }
      parentOptionsOnce(sub);
    }
  }
}
