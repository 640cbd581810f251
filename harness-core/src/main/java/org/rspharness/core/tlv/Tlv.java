package org.rspharness.core.tlv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.util.Hex;

/**
 * One BER-TLV as received: a view (offsets) into a byte array, never a copy until asked for.
 *
 * <p>Tags are 1 to 3 bytes and are handled as the unsigned big-endian int of their bytes ({@code
 * 0x5A}, {@code 0xBF38}, {@code 0x5F37}). Lengths are definite, short or long form with up to 4
 * length bytes; indefinite length, truncation, a length running past its container and trailing
 * bytes are {@link CodecException}s whose location is the absolute byte offset in the array that
 * was parsed.
 *
 * <p>{@link #encoded()} returns the exact received bytes, which is what SGP.22 signatures are
 * computed over. Instances are immutable and thread-safe; the caller must not modify the underlying
 * array afterwards.
 */
public final class Tlv {

  private final byte[] buf;
  private final int offset;
  private final int tag;
  private final int valueOffset;
  private final int valueLength;
  private final boolean minimalLength;
  private volatile List<Tlv> children;

  private Tlv(
      byte[] buf, int offset, int tag, int valueOffset, int valueLength, boolean minimalLength) {
    this.buf = buf;
    this.offset = offset;
    this.tag = tag;
    this.valueOffset = valueOffset;
    this.valueLength = valueLength;
    this.minimalLength = minimalLength;
  }

  /** Parses exactly one TLV that spans the whole array; anything after it is an error. */
  public static Tlv parse(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    return parse(bytes, 0, bytes.length);
  }

  /** Parses exactly one TLV spanning {@code bytes[offset, offset + length)}. */
  public static Tlv parse(byte[] bytes, int offset, int length) {
    checkRange(bytes, offset, length);
    int end = offset + length;
    Tlv tlv = read(bytes, offset, end);
    if (tlv.end() != end) {
      throw new CodecException(
          (end - tlv.end())
              + " trailing byte(s) after TLV "
              + tlv.tagHex()
              + " of "
              + tlv.encodedLength()
              + " bytes",
          "offset " + tlv.end());
    }
    return tlv;
  }

  /**
   * Parses a concatenation of TLVs filling {@code bytes} completely (a SAIP profile package, the
   * content of a constructed TLV, a sequence of BPP segments).
   */
  public static List<Tlv> parseAll(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    return parseAll(bytes, 0, bytes.length);
  }

