package org.rspharness.euicc.card;

/**
 * A smart card reached by APDUs: the one seam every front end (in-memory LPA, virtual PC/SC reader,
 * fault injector) talks to.
 *
 * <p>Implementations never throw for malformed input: every command, however broken, is answered
 * with a response APDU carrying an ISO 7816-4 status word. The one exception is a card unpowered by
 * an injected power loss: it answers nothing (an empty array) until {@link #reset()}.
 */
public interface Card {

  /**
   * ISO 7816-4 section 5.1: processes one command APDU and returns the response APDU (response
   * data, if any, followed by SW1 SW2).
   */
  byte[] transmit(byte[] commandApdu);

  /**
   * ISO 7816-3 cold or warm reset (power cycle): transient state (logical channels, selections,
   * partial commands, pending responses) is lost; persistent state (profiles, notifications) is
   * kept.
   */
  void reset();

  /** ISO 7816-3 section 8: the Answer-To-Reset this card reports, as a fresh copy. */
  byte[] atr();
}
