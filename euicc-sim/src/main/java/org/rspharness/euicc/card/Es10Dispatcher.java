package org.rspharness.euicc.card;

/**
 * SGP.22 section 5.7: the ES10 side of the ISD-R, fed one reassembled STORE DATA command at a time.
 *
 * <p>The card front end ({@link IsdRCard}) owns APDU framing, logical channels and block
 * reassembly; a dispatcher sees only whole STORE DATA payloads. A payload is usually one complete
 * ES10 command TLV (e.g. BF2E for GetEuiccChallenge), but during LoadBoundProfilePackage it is one
 * BPP segment, and some segments are only a header (the BF36 tag and length with BF23, or an A1 /
 * A3 tag and length alone): a dispatcher must not assume the payload's outer length covers exactly
 * the bytes received. The front end guarantees only that the payload starts with a well-formed BER
 * tag and definite length.
 *
 * <p>Calls come one at a time from the card's lock; an implementation needs no locking of its own
 * for calls made through one card.
 */
public interface Es10Dispatcher {

  /**
   * SGP.22 section 5.7.2: handles one reassembled STORE DATA payload. Return {@link
   * Es10Response#status(StatusWord)} with 6A88 for a tag it does not know. An exception thrown here
   * is answered with 6F00 and logged; the card stays usable.
   */
  Es10Response handle(byte[] command);

  /**
   * Called on every card reset (power cycle), so the eUICC can drop transient state such as an RSP
   * session in progress. The default does nothing.
   */
  default void onCardReset() {}

  /**
   * A memory-full fault: while {@code full}, the eUICC counts its free memory as 0 (a package load
   * fails with installFailedDueToInsufficientMemoryForProfile). Cleared with false when the command
   * ends and on reset. The default ignores it.
   */
  default void memoryFull(boolean full) {}
}
