package org.rspharness.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --json}, {@code --quiet} and {@code --no-color}, mixed into each top-level command (and
 * inherited by its subcommands); {@link #of} finds them from any subcommand.
 */
public final class OutputOptions {

  /** The mixin's name in a command spec. */
  public static final String MIXIN = "output";

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description =
          "Print one JSON object per line on stdout (schema: output.schema.json, see README)."
              + " Env: RSP_HARNESS_JSON=true.")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print only failures and the final result. Env: RSP_HARNESS_QUIET=true.")
  boolean quiet;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colour (also when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  public boolean json() {
    return json;
  }

  public boolean quiet() {
    return quiet;
  }

  /** Colours for this run: off with --no-color, NO_COLOR, --json or no terminal. */
  public Colors colors() {
    return json || noColor ? Colors.OFF : Colors.detect(System::getenv);
  }

  /** The options of {@code spec} or of the nearest parent that mixes them in; defaults if none. */
  public static OutputOptions of(CommandSpec spec) {
    for (CommandSpec c = spec; c != null; c = c.parent()) {
      CommandSpec m = c.mixins().get(MIXIN);
      if (m != null && m.userObject() instanceof OutputOptions o) {
        return o;
      }
    }
    return new OutputOptions();
  }

  /** JSON lines for {@code spec}'s command on its standard output. */
  public static JsonLines jsonLines(CommandSpec spec) {
    return JsonLines.to(spec.commandLine().getOut(), commandName(spec));
  }

  /** The command's name without the program: {@code lpa download}. */
  public static String commandName(CommandSpec spec) {
    String q = spec.qualifiedName(" ");
    String prefix = Cli.PROGRAM + " ";
    return q.startsWith(prefix) ? q.substring(prefix.length()) : q;
  }

  /** Where human text goes: stdout, or nowhere with --json (which owns stdout). */
  public PrintWriter human(CommandLine cl) {
    return json ? new PrintWriter(java.io.Writer.nullWriter()) : cl.getOut();
  }
}
