package org.rspharness.core.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.util.Hex;

class TlvTest {

  // EID response of a real eUICC: BF3E { 5A <16 bytes> }
  private static final byte[] EID_RESPONSE =
      Hex.decode("BF3E125A1089086030202200000026000178339240");

  @Test
  void parsesNestedTlvsAsViewsOfTheReceivedBytes() {
    Tlv tlv = Tlv.parse(EID_RESPONSE);

    assertThat(tlv.tag()).isEqualTo(0xBF3E);
    assertThat(tlv.tagHex()).isEqualTo("BF3E");
    assertThat(tlv.constructed()).isTrue();
    assertThat(tlv.valueLength()).isEqualTo(0x12);
    assertThat(tlv.encoded()).isEqualTo(EID_RESPONSE);
    assertThat(tlv.children()).hasSize(1);
    Tlv eid = tlv.get(0x5A);
    assertThat(Hex.encode(eid.value())).isEqualTo("89086030202200000026000178339240");
    assertThat(eid.offset()).isEqualTo(3);
    assertThat(eid.valueOffset()).isEqualTo(5);
    assertThat(eid.array()).isSameAs(EID_RESPONSE);
    assertThat(tlv.find(0x4F)).isEmpty();
  }

  @Test
  void readsThreeByteTagsAndFourByteLengths() {
    byte[] value = new byte[70_000];
    Arrays.fill(value, (byte) 0x42);
    byte[] encoded = TlvWriter.encode(0x5F8101, value);

    assertThat(Hex.encode(Arrays.copyOf(encoded, 7))).isEqualTo("5F810183011170");
    Tlv tlv = Tlv.parse(encoded);
    assertThat(tlv.tag()).isEqualTo(0x5F8101);
    assertThat(tlv.valueLength()).isEqualTo(70_000);
    assertThat(tlv.minimalLength()).isTrue();

    byte[] fourByteLength = Hex.decode("5A840000000100");
    assertThat(Tlv.parse(fourByteLength).valueLength()).isEqualTo(1);
    assertThat(Tlv.parse(fourByteLength).minimalLength()).isFalse();
  }

  @Test
  void rejectsTruncatedValueWithOffsetOfTheLength() {
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("5A0A0102")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("length 10 of tag 5A exceeds the 2 byte(s) available")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("offset 1");
  }

  @Test
  void rejectsTruncatedTagAndMissingLength() {
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("BF")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("tag BF is incomplete")
        .hasMessageContaining("offset 1");
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("BF38")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no length after tag BF38")
        .hasMessageContaining("offset 2");
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("5A8201")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("length field of tag 5A needs 2 bytes")
        .hasMessageContaining("offset 1");
  }

  @Test
  void rejectsIndefiniteLength() {
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("BF2080820302020000")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("indefinite length (80) is not allowed, tag BF20")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("offset 2");
  }

  @Test
  void rejectsEndOfContentsTagInsideAConstructedValue() {
    Tlv tlv = Tlv.parse(Hex.decode("30020000"));
    assertThatThrownBy(tlv::children)
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("end-of-contents")
        .hasMessageContaining("offset 2");
  }

  @Test
  void rejectsLengthFieldLongerThanFourBytes() {
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("5A85000000000100")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("length field of 5 bytes is too long")
        .hasMessageContaining("offset 1");
  }

  @Test
  void rejectsChildLengthRunningPastItsParentWithAbsoluteOffset() {
    // 30 03 { 04 05 ... } : the OCTET STRING claims 5 bytes, its parent only has 1 left.
    Tlv parent = Tlv.parse(Hex.decode("3003040500"));
    assertThatThrownBy(parent::children)
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("length 5 of tag 04 exceeds the 1 byte(s) available")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("offset 3");
  }

  @Test
  void rejectsTrailingGarbage() {
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("5A0100FFFF")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("2 trailing byte(s) after TLV 5A")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("offset 3");
  }

