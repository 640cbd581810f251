package org.rspharness.euicc.card;

/**
 * ITU-T X.690 section 8.1.2-8.1.3: checks that a STORE DATA payload starts with a well-formed BER
 * tag and definite length.
 *
 * <p>TEMPORARY: a deliberately tiny private helper; replace it with the BER-TLV reader of {@code
 * org.rspharness.core.tlv} once that package lands. It reads only the outer header, nothing else.
 */
final class TlvHeader {

  /** SGP.22 tags are at most three bytes (e.g. BF3E); allow up to four. */
  private static final int MAX_TAG_BYTES = 4;

  /** Definite long form with at most four length bytes. */
  private static final int MAX_LENGTH_BYTES = 4;

  private TlvHeader() {}

  /**
   * The size of the tag and length fields at the start of {@code bytes[0..length)}, or -1 when they
   * are truncated, use the indefinite length, or are otherwise malformed.
   */
  static int headerLength(byte[] bytes, int length) {
    if (length < 2) {
      return -1;
    }
    int at = 0;
    int first = bytes[at++] & 0xFF;
    if (first == 0x00) {
      return -1; // 00 is end-of-contents, never a command tag.
    }
    if ((first & 0x1F) == 0x1F) {
      int tagBytes = 1;
      int b;
      do {
        if (at >= length || ++tagBytes > MAX_TAG_BYTES) {
          return -1;
        }
        b = bytes[at++] & 0xFF;
      } while ((b & 0x80) != 0);
    }
    if (at >= length) {
      return -1;
    }
    int lengthByte = bytes[at++] & 0xFF;
    if (lengthByte == 0x80) {
      return -1; // Indefinite length: not allowed in DER, never sent by an LPA.
    }
    if (lengthByte > 0x80) {
      int n = lengthByte & 0x7F;
      if (n > MAX_LENGTH_BYTES || at + n > length) {
        return -1;
      }
      at += n;
    }
    return at;
  }
}
