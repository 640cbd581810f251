package org.rspharness.smdp.bpp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;

/**
 * Test code: reads a BoundProfilePackage (BF36, SGP.22 section 2.5.5) into its parts, strictly
 * (tags and order BF23, A0, A1, optional A2, A3; every sequence non-empty and of its element tag),
 * so tests can check what the SM-DP+ built and decrypt it as the eUICC would. The STORE DATA split
 * an LPA sends is {@link org.rspharness.core.bpp.BoundProfilePackage#storeDataCommands}.
 *
 * <p>Element layouts: in SGP.22 the protected segment ({@code tag || L || data || C-MAC}) is itself
 * the element of its sequence. pySim's test BPP instead puts the whole segment TLV inside the
 * element (tag and length twice) and uses 1036-byte 86 segments. The reader detects that layout
 * ({@link Layout#NESTED_SEGMENTS}) only when every element of every sequence holds exactly one TLV
 * of its own tag, so a coincidental match in one segment's ciphertext cannot flip it; {@link
 * Parsed#segments} then hold the inner TLVs (what {@code BspSession.unwrap} takes).
 */
public final class BppReader {

  /** How protected segments sit in their sequence elements. */
  public enum Layout {
    /** SGP.22: the element is the segment. */
    SGP22,
    /** pySim test BPP: the element's value is the segment TLV. */
    NESTED_SEGMENTS
  }

  /**
   * The InitialiseSecureChannelRequest (BF23) as received.
   *
   * @param encoded the whole BF23 TLV
   * @param remoteOpId the remoteOpId value (1 = installBoundProfilePackage)
   * @param transactionId the transactionId
   * @param keyType CRT keyType (0x88 AES)
   * @param keyLength CRT keyLen (0x10)
   * @param hostId CRT hostId
   * @param smdpOtpk otPK.DP.ECKA, uncompressed point
   * @param smdpSign the plain r||s signature
   * @param signedPart the received bytes from remoteOpId to smdpOtpk included
   */
  public record InitialiseSecureChannel(
      byte[] encoded,
      int remoteOpId,
      byte[] transactionId,
      int keyType,
      int keyLength,
      byte[] hostId,
      byte[] smdpOtpk,
      byte[] smdpSign,
      byte[] signedPart) {

    /**
     * What smdpSign must verify over (SGP.22 section 5.5.1): the received signed part followed by
     * {@code 5F49 41 || otPK.EUICC.ECKA}.
     */
    public byte[] signedData(byte[] otPkEuicc) {
      return BppBuilder.initialiseSecureChannelSignedData(signedPart, otPkEuicc);
    }
  }

  /**
   * A parsed package.
   *
   * @param initialiseSecureChannel the BF23
   * @param firstSequenceOf87 ConfigureISDP segment(s)
   * @param sequenceOf88 StoreMetadata segments
   * @param secondSequenceOf87 ReplaceSessionKeys segment(s), empty when A2 is absent
   * @param sequenceOf86 profile segments
   * @param layout how segments sat in their elements
   * @param secondSequenceOf87Present whether A2 was present
   */
  public record Parsed(
      InitialiseSecureChannel initialiseSecureChannel,
      List<byte[]> firstSequenceOf87,
      List<byte[]> sequenceOf88,
      List<byte[]> secondSequenceOf87,
      List<byte[]> sequenceOf86,
      Layout layout,
      boolean secondSequenceOf87Present) {}

  private BppReader() {}

