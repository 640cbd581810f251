package org.rspharness.core.tlv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.rspharness.core.codec.CodecException;

/**
 * Small DER helpers for primitive values (INTEGER, BOOLEAN, BIT STRING, UTF8String), so the eUICC,
 * the LPA and the SM-DP+ can build and read TLVs byte by byte; headers are {@link Tlv#header}'s.
 */
public final class Der {

  private Der() {}

  /** The minimal two's-complement content octets of an INTEGER. */
  public static byte[] integer(long value) {
    return BigInteger.valueOf(value).toByteArray();
  }

  /** A TLV with an INTEGER value under {@code tag}. */
  public static byte[] integer(int tag, long value) {
    return TlvWriter.encode(tag, integer(value));
  }

  /** A TLV with a UTF-8 string value under {@code tag}. */
  public static byte[] utf8(int tag, String value) {
    return TlvWriter.encode(tag, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The content octets of a DER BIT STRING with the named bits set (bit 0 is the most significant
   * bit of the first octet); trailing zero bits are dropped as DER requires.
   */
  public static byte[] bitString(int... bits) {
    int highest = -1;
    for (int b : bits) {
      highest = Math.max(highest, b);
    }
    if (highest < 0) {
      return new byte[] {0};
    }
    int octets = highest / 8 + 1;
    byte[] out = new byte[octets + 1];
    for (int b : bits) {
      out[1 + b / 8] |= (byte) (0x80 >>> (b % 8));
    }
    out[0] = (byte) (7 - highest % 8);
    return out;
  }

  /** Bit {@code bit} of a received BIT STRING's content octets (false when beyond its length). */
  public static boolean bit(byte[] bitString, int bit) {
    if (bitString.length < 1) {
      throw new CodecException("BIT STRING without the unused-bits octet", "value");
    }
    int index = 1 + bit / 8;
    if (index >= bitString.length) {
      return false;
    }
    return (bitString[index] & (0x80 >>> (bit % 8))) != 0;
  }

  /** A received INTEGER's value as an int; CodecException when empty or longer than 4 bytes. */
  public static int intValue(Tlv tlv) {
    byte[] v = tlv.value();
    if (v.length == 0 || v.length > 4) {
      throw new CodecException(
          "INTEGER " + tlv.tagHex() + " must have 1..4 content octets", "offset " + tlv.offset());
    }
    return new BigInteger(v).intValue();
  }

  /** A received BOOLEAN (any non-zero octet is true, as BER allows). */
  public static boolean booleanValue(Tlv tlv) {
    byte[] v = tlv.value();
    if (v.length != 1) {
      throw new CodecException(
          "BOOLEAN " + tlv.tagHex() + " must have one content octet", "offset " + tlv.offset());
    }
    return v[0] != 0;
  }

  /** A received UTF8String. */
  public static String utf8Value(Tlv tlv) {
    return new String(tlv.value(), StandardCharsets.UTF_8);
  }
}
