package org.rspharness.core.cli;

import java.util.function.UnaryOperator;

/**
 * ANSI colour for PASS/FAIL words, following https://no-color.org: off when {@code NO_COLOR} is set
 * to anything non-empty, when output is not a terminal, or with {@code --no-color}; {@code
 * RSP_HARNESS_COLOR=always} forces it on (e.g. a CI log viewer that renders ANSI).
 */
public final class Colors {

  /** No colour at all. */
  public static final Colors OFF = new Colors(false);

  /** Colour always. */
  public static final Colors ON = new Colors(true);

  private final boolean enabled;

  private Colors(boolean enabled) {
    this.enabled = enabled;
  }

  /** Decides from the environment ({@code env} is {@code System::getenv} outside tests). */
  public static Colors detect(UnaryOperator<String> env) {
    String no = env.apply("NO_COLOR");
    if (no != null && !no.isEmpty()) {
      return OFF;
    }
    String force = env.apply("RSP_HARNESS_COLOR");
    if ("always".equalsIgnoreCase(force)) {
      return ON;
    }
    if ("never".equalsIgnoreCase(force)) {
      return OFF;
    }
    return System.console() != null && !"dumb".equals(env.apply("TERM")) ? ON : OFF;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Green when enabled. */
  public String pass(String s) {
    return enabled ? "\u001b[32m" + s + "\u001b[0m" : s;
  }

  /** Bold red when enabled. */
  public String fail(String s) {
    return enabled ? "\u001b[1;31m" + s + "\u001b[0m" : s;
  }

  /** {@link #pass} or {@link #fail} by {@code ok}. */
  public String verdict(boolean ok, String s) {
    return ok ? pass(s) : fail(s);
  }
}