  /**
   * Parses a BF36: tags and order BF23, A0, A1, optional A2, A3, nothing else; every sequence
   * non-empty and holding only elements of its tag (87, 88, 87, 86).
   *
   * @throws CodecException naming what is wrong and where
   */
  public static Parsed read(byte[] bpp) {
    Structure s = structure(bpp);
    Tlv isc = s.isc;
    List<Tlv> c = isc.children();
    if (c.size() != 5) {
      throw new CodecException(
          "InitialiseSecureChannelRequest has " + c.size() + " data objects, expected 5",
          "offset " + isc.offset());
    }
    expectTag(c.get(0), 0x82, "remoteOpId");
    expectTag(c.get(1), 0x80, "transactionId");
    expectTag(c.get(2), 0xA6, "controlRefTemplate");
    expectTag(c.get(3), 0x5F49, "smdpOtpk");
    expectTag(c.get(4), 0x5F37, "smdpSign");
    byte[] remoteOp = c.get(0).value();
    if (remoteOp.length != 1) {
      throw new CodecException(
          "remoteOpId: " + remoteOp.length + " bytes, expected 1", "offset " + c.get(0).offset());
    }
    Tlv crt = c.get(2);
    byte[] keyType = crt.get(0x80).value();
    byte[] keyLen = crt.get(0x81).value();
    if (keyType.length != 1 || keyLen.length != 1) {
      throw new CodecException(
          "controlRefTemplate: keyType and keyLen must be one byte each", "offset " + crt.offset());
    }
    byte[] signedPart = Arrays.copyOfRange(isc.array(), c.get(0).offset(), c.get(3).end());
    InitialiseSecureChannel parsedIsc =
        new InitialiseSecureChannel(
            isc.encoded(),
            remoteOp[0] & 0xFF,
            c.get(1).value(),
            keyType[0] & 0xFF,
            keyLen[0] & 0xFF,
            crt.get(0x84).value(),
            c.get(3).value(),
            c.get(4).value(),
            signedPart);

    List<Tlv> all = new ArrayList<>();
    all.addAll(s.a0.children());
    all.addAll(s.a1.children());
    if (s.a2 != null) {
      all.addAll(s.a2.children());
    }
    all.addAll(s.a3.children());
    boolean nested = all.stream().allMatch(BppReader::isNested);
    Layout layout = nested ? Layout.NESTED_SEGMENTS : Layout.SGP22;
    return new Parsed(
        parsedIsc,
        segments(s.a0, nested),
        segments(s.a1, nested),
        s.a2 == null ? List.of() : segments(s.a2, nested),
        segments(s.a3, nested),
        layout,
        s.a2 != null);
  }

  private record Structure(Tlv outer, Tlv isc, Tlv a0, Tlv a1, Tlv a2, Tlv a3) {}

  private static Structure structure(byte[] bpp) {
    if (bpp == null) {
      throw new CodecException("BoundProfilePackage: missing", "");
    }
    Tlv outer = Tlv.parse(bpp);
    if (outer.tag() != 0xBF36) {
      throw new CodecException(
          "BoundProfilePackage: tag " + outer.tagHex() + ", expected BF36", "offset 0");
    }
    List<Tlv> parts = outer.children();
    int[] expected =
        parts.size() == 5
            ? new int[] {0xBF23, 0xA0, 0xA1, 0xA2, 0xA3}
            : new int[] {0xBF23, 0xA0, 0xA1, 0xA3};
    if (parts.size() != expected.length) {
      throw new CodecException(
          "BoundProfilePackage has " + parts.size() + " parts, expected 4 (or 5 with A2)",
          "offset 0");
    }
    String[] names = {
      "initialiseSecureChannelRequest",
      "firstSequenceOf87",
      "sequenceOf88",
      parts.size() == 5 ? "secondSequenceOf87" : "sequenceOf86",
      "sequenceOf86"
    };
    for (int i = 0; i < parts.size(); i++) {
      expectTag(parts.get(i), expected[i], names[i]);
    }
    Tlv a0 = parts.get(1);
    Tlv a1 = parts.get(2);
    Tlv a2 = parts.size() == 5 ? parts.get(3) : null;
    Tlv a3 = parts.get(parts.size() - 1);
    checkElements(a0, 0x87, "firstSequenceOf87");
    checkElements(a1, 0x88, "sequenceOf88");
    if (a2 != null) {
      checkElements(a2, 0x87, "secondSequenceOf87");
    }
    checkElements(a3, 0x86, "sequenceOf86");
    return new Structure(outer, parts.get(0), a0, a1, a2, a3);
  }

  private static void checkElements(Tlv sequence, int elementTag, String name) {
    List<Tlv> elements = sequence.children();
    if (elements.isEmpty()) {
      throw new CodecException(name + " is empty", "offset " + sequence.offset());
    }
    for (Tlv e : elements) {
      if (e.tag() != elementTag) {
        throw new CodecException(
            name
                + " holds tag "
                + e.tagHex()
                + ", expected only "
                + Integer.toHexString(elementTag),
            "offset " + e.offset());
      }
    }
  }

  private static void expectTag(Tlv t, int tag, String name) {
    if (t.tag() != tag) {
      throw new CodecException(
          name + ": tag " + t.tagHex() + ", expected " + Integer.toHexString(tag).toUpperCase(),
          "offset " + t.offset());
    }
  }

  private static boolean isNested(Tlv element) {
    byte[] v = element.value();
    if (v.length < 2 || (v[0] & 0xFF) != element.tag()) {
      return false;
    }
    try {
      return Tlv.parse(v).tag() == element.tag();
    } catch (CodecException e) {
      return false;
    }
  }

  private static List<byte[]> segments(Tlv sequence, boolean nested) {
    List<byte[]> out = new ArrayList<>();
    for (Tlv e : sequence.children()) {
      out.add(nested ? e.value() : e.encoded());
    }
    return Collections.unmodifiableList(out);
  }
}