  /** Parses a concatenation of TLVs filling {@code bytes[offset, offset + length)} completely. */
  public static List<Tlv> parseAll(byte[] bytes, int offset, int length) {
    checkRange(bytes, offset, length);
    int end = offset + length;
    List<Tlv> out = new ArrayList<>();
    int pos = offset;
    while (pos < end) {
      Tlv tlv = read(bytes, pos, end);
      out.add(tlv);
      pos = tlv.end();
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Reads the one TLV starting at {@code offset}, which must end at or before {@code limit}; bytes
   * after it are left for the caller (streaming over a buffer).
   */
  public static Tlv read(byte[] bytes, int offset, int limit) {
    Header h = header(bytes, offset, limit);
    int pos = h.valueOffset();
    if (h.length() > limit - pos) {
      throw new CodecException(
          "length "
              + h.length()
              + " of tag "
              + hexTag(h.tag())
              + " exceeds the "
              + (limit - pos)
              + " byte(s) available (truncated or over-long length)",
          "offset " + h.lengthOffset());
    }
    return new Tlv(bytes, offset, h.tag(), pos, h.length(), h.minimalLength());
  }

  /**
   * The tag and length of a TLV, read without its value, which may not be there yet: a Bound
   * Profile Package's 'BF36', 'A1' and 'A3' headers arrive alone (SGP.22 section 2.5.5), and a card
   * checks a command's header before reading on.
   *
   * @param tag the tag as the unsigned int of its 1-3 bytes
   * @param offset where the tag starts
   * @param headerLength bytes of tag and length
   * @param length the declared value length
   * @param minimalLength false when the length was sent in a longer form than DER allows
   */
  public record Header(int tag, int offset, int headerLength, int length, boolean minimalLength) {

    /** Offset of the first value byte. */
    public int valueOffset() {
      return offset + headerLength;
    }

    /** Offset just after the value (which may lie beyond the bytes received so far). */
    public long end() {
      return (long) valueOffset() + length;
    }

    private int lengthOffset() {
      int n = 1;
      for (int t = tag; t > 0xFF; t >>>= 8) {
        n++;
      }
      return offset + n;
    }
  }

  /**
   * Reads the tag and definite length at {@code bytes[offset]} (ending at or before {@code limit})
   * with the same rules as {@link #read}, but does not require the value to be present.
   */
  public static Header header(byte[] bytes, int offset, int limit) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    if (offset < 0 || limit > bytes.length || offset > limit) {
      throw new IllegalArgumentException(
          "bad range [" + offset + ", " + limit + ") of a " + bytes.length + "-byte array");
    }
    int pos = offset;
    if (pos >= limit) {
      throw new CodecException("truncated TLV: no tag byte", "offset " + pos);
    }
    int first = bytes[pos++] & 0xFF;
    if (first == 0x00) {
      throw new CodecException(
          "tag 00 (end-of-contents) found: indefinite-length encoding is not allowed",
          "offset " + offset);
    }
    int tag = first;
    if ((first & 0x1F) == 0x1F) {
      int count = 0;
      int b;
      do {
        if (pos >= limit) {
          throw new CodecException(
              "truncated TLV: tag "
                  + Hex.encode(Arrays.copyOfRange(bytes, offset, pos))
                  + " is incomplete",
              "offset " + pos);
        }
        b = bytes[pos++] & 0xFF;
        if (count == 0 && b == 0x80) {
          throw new CodecException("tag number not minimally encoded", "offset " + (pos - 1));
        }
        if (++count > 2) {
          throw new CodecException("tag longer than 3 bytes is not supported", "offset " + offset);
        }
        tag = (tag << 8) | b;
      } while ((b & 0x80) != 0);
    }
    if (pos >= limit) {
      throw new CodecException(
          "truncated TLV: no length after tag " + hexTag(tag), "offset " + pos);
    }
    int lengthOffset = pos;
    int l0 = bytes[pos++] & 0xFF;
    int length;
    boolean minimal = true;
    if (l0 < 0x80) {
      length = l0;
    } else if (l0 == 0x80) {
      throw new CodecException(
          "indefinite length (80) is not allowed, tag " + hexTag(tag), "offset " + lengthOffset);
    } else {
      int n = l0 & 0x7F;
      if (n > 4) {
        throw new CodecException(
            "length field of " + n + " bytes is too long (at most 4), tag " + hexTag(tag),
            "offset " + lengthOffset);
      }
      if (limit - pos < n) {
        throw new CodecException(
            "truncated TLV: length field of tag " + hexTag(tag) + " needs " + n + " bytes",
            "offset " + lengthOffset);
      }
      long l = 0;
      for (int i = 0; i < n; i++) {
        l = (l << 8) | (bytes[pos++] & 0xFF);
      }
      if (l > Integer.MAX_VALUE) {
        throw new CodecException(
            "length " + l + " of tag " + hexTag(tag) + " is too large", "offset " + lengthOffset);
      }
      length = (int) l;
      minimal = n == minimalLengthBytes(length) && length >= 0x80;
    }
    return new Header(tag, offset, pos - offset, length, minimal);
  }

  private static int minimalLengthBytes(int length) {
    if (length < 0x100) {
      return 1;
    } else if (length < 0x10000) {
      return 2;
    } else if (length < 0x1000000) {
      return 3;
    }
    return 4;
  }

  private static void checkRange(byte[] bytes, int offset, int length) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IllegalArgumentException(
          "bad range offset "
              + offset
              + " length "
              + length
              + " of a "
              + bytes.length
              + "-byte array");
    }
  }

  static String hexTag(int tag) {
    if (tag <= 0xFF) {
      return String.format("%02X", tag);
    } else if (tag <= 0xFFFF) {
      return String.format("%04X", tag);
    }
    return String.format("%06X", tag);
  }

  /** The tag as the unsigned int of its 1-3 bytes, e.g. {@code 0xBF38}. */
  public int tag() {
    return tag;
  }

  /** The tag in hex, e.g. "BF38". */
  public String tagHex() {
    return hexTag(tag);
  }

  /** True when bit 6 of the first tag byte is set: the value is a sequence of TLVs. */
  public boolean constructed() {
    return (firstTagByte() & 0x20) != 0;
  }

  private int firstTagByte() {
    return buf[offset] & 0xFF;
  }

  /** False when the length was sent in a longer form than DER allows (e.g. 81 05). */
  public boolean minimalLength() {
    return minimalLength;
  }

  /** A copy of the value bytes. */
  public byte[] value() {
    return Arrays.copyOfRange(buf, valueOffset, valueOffset + valueLength);
  }

  /** A copy of tag, length and value exactly as received. */
  public byte[] encoded() {
    return Arrays.copyOfRange(buf, offset, end());
  }

  /** The array this TLV is a view of (not a copy: do not modify). */
  public byte[] array() {
    return buf;
  }

  /** Offset of the first tag byte in {@link #array()}. */
  public int offset() {
    return offset;
  }

  /** Offset of the first value byte in {@link #array()}. */
  public int valueOffset() {
    return valueOffset;
  }

  /** Number of value bytes. */
  public int valueLength() {
    return valueLength;
  }

  /** Number of tag, length and value bytes. */
  public int encodedLength() {
    return end() - offset;
  }

  /** Offset just after this TLV in {@link #array()}. */
  public int end() {
    return valueOffset + valueLength;
  }

  /**
   * The TLVs inside the value, parsed on first use. The value must be a complete concatenation of
   * TLVs, otherwise a {@link CodecException} with the absolute offset is thrown.
   *
   * @throws CodecException also when this TLV is primitive
   */
  public List<Tlv> children() {
    List<Tlv> c = children;
    if (c == null) {
      if (!constructed()) {
        throw new CodecException(
            "tag " + tagHex() + " is primitive, it has no child TLVs", "offset " + offset);
      }
      c = parseAll(buf, valueOffset, valueLength);
      children = c;
    }
    return c;
  }

  /** The first direct child with this tag, if any. */
  public Optional<Tlv> find(int childTag) {
    for (Tlv child : children()) {
      if (child.tag == childTag) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** The first direct child with this tag; a {@link CodecException} naming both tags if absent. */
  public Tlv get(int childTag) {
    return find(childTag)
        .orElseThrow(
            () ->
                new CodecException(
                    "missing tag " + hexTag(childTag) + " inside " + tagHex(), "offset " + offset));
  }

  /** All direct children with this tag, in order. */
  public List<Tlv> findAll(int childTag) {
    List<Tlv> out = new ArrayList<>();
    for (Tlv child : children()) {
      if (child.tag == childTag) {
        out.add(child);
      }
    }
    return out;
  }

  /**
   * The child at this position; a {@link CodecException} if there are fewer children. Signed
   * structures are addressed by position ("the first element of BF38").
   */
  public Tlv child(int index) {
    List<Tlv> c = children();
    if (index < 0 || index >= c.size()) {
      throw new CodecException(
          "tag " + tagHex() + " has " + c.size() + " child TLV(s), element " + index + " requested",
          "offset " + offset);
    }
    return c.get(index);
  }

  /**
   * Checks DER-like structure of the whole tree: every constructed TLV's value is a complete
   * sequence of TLVs (recursively) and every length is minimally encoded. Primitive values are not
   * inspected.
   */
  public void requireWellFormedTree() {
    requireWellFormedTree(0);
  }

  /**
   * How deep constructed TLVs may nest. SGP.22 data nests about 10 levels; the limit stops a
   * hostile body of nested headers (a few bytes per level) from exhausting the thread's stack.
   */
  public static final int MAX_DEPTH = 64;

  private void requireWellFormedTree(int depth) {
    if (depth > MAX_DEPTH) {
      throw new CodecException(
          "TLVs nested deeper than " + MAX_DEPTH + " levels", "offset " + offset);
    }
    if (!minimalLength) {
      throw new CodecException(
          "length of tag " + tagHex() + " is not minimally encoded (DER)", "offset " + offset);
    }
    if (constructed()) {
      for (Tlv child : children()) {
        child.requireWellFormedTree(depth + 1);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tlv other)) {
      return false;
    }
    return Arrays.equals(buf, offset, end(), other.buf, other.offset, other.end());
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = offset; i < end(); i++) {
      h = 31 * h + buf[i];
    }
    return h;
  }

  /** Tag, length and at most the first 32 value bytes in hex, for logs and failure messages. */
  @Override
  public String toString() {
    int shown = Math.min(valueLength, 32);
    return tagHex()
        + "("
        + valueLength
        + ")"
        + Hex.encode(Arrays.copyOfRange(buf, valueOffset, valueOffset + shown))
        + (shown < valueLength ? "..." : "");
  }
}
