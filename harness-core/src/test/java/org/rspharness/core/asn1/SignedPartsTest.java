package org.rspharness.core.asn1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;

class SignedPartsTest {

  // ServerSigned1 from the Mode51 article (SGP.26 test SM-DP+).
  private static final byte[] SERVER_SIGNED1 =
      Hex.decode(
          "305180100123456789ABCDEF8899AABBCCDDEEFF8110BFD65180679BB3DD2A15BD1802F157EB831974657374"
              + "736D6470706C7573312E6578616D706C652E636F6D84108899AABBCCDDEEFF0011223344556677");
  // A signed SEQUENCE whose length is valid BER but not DER (81 05): re-encoding would change it.
  private static final byte[] NON_DER_SIGNED = Hex.decode("308106800101810100");
  private static final byte[] SIG = signature();

  private static byte[] signature() {
    byte[] s = new byte[64];
    Arrays.fill(s, (byte) 0x5A);
    return s;
  }

  private static byte[] sigTlv() {
    return TlvBuilder.constructed(0x5F37).addEncoded(SIG).build();
  }

  @Test
  void serverSigned1IsTakenFromAuthenticateServerRequestAsReceived() {
    byte[] request =
        TlvBuilder.constructed(0xBF38)
            .addEncoded(SERVER_SIGNED1)
            .addEncoded(sigTlv())
            .add(0x04, Hex.decode("F54172BDF98A95D65CBEB88A38A1C11D800A85C3"))
            .build();

    SignedPart part = SignedParts.serverSigned1(request);

    assertThat(part.signedBytes()).isEqualTo(SERVER_SIGNED1);
    assertThat(part.signature()).isEqualTo(SIG);
    assertThat(part.tbs().offset()).isEqualTo(4); // BF38 81 xx
  }

  @Test
  void euiccSigned1KeepsNonDerBytesOfTheAuthenticateServerResponse() {
    byte[] response =
        TlvBuilder.constructed(0xBF38)
            .add(TlvBuilder.constructed(0xA0).addEncoded(NON_DER_SIGNED).addEncoded(sigTlv()))
            .build();

    assertThat(SignedParts.euiccSigned1(response).signedBytes()).isEqualTo(NON_DER_SIGNED);
  }

  @Test
  void euiccSigned1OfAnErrorResponseIsACodecException() {
    assertThatThrownBy(() -> SignedParts.euiccSigned1(Hex.decode("BF3808A106800101020102")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("BF38 carries A1, not authenticateResponseOk (A0)")
        .hasMessageContaining("offset 3");
  }

  @Test
  void smdpSigned2AndEuiccSigned2AndCancelSessionSigned() {
    byte[] prepareDownloadRequest =
        TlvBuilder.constructed(0xBF21).addEncoded(NON_DER_SIGNED).addEncoded(sigTlv()).build();
    byte[] prepareDownloadResponse =
        TlvBuilder.constructed(0xBF21)
            .add(TlvBuilder.constructed(0xA0).addEncoded(NON_DER_SIGNED).addEncoded(sigTlv()))
            .build();
    byte[] cancelSessionResponse =
        TlvBuilder.constructed(0xBF41)
            .add(TlvBuilder.constructed(0xA0).addEncoded(NON_DER_SIGNED).addEncoded(sigTlv()))
            .build();

    assertThat(SignedParts.smdpSigned2(prepareDownloadRequest).signedBytes())
        .isEqualTo(NON_DER_SIGNED);
    assertThat(SignedParts.euiccSigned2(prepareDownloadResponse).signedBytes())
        .isEqualTo(NON_DER_SIGNED);
    SignedPart cancel = SignedParts.euiccCancelSessionSigned(cancelSessionResponse);
    assertThat(cancel.signedBytes()).isEqualTo(NON_DER_SIGNED);
    assertThat(cancel.signature()).isEqualTo(SIG);
  }

  @Test
  void profileInstallationResultDataIsTheWholeBf27() {
    byte[] pird = TlvBuilder.constructed(0xBF27).add(0x80, Hex.decode("0102")).build();
    byte[] pir = TlvBuilder.constructed(0xBF37).addEncoded(pird).addEncoded(sigTlv()).build();

    SignedPart part = SignedParts.profileInstallationResultData(pir);
    assertThat(part.signedBytes()).isEqualTo(pird);
    assertThat(SignedParts.pendingNotification(Tlv.parse(pir))).isEqualTo(part);
  }

  @Test
  void wrongOuterTagIsNamed() {
    assertThatThrownBy(() -> SignedParts.smdpSigned2(SERVER_SIGNED1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("expected PrepareDownloadRequest (BF21), found tag 30")
        .hasMessageContaining("offset 0");
  }

  @Test
  void missingSignatureIsNamed() {
    byte[] noSig = TlvBuilder.constructed(0xBF21).addEncoded(NON_DER_SIGNED).build();
    assertThatThrownBy(() -> SignedParts.smdpSigned2(noSig))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("missing tag 5F37 inside BF21");
  }
}
