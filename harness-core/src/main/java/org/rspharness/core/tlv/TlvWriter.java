package org.rspharness.core.tlv;

/**
 * DER-style TLV encoding primitives: tags as the int of their 1-3 bytes, minimal definite lengths
 * (up to 4 length bytes).
 */
public final class TlvWriter {

  private TlvWriter() {}

  /** One TLV with this tag and value. */
  public static byte[] encode(int tag, byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null");
    }
    return encode(tag, value, 0, value.length);
  }

  /** One TLV with this tag and the value {@code value[offset, offset + length)}. */
  public static byte[] encode(int tag, byte[] value, int offset, int length) {
    int tagLength = tagLength(tag);
    int lengthLength = lengthLength(length);
    byte[] out = new byte[tagLength + lengthLength + length];
    int pos = writeTag(out, 0, tag);
    pos = writeLength(out, pos, length);
    System.arraycopy(value, offset, out, pos, length);
    return out;
  }

  /** Number of bytes of this tag; validates it (1-3 bytes, well-formed continuation bits). */
  public static int tagLength(int tag) {
    if (tag <= 0 || tag > 0xFFFFFF) {
      throw new IllegalArgumentException("tag " + Integer.toHexString(tag) + " is not 1-3 bytes");
    }
    int n = tag <= 0xFF ? 1 : tag <= 0xFFFF ? 2 : 3;
    int first = tag >>> (8 * (n - 1));
    boolean multi = (first & 0x1F) == 0x1F;
    if (multi != (n > 1)) {
      throw new IllegalArgumentException(
          "tag " + Tlv.hexTag(tag) + ": first byte and tag length disagree");
    }
    for (int i = n - 2; i >= 0; i--) {
      int b = (tag >>> (8 * i)) & 0xFF;
      boolean more = (b & 0x80) != 0;
      if (more != (i > 0)) {
        throw new IllegalArgumentException(
            "tag " + Tlv.hexTag(tag) + ": continuation bits are inconsistent");
      }
    }
    return n;
  }

  /** Number of bytes of the minimal definite length field for this length. */
  public static int lengthLength(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    if (length < 0x80) {
      return 1;
    } else if (length < 0x100) {
      return 2;
    } else if (length < 0x10000) {
      return 3;
    } else if (length < 0x1000000) {
      return 4;
    }
    return 5;
  }

  /** Writes the tag at {@code pos}; returns the position after it. */
  public static int writeTag(byte[] out, int pos, int tag) {
    int n = tagLength(tag);
    for (int i = n - 1; i >= 0; i--) {
      out[pos++] = (byte) (tag >>> (8 * i));
    }
    return pos;
  }

  /** Writes the minimal length field at {@code pos}; returns the position after it. */
  public static int writeLength(byte[] out, int pos, int length) {
    int n = lengthLength(length);
    if (n == 1) {
      out[pos++] = (byte) length;
      return pos;
    }
    out[pos++] = (byte) (0x80 | (n - 1));
    for (int i = n - 2; i >= 0; i--) {
      out[pos++] = (byte) (length >>> (8 * i));
    }
    return pos;
  }

  /** The tag bytes alone, e.g. {@code BF 38} for {@code 0xBF38}. */
  public static byte[] tagBytes(int tag) {
    byte[] out = new byte[tagLength(tag)];
    writeTag(out, 0, tag);
    return out;
  }

  /** The minimal length field alone. */
  public static byte[] lengthBytes(int length) {
    byte[] out = new byte[lengthLength(length)];
    writeLength(out, 0, length);
    return out;
  }
}
