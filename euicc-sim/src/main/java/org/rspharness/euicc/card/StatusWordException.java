package org.rspharness.euicc.card;

/**
 * ISO 7816-4 section 5.6: a command the card refuses, carrying the status word that answers it.
 *
 * <p>Used inside the card front end to unwind from a malformed command to its status word; it never
 * leaves {@link Card#transmit(byte[])}.
 */
public final class StatusWordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient StatusWord statusWord;

  /** A refusal with status word {@code statusWord}; {@code reason} says why, for logs. */
  public StatusWordException(StatusWord statusWord, String reason) {
    super(statusWord + ": " + reason, null, false, false);
    this.statusWord = statusWord;
  }

  /** The status word that answers the command. */
  public StatusWord statusWord() {
    return statusWord;
  }
}
