package org.rspharness.core.cli;

/**
 * An exception that knows how the command line reports it: its exit status ({@link ExitCodes}), its
 * {@code code} for JSON output (an SGP.22 {@code subject/reason}, an ES10 result number, or a
 * symbolic name such as {@code dns}) and that code's name.
 */
public interface Classified {

  /** One of {@link ExitCodes}. */
  int exitCode();

  /** An Integer (ES10 result, status word) or a String (SGP.22 code, symbolic failure). */
  Object code();

  /** The name of {@link #code()}, e.g. {@code iccidOrAidAlreadyExists}; empty when none. */
  default String codeName() {
    return "";
  }

  /**
   * Bad input: a file, option or value the user can fix (exit {@link ExitCodes#USAGE}, code {@code
   * bad-input}).
   */
  interface BadInput extends Classified {
    @Override
    default int exitCode() {
      return ExitCodes.USAGE;
    }

    @Override
    default Object code() {
      return "bad-input";
    }
  }
}
