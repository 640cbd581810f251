package org.rspharness.core.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;

/** SGP.22 v3 section 6.6: the ES9+ ASN.1 binding's requests, responses and error INTEGERs. */
class Es9Asn1BindingTest {

  private static final TransactionId TID =
      TransactionId.fromHex("0102030405060708090A0B0C0D0E0F10");

  /** A minimal EUICCInfo1: svn 2.2.0 and one CI PKId in each list. */
  private static final byte[] INFO1 =
      TlvBuilder.constructed(0xBF20)
          .add(0x82, Hex.decode("020200"))
          .add(TlvBuilder.constructed(0xA9).add(0x04, new byte[20]))
          .add(TlvBuilder.constructed(0xAA).add(0x04, new byte[20]))
          .build();

  @Test
  void initiateAuthenticationRequestRoundTripsThroughRemoteProfileProvisioningRequest() {
    byte[] challenge = Hex.decode("00112233445566778899AABBCCDDEEFF");
    InitiateAuthenticationRequest r =
        new InitiateAuthenticationRequest(challenge, INFO1, SmdpAddress.of("smdp.example.com"));
    byte[] wire = Es9Asn1Binding.encodeRequest(r);
    assertThat(Hex.encode(wire)).startsWith("A2").contains("BF39");
    Es9Asn1Binding.Request back = Es9Asn1Binding.decodeRequest(wire);
    assertThat(back.function()).isEqualTo("initiateAuthentication");
    InitiateAuthenticationRequest got = (InitiateAuthenticationRequest) back.message();
    assertThat(got.euiccChallenge()).isEqualTo(challenge);
    assertThat(got.euiccInfo1()).isEqualTo(INFO1);
    assertThat(got.smdpAddress().value()).isEqualTo("smdp.example.com");
  }

  @Test
  void cancelSessionResponseKeepsItsBytesUnderTheAutomaticTag() {
    // cancelSessionResponseError [1] invalidTransactionId(5)
    byte[] csr = Hex.decode("BF4103810105");
    byte[] wire = Es9Asn1Binding.encodeRequest(new CancelSessionRequestEs9(TID, csr));
    // cancelSessionResponse [1] replaces the BF41 of CancelSessionResponse
    assertThat(Hex.encode(wire)).endsWith("A103810105");
    CancelSessionRequestEs9 back =
        (CancelSessionRequestEs9) Es9Asn1Binding.decodeRequest(wire).message();
    assertThat(back.cancelSessionResponse()).isEqualTo(csr);
    assertThat(back.transactionId()).isEqualTo(TID);
  }

  @Test
  void aFailureIsTheFunctionsErrorIntegerAndReadsBackAsItsCode() {
    byte[] wire =
        Es9Asn1Binding.encodeResponse(
            "initiateAuthentication",
            InitiateAuthenticationResponse.failed(
                ResponseHeader.failed(StatusCodes.SMDP_ADDRESS_REFUSED)));
    // A2 { BF39 { initiateAuthenticationError [1] invalidDpAddress(1) } }
    assertThat(Hex.encode(wire)).isEqualTo("A206BF3903810101");
    InitiateAuthenticationResponse back =
        Es9Asn1Binding.decodeResponse(
            wire, "initiateAuthentication", InitiateAuthenticationResponse.class);
    StatusCodeData d = back.header().functionExecutionStatus().statusCodeData();
    assertThat(d.subjectCode() + "/" + d.reasonCode()).isEqualTo("8.8.1/3.8");
  }

  @Test
  void everyMappedCodeRoundTripsAndOthersAreUndefinedError() {
    assertThat(
            Es9Asn1Binding.errorOf(
                "getBoundProfilePackage", StatusCodeData.of(StatusCodes.CONFIRMATION_CODE_REFUSED)))
        .isEqualTo(3);
    assertThat(Es9Asn1Binding.codeOf("getBoundProfilePackage", 3))
        .isEqualTo(StatusCodes.CONFIRMATION_CODE_REFUSED);
    assertThat(
            Es9Asn1Binding.errorOf(
                "authenticateClient", StatusCodeData.of(StatusCodes.PROFILE_NOT_RELEASED)))
        .isEqualTo(127);
    assertThat(Es9Asn1Binding.codeOf("authenticateClient", 127))
        .isEqualTo(Es9Asn1Binding.UNDEFINED_ERROR);
    assertThat(Es9Asn1Binding.codeOf("cancelSession", 2))
        .isEqualTo(StatusCodes.EUICC_SIGNATURE_INVALID);
  }

  @Test
  void anOkResponseRoundTrips() {
    byte[] wire =
        Es9Asn1Binding.encodeResponse(
            "cancelSession", new CancelSessionResponseEs9(ResponseHeader.success()));
    // A2 { BF41 { cancelSessionOk [0] {} } }
    assertThat(Hex.encode(wire)).isEqualTo("A205BF4102A000");
    assertThat(
            Es9Asn1Binding.decodeResponse(wire, "cancelSession", CancelSessionResponseEs9.class)
                .header()
                .executed())
        .isTrue();
  }

  @Test
  void aBodyThatIsNoRemoteProfileProvisioningRequestIsACodecError() {
    assertThatThrownBy(() -> Es9Asn1Binding.decodeRequest(Hex.decode("300100")))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(
            () ->
                Es9Asn1Binding.decodeResponse(
                    Hex.decode("A206BF3903810101"),
                    "authenticateClient",
                    AuthenticateClientResponseEs9.class))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("authenticateClient");
  }
}
