package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;

class DecodedTest {

  private static String text(String html) {
    return html.replaceAll("<[^>]+>", "");
  }

  @Test
  void theFirstCommandOfABppLoadIsAHeaderThenBf23() {
    byte[] bf23 = TlvBuilder.constructed(0xBF23).add(0x82, Hex.decode("01")).build();
    // BF36 with a two-byte length of 0x0175, of which only BF23 is in this command
    byte[] command = Hex.decode("BF36820175" + Hex.encode(bf23));
    StringBuilder out = new StringBuilder();

    assertThat(Decoded.tlvTree(out, command)).isTrue();
    assertThat(text(out.toString()))
        .isEqualTo(
            "BF36 BoundProfilePackage (373) header: the value continues in the next commands"
                + "BF23 InitialiseSecureChannelRequest (3)82 remoteOpId (1) 01");
  }

  @Test
  void aSequenceHeaderAloneIsNamedInTheBppContext() {
    StringBuilder out = new StringBuilder();
    assertThat(Decoded.tlvTree(out, Hex.decode("A36A"))).isTrue();
    assertThat(text(out.toString()))
        .isEqualTo("A3 sequenceOf86 (106) header: the value continues in the next commands");
  }

  @Test
  void bytesThatAreNotTlvGiveNoTree() {
    StringBuilder out = new StringBuilder();
    // a primitive TLV cut short, a constructed header followed by no TLV, zeros
    assertThat(Decoded.tlvTree(out, Hex.decode("8005AABB"))).isFalse();
    assertThat(Decoded.tlvTree(out, Hex.decode("A00500"))).isFalse();
    assertThat(Decoded.tlvTree(out, new byte[16])).isFalse();
    assertThat(out).isEmpty();
  }

  @Test
  void treesAreCutAfterTheNodeBudget() {
    TlvBuilder many = TlvBuilder.constructed(0xA3);
    for (int i = 0; i < 500; i++) {
      many.add(0x86, new byte[] {(byte) i});
    }
    StringBuilder out = new StringBuilder();
    assertThat(Decoded.tlvTree(out, many.build())).isTrue();
    assertThat(text(out.toString())).contains("\u2026 301 more TLVs not shown");
  }

  @Test
  void base64JsonValuesAreDecodedButHexAndShortStringsAreNot() throws Exception {
    String json =
        "{\"transactionId\":\"0A0B0C0D0E0F1011\",\"status\":\"Executed-Success\","
            + "\"short\":\"QUJD\",\"nested\":{\"list\":[\""
            + Base64.getEncoder().encodeToString(Hex.decode("BF2E03800101"))
            + "\"]}}";
    StringBuilder out = new StringBuilder();
    int shown = Decoded.base64Fields(out, new ObjectMapper().readTree(json));

    assertThat(shown).isEqualTo(0);
    String longer =
        "{\"nested\":{\"list\":[\""
            + Base64.getEncoder().encodeToString(Hex.decode("BF2E0A80080102030405060708"))
            + "\"]}}";
    shown = Decoded.base64Fields(out, new ObjectMapper().readTree(longer));
    assertThat(shown).isEqualTo(1);
    assertThat(text(out.toString()))
        .startsWith("nested.list[0] base64, 13 bytes decoded")
        .contains("BF2E GetEuiccChallenge (10)80 euiccChallenge (8) 0102030405060708");
  }
}
