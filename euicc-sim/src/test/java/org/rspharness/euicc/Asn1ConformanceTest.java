package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rspharness.asn1.rsp.AuthenticateServerResponse;
import org.rspharness.asn1.rsp.CancelSessionResponse;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.rsp.EnableProfileResponse;
import org.rspharness.asn1.rsp.EuiccConfiguredAddressesResponse;
import org.rspharness.asn1.rsp.GetEuiccChallengeResponse;
import org.rspharness.asn1.rsp.GetEuiccDataResponse;
import org.rspharness.asn1.rsp.GetRatResponse;
import org.rspharness.asn1.rsp.ListNotificationResponse;
import org.rspharness.asn1.rsp.PrepareDownloadResponse;
import org.rspharness.asn1.rsp.ProfileInfoListResponse;
import org.rspharness.asn1.rsp.ProfileInstallationResult;
import org.rspharness.asn1.rsp.RetrieveNotificationsListResponse;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.store.StateStore;

/**
 * Every response the eUICC builds by hand decodes strictly with the project's SGP.22 ASN.1 module
 * and re-encodes to the same bytes (tags, automatic tagging and DER lengths are right).
 */
class Asn1ConformanceTest {

  private static <T extends com.beanit.asn1bean.ber.types.BerType> void conforms(
      byte[] bytes, java.util.function.Supplier<T> type) {
    T value = Asn1Codec.decode(bytes, type);
    assertThat(Asn1Codec.encode(value)).as(value.getClass().getSimpleName()).isEqualTo(bytes);
  }

  @Test
  void downloadAndManagementResponsesMatchTheAsn1Module() {
    Euicc euicc = Fixture.euicc(StateStore.inMemory());
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256);
    conforms(d.link.call(Hex.decode("BF2E00")), GetEuiccChallengeResponse::new);
    conforms(d.link.call(Hex.decode("BF2000")), EUICCInfo1::new);
    conforms(d.link.call(Hex.decode("BF2200")), EUICCInfo2::new);
    conforms(d.link.call(Hex.decode("BF3C00")), EuiccConfiguredAddressesResponse::new);
    conforms(d.link.call(Hex.decode("BF3E035C015A")), GetEuiccDataResponse::new);
    conforms(d.link.call(Hex.decode("BF4300")), GetRatResponse::new);
    d.authenticate();
    conforms(d.authResponse, AuthenticateServerResponse::new);
    d.prepare();
    conforms(d.prepareResponse, PrepareDownloadResponse::new);
    String iccid = Fixture.iccid(8);
    byte[] pir =
        d.load(
            d.smdp.bind(
                d.euiccOtpk,
                Profiles.metadata(iccid),
                Profiles.upp(iccid, 100),
                new TestSmdp.Options()));
    conforms(pir, ProfileInstallationResult::new);
    conforms(Fixture.getProfiles(d.link), ProfileInfoListResponse::new);
    byte[] enable =
        TlvBuilder.constructed(0xBF31)
            .add(TlvBuilder.constructed(0xA0).add(0x5A, Iccid.of(iccid).toEfIccid()))
            .add(0x81, new byte[] {(byte) 0xFF})
            .build();
    conforms(d.link.call(enable), EnableProfileResponse::new);
    conforms(d.link.call(Hex.decode("BF2800")), ListNotificationResponse::new);
    conforms(d.link.call(Hex.decode("BF2B00")), RetrieveNotificationsListResponse::new);
    d.authenticate();
    byte[] cancel =
        TlvBuilder.constructed(0xBF41)
            .add(0x80, d.smdp.transactionId)
            .add(0x81, new byte[] {0})
            .build();
    conforms(d.link.call(cancel), CancelSessionResponse::new);
    // the error forms too
    conforms(d.link.call(cancel), CancelSessionResponse::new);
    conforms(
        d.link.call(d.smdp.authenticateServerRequest(new byte[16], null)),
        AuthenticateServerResponse::new);
  }
}
