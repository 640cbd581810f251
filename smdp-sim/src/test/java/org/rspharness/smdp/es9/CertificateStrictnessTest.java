package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es9.InitiateAuthenticationTest.assertFailed;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.fuzz.CertMutations;

/**
 * SGP.22 5.6.3 (and RFC 5280 4.1): the eUICC and EUM certificates are decoded strictly as DER and
 * any problem in one answers that certificate's own code, 8.1.3/6.1 (eUICC) or 8.1.2/6.1 (EUM),
 * never an internal error; a refused notification is answered 204 like any other (SGP.22 5.6.4).
 */
class CertificateStrictnessTest {

  private static SmdpFixture released() {
    SmdpFixture f =
        new SmdpFixture().start(SmdpFixture.released("894900000000000701", "STRICT-1").build());
    f.euicc.matchingId = "STRICT-1";
    return f;
  }

  private static void refused(int kind, boolean eum, StatusCode expected) {
    SmdpFixture f = released();
    byte[] der = SmdpFixture.encoded(eum ? f.euicc.eumCert : f.euicc.euiccCert);
    byte[] bad = CertMutations.mutateCertificate(der, kind, new Random(kind));
    if (eum) {
      f.euicc.eumCertDer = bad;
    } else {
      f.euicc.euiccCertDer = bad;
    }
    assertFailed(f.authenticate(f.initiate()).header(), expected);
    assertThat(f.sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .noneMatch(t -> t.contains("internal error"));
  }

  @Test
  void aBooleanThatIsNotDerFfIsRefusedThoughTheSignatureOverItsReEncodingVerifies() {
    // keyUsage critical TRUE written FE: BER accepts it, DER (X.690 11.1) does not
    refused(0, false, StatusCodes.EUICC_CERTIFICATE_INVALID);
    refused(0, true, StatusCodes.EUM_CERTIFICATE_INVALID);
  }

  @Test
  void aNonMinimalLengthIsRefusedWithTheCertificatesCode() {
    refused(1, false, StatusCodes.EUICC_CERTIFICATE_INVALID);
    refused(1, true, StatusCodes.EUM_CERTIFICATE_INVALID);
  }

  @Test
  void anIndefiniteLengthBreaksTheMessageItselfAndIsAMalformedRequest() {
    // BER's indefinite length is not a TLV the message's own DER structure can hold: 1.2/2.1
    refused(2, true, org.rspharness.smdp.function.SmdpCodes.MALFORMED_REQUEST);
  }

  @Test
  void aPublicKeyOffItsCurveIsRefusedWithTheCertificatesCode() {
    refused(3, false, StatusCodes.EUICC_CERTIFICATE_INVALID);
    refused(3, true, StatusCodes.EUM_CERTIFICATE_INVALID);
  }

  @Test
  void invalidUtf8InANameIsRefusedWithTheCertificatesCode() {
    refused(4, false, StatusCodes.EUICC_CERTIFICATE_INVALID);
    refused(4, true, StatusCodes.EUM_CERTIFICATE_INVALID);
  }

  @Test
  void aNotificationWithABrokenCertificateIsAnswered204LikeAnyRefusedOne() {
    SmdpFixture f = released();
    f.euicc.euiccCertDer =
        CertMutations.mutateCertificate(SmdpFixture.encoded(f.euicc.euiccCert), 4, new Random(4));
    byte[] n =
        f.euicc.otherNotification(3, Iccid.withCheckDigit("894900000000000701"), SmdpFixture.HOST);
    RspHttpResponse r =
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    "/gsma/rsp2/es9plus/handleNotification",
                    SmdpFixture.json(new HandleNotification(n))));
    assertThat(r.status()).isEqualTo(204);
    assertThat(f.sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .anyMatch(t -> t.startsWith("handleNotification refused: 8.1.3/6.1"))
        .noneMatch(t -> t.contains("internal error"));
  }
}