  @Test
  void rejectsTagsLongerThanThreeBytes() {
    assertThatThrownBy(() -> Tlv.parse(Hex.decode("BF81818101" + "00")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("tag longer than 3 bytes")
        .hasMessageContaining("offset 0");
  }

  @Test
  void reportsAMissingChildByTag() {
    assertThatThrownBy(() -> Tlv.parse(EID_RESPONSE).get(0x5F37))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("missing tag 5F37 inside BF3E");
  }

  @Test
  void wellFormedTreeCheckRejectsNonMinimalLengthsDeepInside() {
    Tlv tlv = Tlv.parse(Hex.decode("BF3E045A810100"));
    assertThat(tlv.get(0x5A).value()).containsExactly(0);
    assertThatThrownBy(tlv::requireWellFormedTree)
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("length of tag 5A is not minimally encoded")
        .hasMessageContaining("offset 3");
  }

  @Test
  void parseAllReadsConcatenatedTlvs() {
    byte[] two = Hex.decode("8001018101FF");
    assertThat(Tlv.parseAll(two)).extracting(Tlv::tagHex).containsExactly("80", "81");
    assertThatThrownBy(() -> Tlv.parseAll(Hex.decode("800101810AFF")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("offset 4");
  }

  @Test
  void builderEncodesMinimalLengthsAndKeepsAddedTlvsVerbatim() {
    Tlv received = Tlv.parse(Hex.decode("5A820001AA")); // non-minimal on purpose
    byte[] built =
        TlvBuilder.constructed(0xBF2D)
            .add(0x5C, Hex.decode("5A9F70"))
            .add(received)
            .add(TlvBuilder.constructed(0xA0).add(0x80, new byte[0]))
            .addIfPresent(0x81, null)
            .build();

    assertThat(Hex.encode(built)).isEqualTo("BF2D0E5C035A9F705A820001AAA0028000");
    assertThat(Tlv.parse(built).children())
        .extracting(Tlv::tagHex)
        .containsExactly("5C", "5A", "A0");
  }

  @Test
  void builderUsesLongFormLengthsFrom128Bytes() {
    byte[] big = TlvBuilder.constructed(0x30).add(0x04, new byte[126]).build();
    assertThat(Hex.encode(Arrays.copyOf(big, 5))).isEqualTo("308180047E");
    assertThat(Tlv.parse(big).get(0x04).valueLength()).isEqualTo(126);
    assertThat(Hex.encode(TlvWriter.lengthBytes(0x1234))).isEqualTo("821234");
  }

  @Test
  void writerRejectsMalformedTags() {
    assertThatThrownBy(() -> TlvWriter.encode(0x1F, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag 1F");
    assertThatThrownBy(() -> TlvWriter.encode(0xBF81, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("continuation");
  }

  @Test
  void rejectsHostileNestingWithACodecExceptionInsteadOfOverflowingTheStack() throws Exception {
    // 20,000 nested A0 headers (~83 KB, under the server's body limit) used to overflow a
    // 1 MB event-loop stack; run on such a thread to prove the limit, not the JVM default, holds.
    int levels = 20_000;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int[] lengths = new int[levels];
    int inner = 0;
    for (int i = levels - 1; i >= 0; i--) {
      lengths[i] = inner;
      inner += 1 + TlvWriter.lengthLength(inner);
    }
    for (int i = 0; i < levels; i++) {
      out.write(0xA0);
      out.write(TlvWriter.lengthBytes(lengths[i]));
    }
    byte[] nested = out.toByteArray();
    Throwable[] thrown = new Throwable[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                Tlv.parse(nested).requireWellFormedTree();
              } catch (Throwable e) {
                thrown[0] = e;
              }
            },
            "small-stack",
            1024 * 1024);
    t.start();
    t.join();
    assertThat(thrown[0])
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("nested deeper than " + Tlv.MAX_DEPTH);
  }

  // ---- header without value (BPP headers arriving alone, a card's first check of a command) ----

  private static Tlv.Header header(String hex) {
    byte[] bytes = Hex.decode(hex);
    return Tlv.header(bytes, 0, bytes.length);
  }

  @Test
  void headerMeasuresShortAndLongFormsWithoutTheValue() {
    assertThat(header("BF2E00")).isEqualTo(new Tlv.Header(0xBF2E, 0, 3, 0, true));
    assertThat(header("BF3681FF")).isEqualTo(new Tlv.Header(0xBF36, 0, 4, 0xFF, true));
    assertThat(header("BF368203E8")).isEqualTo(new Tlv.Header(0xBF36, 0, 5, 1000, true));
    assertThat(header("A18400010000").headerLength()).isEqualTo(6);
    assertThat(header("A18400010000").length()).isEqualTo(0x10000);
    assertThat(header("A18400010000").minimalLength()).isFalse();
    assertThat(header("3000").valueOffset()).isEqualTo(2);
    byte[] two = Hex.decode("8001FFA3820400");
    assertThat(Tlv.header(two, 3, two.length)).isEqualTo(new Tlv.Header(0xA3, 3, 4, 0x400, true));
    assertThat(Tlv.header(two, 3, two.length).end()).isEqualTo(3 + 4 + 0x400);
  }

  @Test
  void headerRejectsMalformedHeadersAsReadDoes() {
    for (String bad :
        new String[] {
          "", "BF", "BF2E", "BF2E80", "BF2E8500000000", "BF368203", "0000", "BF8181818101", "BF8001"
        }) {
      byte[] bytes = Hex.decode(bad);
      assertThatThrownBy(() -> Tlv.header(bytes, 0, bytes.length))
          .as(bad)
          .isInstanceOf(CodecException.class);
      assertThatThrownBy(() -> Tlv.read(bytes, 0, bytes.length))
          .as(bad)
          .isInstanceOf(CodecException.class);
    }
  }

  @Test
  void readStillNeedsTheWholeValueWhereHeaderDoesNot() {
    byte[] bytes = Hex.decode("BF368210000000");
    assertThat(Tlv.header(bytes, 0, bytes.length).length()).isEqualTo(0x1000);
    assertThatThrownBy(() -> Tlv.read(bytes, 0, bytes.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("exceeds the 2 byte(s) available");
  }
}
