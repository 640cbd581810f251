package org.rspharness.scenario.model;

/**
 * A scenario file that cannot be loaded. The message is one line: {@code file:line:column: field
 * 'x.y': what was expected}.
 */
public final class ScenarioLoadException extends RuntimeException
    implements org.rspharness.core.cli.Classified.BadInput {

  /** One-line message, already formatted with file, line, column and field. */
  public ScenarioLoadException(String message) {
    super(message);
  }

  /** The same, keeping the cause. */
  public ScenarioLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
