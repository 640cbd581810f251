package org.rspharness.scenario.kpi;

/**
 * An acceptance file that cannot be loaded; the message is one line: {@code file:line:column: field
 * 'x.y': what was expected}.
 */
public final class AcceptanceException extends RuntimeException
    implements org.rspharness.core.cli.Classified.BadInput {

  public AcceptanceException(String message) {
    super(message);
  }

  public AcceptanceException(String message, Throwable cause) {
    super(message, cause);
  }
}
