package org.rspharness.core.asn1;

import static org.assertj.core.api.Assertions.assertThat;

import com.beanit.asn1bean.ber.types.BerOctetString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.asn1.rsp.AuthenticateServerRequest;
import org.rspharness.asn1.rsp.DeviceInfo;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.saip.AlgoParameter;
import org.rspharness.asn1.saip.File;
import org.rspharness.asn1.saip.ProfileElement;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;

/**
 * What v2.3+/v3 peers send survives our v2.x types; SAIP packages can be personalised through the
 * generated classes.
 */
class ExtensibilityAndPersonalisationTest {

  // Real EUICCInfo2 of a v2.2.2 eUICC.
  private static final String INFO2 =
      "BF227E810302030182030202028303040200840D8101008204000279D083020B898505077F3E1F8086030902"
          + "00870302030088020490A916041481370F5125D0B1D408D4C3B232E6D25E795BEBFB"
          + "AA16041481370F5125D0B1D408D4C3B232E6D25E795BEBFB"
          + "8B01009902064004030100000C0D45442D5A492D55502D30383236";

  @Test
  void v3FieldsAppendedToEuiccInfo2AreKeptAndReEncoded() {
    Tlv info2 = Tlv.parse(Hex.decode(INFO2));
    // v3: treProperties [13] BIT STRING, lpaMode [16] INTEGER, highestSvn [19] VersionType
    byte[] v3Fields = Hex.decode("8D020780" + "900101" + "9303030000");
    TlvBuilder withV3 = TlvBuilder.constructed(0xBF22);
    info2.children().forEach(withV3::add);
    byte[] bytes = withV3.addEncoded(v3Fields).build();

    EUICCInfo2 decoded = Asn1Codec.decode(bytes, EUICCInfo2::new);

    assertThat(decoded.getExtensionBytes()).isEqualTo(v3Fields);
    assertThat(decoded.getSasAcreditationNumber().toString()).isEqualTo("ED-ZI-UP-0826");
    assertThat(Asn1Codec.encode(decoded)).isEqualTo(bytes);
  }

  @Test
  void authenticateServerRequestWithExtendedDeviceInfoRoundTripsAndKeepsServerSigned1()
      throws IOException {
    byte[] serverSigned1 =
        Hex.decode(
            "305180100123456789ABCDEF8899AABBCCDDEEFF8110BFD65180679BB3DD2A15BD1802F157EB8319746573"
                + "74736D6470706C7573312E6578616D706C652E636F6D"
                + "84108899AABBCCDDEEFF0011223344556677");
    byte[] certificate = euiccCertificateFromNotificationVector();
    // DeviceInfo with a v2.2.2+ extension: preferredLanguages [3] { "en" }
    byte[] preferredLanguages = Hex.decode("A3040C02656E");
    byte[] deviceInfo =
        TlvBuilder.constructed(0xA1)
            .add(0x80, Hex.decode("35290611"))
            .add(TlvBuilder.constructed(0xA1).add(0x80, Hex.decode("0F0000")))
            .addEncoded(preferredLanguages)
            .build();
    byte[] request =
        TlvBuilder.constructed(0xBF38)
            .addEncoded(serverSigned1)
            .add(0x5F37, new byte[64])
            .add(0x04, Hex.decode("F54172BDF98A95D65CBEB88A38A1C11D800A85C3"))
            .addEncoded(certificate)
            .add(
                TlvBuilder.constructed(0xA0)
                    .add(0x80, "MATCHING-ID-1".getBytes(StandardCharsets.UTF_8))
                    .addEncoded(deviceInfo))
            .build();

    AuthenticateServerRequest decoded = Asn1Codec.decode(request, AuthenticateServerRequest::new);

    assertThat(Asn1Codec.encode(decoded)).isEqualTo(request);
    DeviceInfo info = decoded.getCtxParams1().getCtxParamsForCommonAuthentication().getDeviceInfo();
    assertThat(Hex.encode(info.getTac().value)).isEqualTo("35290611");
    assertThat(info.getExtensionBytes()).isEqualTo(preferredLanguages);
    assertThat(decoded.getServerSigned1().getServerAddress().toString())
        .isEqualTo("testsmdpplus1.example.com");
    assertThat(SignedParts.serverSigned1(request).signedBytes()).isEqualTo(serverSigned1);
  }

  @Test
  void personalisesIccidAndKOfATs48Profile() throws IOException {
    Path profile = ReferenceData.require("profiles/TS48v5_SAIP2.3_NoBERTLV.der");
    byte[] original = Files.readAllBytes(profile);
    List<ProfileElement> pes = Asn1Codec.decodeAll(original, ProfileElement::new);

    byte[] iccid = Hex.decode("89049032123451234561");
    pes.get(0).getHeader().setIccid(new BerOctetString(iccid));
    File efIccid =
        pes.stream()
            .filter(pe -> pe.getMf() != null)
            .findFirst()
            .orElseThrow()
            .getMf()
            .getEfIccid();
    efIccid.getCHOICE().stream()
        .filter(c -> c.getFillFileContent() != null)
        .findFirst()
        .orElseThrow()
        .setFillFileContent(new BerOctetString(Hex.decode("98409023214354216514")));
    byte[] k = Hex.decode("000102030405060708090A0B0C0D0E0F");
    AlgoParameter algo =
        pes.stream()
            .filter(pe -> pe.getAkaParameter() != null)
            .findFirst()
            .orElseThrow()
            .getAkaParameter()
            .getAlgoConfiguration()
            .getAlgoParameter();
    algo.setKey(new BerOctetString(k));
    byte[] personalised = Asn1Codec.encodeAll(pes);

    assertThat(personalised).hasSameSizeAs(original);
    int changed = 0;
    for (int i = 0; i < original.length; i++) {
      changed += original[i] != personalised[i] ? 1 : 0;
    }
    assertThat(changed).isBetween(1, 36); // only ICCID (2 x 10) and K (16) bytes moved
    List<ProfileElement> again = Asn1Codec.decodeAll(personalised, ProfileElement::new);
    assertThat(again.get(0).getHeader().getIccid().value).isEqualTo(iccid);
    assertThat(
            again.stream()
                .filter(pe -> pe.getAkaParameter() != null)
                .findFirst()
                .orElseThrow()
                .getAkaParameter()
                .getAlgoConfiguration()
                .getAlgoParameter()
                .getKey()
                .value)
        .isEqualTo(k);
  }

  private static byte[] euiccCertificateFromNotificationVector() throws IOException {
    try (InputStream in =
        ExtensibilityAndPersonalisationTest.class.getResourceAsStream(
            "/vectors/real-euicc-retrieve-notifications-list.txt")) {
      byte[] list = Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
      return SignedParts.pendingNotifications(list).get(1).child(2).encoded();
    }
  }
}
