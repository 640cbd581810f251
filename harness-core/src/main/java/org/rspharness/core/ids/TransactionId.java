package org.rspharness.core.ids;

import java.util.Arrays;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.util.Hex;

/**
 * SGP.22 TransactionId: an OCTET STRING of 1 to 16 bytes that names one RSP session; the SM-DP+
 * makes it in ES9+.InitiateAuthentication (section 5.6.1) and it travels as hex in the JSON
 * binding.
 *
 * <p>Hex input may be upper or lower case; the canonical text ({@link #hex()}, {@link #toString()})
 * is upper case. Immutable: the bytes are copied in and out.
 */
public final class TransactionId {

  /** Length the SM-DP+ simulator generates: the maximum SGP.22 allows. */
  public static final int GENERATED_LENGTH = 16;

  private final byte[] bytes;

  private TransactionId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A transactionId with these bytes (1 to 16). */
  public static TransactionId of(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("transactionId: missing");
    }
    if (bytes.length < 1 || bytes.length > 16) {
      throw new IllegalArgumentException(
          "transactionId: must be 1 to 16 bytes, got " + bytes.length);
    }
    return new TransactionId(bytes.clone());
  }

  /** Parses the hex text form (either case, no separators, 2 to 32 hex digits). */
  public static TransactionId fromHex(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("transactionId: missing");
    }
    if (hex.isEmpty() || hex.length() > 32 || hex.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "transactionId: expected 2 to 32 hex digits (an even number), got "
              + hex.length()
              + " characters");
    }
    for (int i = 0; i < hex.length(); i++) {
      if (!Hex.isHexDigit(hex.charAt(i))) {
        throw new IllegalArgumentException(
            "transactionId: '" + hex.charAt(i) + "' at index " + i + " is not a hex digit");
      }
    }
    return new TransactionId(Hex.decode(hex));
  }

  /** A fresh 16-byte transactionId drawn from {@code random}. */
  public static TransactionId random(RandomSource random) {
    return new TransactionId(random.bytes(GENERATED_LENGTH));
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Number of bytes (1 to 16). */
  public int length() {
    return bytes.length;
  }

  /** Upper-case hex, the JSON form. */
  public String hex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
