package org.rspharness.core.asn1;

import com.beanit.asn1bean.ber.BerTag;
import com.beanit.asn1bean.ber.ReverseByteArrayOutputStream;
import com.beanit.asn1bean.ber.types.BerType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvWriter;

/**
 * Decodes and encodes the generated ASN.1 classes (org.rspharness.asn1.rsp, .pkix, .saip) with the
 * strictness asn1bean lacks.
 *
 * <p>Before asn1bean sees the bytes, the TLV structure is checked with {@link Tlv}: definite,
 * minimal lengths only (no indefinite length), every constructed value a complete sequence of TLVs,
 * the outer tag the one the type expects, and no trailing bytes. Whatever asn1bean then rejects is
 * reported as a {@link CodecException} too, located at the offset where its decoder stopped. Not
 * checked here: SIZE constraints and value ranges (the message layer's job).
 *
 * <pre>{@code
 * EUICCInfo1 info1 = Asn1Codec.decode(bytes, EUICCInfo1::new);
 * byte[] again = Asn1Codec.encode(info1);
 * }</pre>
 */
public final class Asn1Codec {

  private Asn1Codec() {}

  /** Decodes exactly one value of the type {@code factory} creates from all of {@code bytes}. */
  public static <T extends BerType> T decode(byte[] bytes, Supplier<T> factory) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    return decode(bytes, 0, bytes.length, factory);
  }

  /** Decodes exactly one value spanning {@code bytes[offset, offset + length)}. */
  public static <T extends BerType> T decode(
      byte[] bytes, int offset, int length, Supplier<T> factory) {
    Tlv tlv = Tlv.parse(bytes, offset, length);
    return decode(tlv, factory);
  }

  /** Decodes a value from an already parsed TLV (e.g. a child of a received message). */
  public static <T extends BerType> T decode(Tlv tlv, Supplier<T> factory) {
    T value = factory.get();
    tlv.requireWellFormedTree();
    checkTag(tlv, value);
    ByteArrayInputStream in =
        new ByteArrayInputStream(tlv.array(), tlv.offset(), tlv.encodedLength());
    int consumed;
    try {
      consumed = value.decode(in);
    } catch (IOException | RuntimeException e) {
      int stoppedAt = tlv.offset() + tlv.encodedLength() - in.available();
      throw new CodecException(
          "cannot decode " + typeName(value) + ": " + e.getMessage(), "offset " + stoppedAt, e);
    }
    if (consumed != tlv.encodedLength()) {
      throw new CodecException(
          typeName(value) + " ended after " + consumed + " of " + tlv.encodedLength() + " bytes",
          "offset " + (tlv.offset() + consumed));
    }
    return value;
  }

  /**
   * Decodes a concatenation of values of one type filling {@code bytes} (a SAIP profile package:
   * ProfileElement after ProfileElement).
   */
  public static <T extends BerType> List<T> decodeAll(byte[] bytes, Supplier<T> factory) {
    List<T> out = new ArrayList<>();
    for (Tlv tlv : Tlv.parseAll(bytes)) {
      out.add(decode(tlv, factory));
    }
    return Collections.unmodifiableList(out);
  }

  /** Encodes a value (definite lengths; unknown extension elements are written back verbatim). */
  public static byte[] encode(BerType value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null");
    }
    ReverseByteArrayOutputStream out = new ReverseByteArrayOutputStream(256, true);
    try {
      value.encode(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + typeName(value) + ": " + e, e);
    } catch (NullPointerException e) {
      // asn1bean dereferences mandatory components without checking them.
      throw new IllegalArgumentException(
          "cannot encode " + typeName(value) + ": a mandatory component is not set", e);
    }
    return out.getArray();
  }

  /** Encodes a list of values one after the other (a SAIP profile package). */
  public static byte[] encodeAll(List<? extends BerType> values) {
    ReverseByteArrayOutputStream out = new ReverseByteArrayOutputStream(4096, true);
    for (int i = values.size() - 1; i >= 0; i--) {
      try {
        values.get(i).encode(out);
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode element " + i + ": " + e, e);
      } catch (NullPointerException e) {
        throw new IllegalArgumentException(
            "cannot encode element " + i + ": a mandatory component is not set", e);
      }
    }
    return out.getArray();
  }

  /**
   * Outer tag of each generated class, from its static {@code tag} field (cached: decode is on the
   * hot path); -1 for an untagged CHOICE.
   */
  private static final ClassValue<Integer> EXPECTED_TAG =
      new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
          BerTag tag = staticTag(type);
          return tag == null ? -1 : tagInt(tag);
        }
      };

  /** Compares the outer tag with the generated class' static {@code tag}, when it has one. */
  private static void checkTag(Tlv tlv, BerType value) {
    int expectedTag = EXPECTED_TAG.get(value.getClass());
    if (expectedTag < 0) {
      return; // untagged CHOICE: asn1bean dispatches on the tag and reports a mismatch itself
    }
    if (expectedTag != tlv.tag()) {
      throw new CodecException(
          "wrong tag for "
              + typeName(value)
              + ": expected "
              + hex(expectedTag)
              + ", found "
              + tlv.tagHex(),
          "offset " + tlv.offset());
    }
  }

  private static BerTag staticTag(Class<?> type) {
    try {
      Field f = type.getField("tag");
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == BerTag.class) {
        return (BerTag) f.get(null);
      }
    } catch (NoSuchFieldException | IllegalAccessException e) {
      return null;
    }
    return null;
  }

  private static int tagInt(BerTag tag) {
    ReverseByteArrayOutputStream out = new ReverseByteArrayOutputStream(4);
    try {
      tag.encode(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int v = 0;
    for (byte b : out.getArray()) {
      v = (v << 8) | (b & 0xFF);
    }
    return v;
  }

  private static String hex(int tag) {
    return org.rspharness.core.util.Hex.encode(TlvWriter.tagBytes(tag));
  }

  private static String typeName(BerType value) {
    return value.getClass().getSimpleName();
  }
}
