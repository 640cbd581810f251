package org.rspharness.core.tlv;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a constructed TLV from children, in order, with minimal lengths. Children are added as
 * primitive tag/value pairs, as already-encoded TLVs (kept byte for byte, e.g. a signed part as
 * received), or as nested builders.
 *
 * <pre>{@code
 * byte[] req = TlvBuilder.constructed(0xBF2D)
 *     .add(0x5C, new byte[] {0x5A, (byte) 0x9F, 0x70})
 *     .build();
 * }</pre>
 *
 * Not thread-safe; build() may be called repeatedly.
 */
public final class TlvBuilder {

  private final int tag;
  private final List<byte[]> parts = new ArrayList<>();
  private int valueLength;

  private TlvBuilder(int tag) {
    TlvWriter.tagLength(tag);
    this.tag = tag;
  }

  /** A builder for a TLV with this tag (normally a constructed one, e.g. 0xBF38, 0x30, 0xA0). */
  public static TlvBuilder constructed(int tag) {
    return new TlvBuilder(tag);
  }

  /** Adds a primitive child TLV. */
  public TlvBuilder add(int childTag, byte[] value) {
    return addEncoded(TlvWriter.encode(childTag, value));
  }

  /** Adds a child that is already a complete encoded TLV (or several), copied verbatim. */
  public TlvBuilder addEncoded(byte[] encodedTlv) {
    if (encodedTlv == null) {
      throw new IllegalArgumentException("encodedTlv must not be null");
    }
    parts.add(encodedTlv.clone());
    valueLength = Math.addExact(valueLength, encodedTlv.length);
    return this;
  }

  /** Adds a parsed TLV exactly as it was received. */
  public TlvBuilder add(Tlv tlv) {
    if (tlv == null) {
      throw new IllegalArgumentException("tlv must not be null");
    }
    return addEncoded(tlv.encoded());
  }

  /** Adds a nested constructed TLV. */
  public TlvBuilder add(TlvBuilder child) {
    if (child == null) {
      throw new IllegalArgumentException("child must not be null");
    }
    return addEncoded(child.build());
  }

  /** Adds a child only when the value is not null (OPTIONAL fields). */
  public TlvBuilder addIfPresent(int childTag, byte[] value) {
    return value == null ? this : add(childTag, value);
  }

  /** The encoded TLV. */
  public byte[] build() {
    byte[] out =
        new byte[TlvWriter.tagLength(tag) + TlvWriter.lengthLength(valueLength) + valueLength];
    int pos = TlvWriter.writeTag(out, 0, tag);
    pos = TlvWriter.writeLength(out, pos, valueLength);
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }
}
