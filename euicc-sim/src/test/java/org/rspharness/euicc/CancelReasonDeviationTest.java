package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;

/**
 * SGP.22 section 5.7.14: CancelSessionReason is 0..5 or undefinedReason(127). An LPA that sends
 * another value is a deviation of the LPA: field eUICCs sign it as given, and so does ours, with
 * one deviation event; strict, the eUICC answers undefinedError(127) and keeps the session.
 */
class CancelReasonDeviationTest {

  private final RecordingSink sink = new RecordingSink();

  private Euicc euicc(boolean strict) {
    return Fixture.recording(sink, strict, 7);
  }

  private static byte[] cancel(Fixture.Download d, int reason) {
    return d.link.call(
        TlvBuilder.constructed(0xBF41)
            .add(0x80, d.smdp.transactionId)
            .add(0x81, new byte[] {(byte) reason})
            .build());
  }

  private List<EventPayload.Deviation> deviations() {
    return sink.payloads(EventPayload.Deviation.class).toList();
  }

  @Test
  void aReasonOutOfRangeIsSignedAsGivenWithOneDeviation() {
    Fixture.Download d = Fixture.start(euicc(false), Curve.NIST_P256).authenticate();
    SignedPart p = SignedParts.euiccCancelSessionSigned(cancel(d, 9));
    // reason [2] INTEGER 9, as the LPA sent it
    assertThat(Hex.encode(p.tbs().encoded())).endsWith("820109");
    assertThat(deviations())
        .singleElement()
        .satisfies(
            dev -> {
              assertThat(dev.who()).isEqualTo("LPA");
              assertThat(dev.clause()).isEqualTo("SGP.22 5.7.14");
              assertThat(dev.rule()).isEqualTo("CancelSession reason");
              assertThat(dev.observed()).isEqualTo("9");
              assertThat(dev.limit()).contains("0..5").contains("127");
              assertThat(dev.tolerated()).isTrue();
            });
  }

  @Test
  void reasonsInRangeAreNoDeviation() {
    for (int reason : new int[] {0, 5, 127}) {
      Fixture.Download d = Fixture.start(euicc(false), Curve.NIST_P256).authenticate();
      SignedPart p = SignedParts.euiccCancelSessionSigned(cancel(d, reason));
      assertThat(Hex.encode(p.tbs().encoded())).endsWith(Hex.encode(new byte[] {(byte) reason}));
    }
    assertThat(deviations()).isEmpty();
  }

  @Test
  void strictAReasonOutOfRangeIsUndefinedError() {
    Fixture.Download d = Fixture.start(euicc(true), Curve.NIST_P256).authenticate();
    // cancelSessionResponseError undefinedError(127)
    assertThat(Hex.encode(cancel(d, 9))).isEqualTo("BF410381017F");
    assertThat(deviations())
        .singleElement()
        .satisfies(dev -> assertThat(dev.tolerated()).isFalse());
    // the session is still open: a reason in range cancels it
    SignedParts.euiccCancelSessionSigned(cancel(d, 1));
  }
}
