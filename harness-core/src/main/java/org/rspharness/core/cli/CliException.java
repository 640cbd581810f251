package org.rspharness.core.cli;

/** A command-line failure with its exit status and code, thrown by commands and reported once. */
public final class CliException extends RuntimeException implements Classified {

  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final transient Object code;
  private final String codeName;

  public CliException(int exitCode, Object code, String codeName, String message) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
    this.codeName = codeName == null ? "" : codeName;
  }

  /** Bad input the user can fix: exit 2, code {@code bad-input}. */
  public static CliException badInput(String message) {
    return new CliException(ExitCodes.USAGE, "bad-input", "", message);
  }

  /** A test, expectation or threshold failed: exit 1. */
  public static CliException failed(Object code, String codeName, String message) {
    return new CliException(ExitCodes.FAILED, code, codeName, message);
  }

  /** The peer refused (an SGP.22 code, an ES10 result) or the network failed: exit 3. */
  public static CliException peer(Object code, String codeName, String message) {
    return new CliException(ExitCodes.PEER, code, codeName, message);
  }

  @Override
  public int exitCode() {
    return exitCode;
  }

  @Override
  public Object code() {
    return code;
  }

  @Override
  public String codeName() {
    return codeName;
  }
}
