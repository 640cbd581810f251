package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;

/**
 * SGP.22 section 4.5.2 profiles RFC 5280, whose certificates are DER. A CERT.DPauth with a BOOLEAN
 * TRUE encoded as 01 (valid BER, not DER) is accepted by eUICCs in the field: ours authenticates
 * the server and records one deviation; strict, it answers invalidCertificate(1) as the letter
 * says.
 */
class NonDerServerCertificateTest {

  /** keyUsage, critical: the extension's BOOLEAN in DER (FF) and in another BER form (01). */
  private static final String KEY_USAGE_CRITICAL_DER = "0603551D0F0101FF";

  private static final String KEY_USAGE_CRITICAL_BER = "0603551D0F010101";

  private final RecordingSink sink = new RecordingSink();

  private Euicc euicc(boolean strict) {
    return Fixture.recording(sink, strict, 11);
  }

  /** AuthenticateServer as the SM-DP+ built it, its CERT.DPauth re-encoded with BER's 01 TRUE. */
  private static byte[] withBerCertificate(byte[] request) {
    String hex = Hex.encode(request).toUpperCase();
    assertThat(hex).as("CERT.DPauth has a critical keyUsage").contains(KEY_USAGE_CRITICAL_DER);
    return Hex.decode(hex.replaceFirst(KEY_USAGE_CRITICAL_DER, KEY_USAGE_CRITICAL_BER));
  }

  private byte[] authenticate(Euicc euicc) {
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256);
    byte[] challenge = Tlv.parse(d.link.call(Hex.decode("BF2E00"))).get(0x80).value();
    byte[] response =
        d.link.call(withBerCertificate(d.smdp.authenticateServerRequest(challenge, "AC-1")));
    if (Tlv.parse(response).find(0xA0).isPresent()) {
      d.smdp.checkAuthenticateServerResponse(response);
    }
    return response;
  }

  private List<EventPayload.Deviation> deviations() {
    return sink.payloads(EventPayload.Deviation.class).toList();
  }

  @Test
  void byDefaultTheServerIsAuthenticatedAndTheEncodingIsOneDeviation() {
    byte[] response = authenticate(euicc(false));

    assertThat(Tlv.parse(response).find(0xA0)).as("authenticateResponseOk").isPresent();
    assertThat(deviations()).hasSize(1);
    EventPayload.Deviation dev = deviations().get(0);
    assertThat(dev.who()).isEqualTo("SM-DP+");
    assertThat(dev.rule()).isEqualTo("CERT.DPauth encoding");
    assertThat(dev.observed()).startsWith("not DER: byte ");
    assertThat(dev.tolerated()).isTrue();
  }

  @Test
  void strictTheCertificateIsInvalidCertificate() {
    byte[] response = authenticate(euicc(true));

    Tlv error = Tlv.parse(response).get(0xA1);
    assertThat(error.get(0x02).value()[0]).as("invalidCertificate").isEqualTo((byte) 1);
    assertThat(deviations()).singleElement().satisfies(d -> assertThat(d.tolerated()).isFalse());
  }

  @Test
  void aDerCertificateRecordsNothing() {
    Fixture.Download d = Fixture.start(euicc(false), Curve.NIST_P256).authenticate();

    assertThat(d.authResponse).isNotNull();
    assertThat(deviations()).isEmpty();
  }
}
