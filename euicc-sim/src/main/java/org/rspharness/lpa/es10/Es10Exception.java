package org.rspharness.lpa.es10;

/**
 * An ES10 call that did not give a usable response: the card answered an error status word, or a
 * response that is not the structure the function defines.
 */
public final class Es10Exception extends RuntimeException {

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

  /** SW1SW2 of the refusal, or -1 when the failure was not a status word. */
  public int statusWord() {
    return statusWord;
  }
}
