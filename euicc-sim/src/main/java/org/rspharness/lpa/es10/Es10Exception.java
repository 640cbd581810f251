package org.rspharness.lpa.es10;

import org.rspharness.core.cli.Classified;
import org.rspharness.core.cli.ExitCodes;

/**
 * An ES10 call that did not give a usable response: the card answered an error status word, or a
 * response that is not the structure the function defines.
 */
public final class Es10Exception extends RuntimeException implements Classified {

  private static final long serialVersionUID = 1L;

  private final String function;
  private final int statusWord;

  /**
   * @param function the ES10 function (e.g. {@code AuthenticateServer})
   * @param statusWord SW1SW2 when the card refused at APDU level, -1 otherwise
   * @param message what went wrong
   */
  public Es10Exception(String function, int statusWord, String message, Throwable cause) {
    super(function + ": " + message, cause);
    this.function = function;
    this.statusWord = statusWord;
  }

  /** The ES10 function that failed. */
  public String function() {
    return function;
  }

  /** The eUICC failed: exit 3. */
  @Override
  public int exitCode() {
    return ExitCodes.PEER;
  }

  /** The status word (e.g. {@code 6A88}), or {@code card} when the failure was not one. */
  @Override
  public Object code() {
    return statusWord >= 0 ? String.format("%04X", statusWord) : "card";
  }

  /** SW1SW2 of the refusal, or -1 when the failure was not a status word. */
  public int statusWord() {
    return statusWord;
  }
}
