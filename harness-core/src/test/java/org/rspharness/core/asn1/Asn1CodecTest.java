package org.rspharness.core.asn1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beanit.asn1bean.ber.types.BerInteger;
import org.junit.jupiter.api.Test;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.GetEuiccDataResponse;
import org.rspharness.asn1.rsp.NotificationSentRequest;
import org.rspharness.asn1.rsp.PendingNotification;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.util.Hex;

class Asn1CodecTest {

  private static final String EID_RESPONSE = "BF3E125A1089086030202200000026000178339240";

  @Test
  void decodesAndEncodesAGeneratedType() {
    GetEuiccDataResponse eid =
        Asn1Codec.decode(Hex.decode(EID_RESPONSE), GetEuiccDataResponse::new);
    assertThat(Hex.encode(eid.getEidValue().value)).isEqualTo("89086030202200000026000178339240");
    assertThat(Hex.encode(Asn1Codec.encode(eid))).isEqualTo(EID_RESPONSE);
  }

  @Test
  void rejectsWrongTagNamingTheType() {
    assertThatThrownBy(() -> Asn1Codec.decode(Hex.decode(EID_RESPONSE), EUICCInfo1::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("wrong tag for EUICCInfo1: expected BF20, found BF3E")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("offset 0");
  }

  @Test
  void rejectsTagMatchingNoChoiceAlternative() {
    assertThatThrownBy(() -> Asn1Codec.decode(Hex.decode("A100"), PendingNotification::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot decode PendingNotification")
        .hasMessageContaining("offset");
  }

  @Test
  void rejectsTrailingGarbage() {
    assertThatThrownBy(
            () -> Asn1Codec.decode(Hex.decode(EID_RESPONSE + "9000"), GetEuiccDataResponse::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("2 trailing byte(s)")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("offset 21");
  }

  @Test
  void rejectsIndefiniteLengthThatAsn1beanWouldAccept() {
    byte[] indefinite = Hex.decode("BF3E805A10890860302022000000260001783392400000");
    assertThatThrownBy(() -> Asn1Codec.decode(indefinite, GetEuiccDataResponse::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("indefinite length")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("offset 2");
  }

  @Test
  void rejectsTruncatedInput() {
    String truncated = EID_RESPONSE.substring(0, EID_RESPONSE.length() - 2);
    assertThatThrownBy(() -> Asn1Codec.decode(Hex.decode(truncated), GetEuiccDataResponse::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("length 18 of tag BF3E exceeds the 17 byte(s) available")
        .hasMessageContaining("offset 2");
  }

  @Test
  void rejectsOverLongInnerLength() {
    // the inner 5A claims 17 bytes inside a BF3E of 18 (2 + 17 > 18)
    byte[] bad = Hex.decode("BF3E125A1189086030202200000026000178339240");
    assertThatThrownBy(() -> Asn1Codec.decode(bad, GetEuiccDataResponse::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("length 17 of tag 5A exceeds the 16 byte(s) available")
        .hasMessageContaining("offset 4");
  }

  @Test
  void rejectsNonMinimalLengthEncoding() {
    byte[] bad = Hex.decode("BF3E81125A1089086030202200000026000178339240");
    assertThatThrownBy(() -> Asn1Codec.decode(bad, GetEuiccDataResponse::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not minimally encoded")
        .hasMessageContaining("offset 0");
  }

  @Test
  void mapsAsn1beanStructureErrorsToCodecException() {
    // well-formed TLVs, but BF3E must contain 5A, not 5B
    assertThatThrownBy(
            () -> Asn1Codec.decode(Hex.decode("BF3E035B0100"), GetEuiccDataResponse::new))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot decode GetEuiccDataResponse")
        .hasMessageContaining("offset");
  }

  @Test
  void encodeReportsAMissingMandatoryComponent() {
    assertThatThrownBy(() -> Asn1Codec.encode(new NotificationSentRequest()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NotificationSentRequest")
        .hasMessageContaining("mandatory component");
  }

  @Test
  void encodesWhatItBuilds() {
    NotificationSentRequest req = new NotificationSentRequest();
    req.setSeqNumber(new BerInteger(258));
    assertThat(Hex.encode(Asn1Codec.encode(req))).isEqualTo("BF300480020102");
  }
}
