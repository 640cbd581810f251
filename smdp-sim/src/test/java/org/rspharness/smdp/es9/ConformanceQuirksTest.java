package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rspharness.smdp.es9.InitiateAuthenticationTest.assertFailed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.inventory.InventoryException;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

/**
 * Conformance fixtures of SGP.23-derived suites: an inventory order whose download attempts are
 * used up (SGP.22 5.6.3, retries exceeded), and the quirks that let suites with non-SGP.22
 * identifiers or one curve per port run to the end while strict stays the default.
 */
class ConformanceQuirksTest {

  @TempDir Path dir;

  @Test
  void anInventoryOrderWithItsAttemptsUsedUpAnswersRetriesExceeded() throws Exception {
    // SGP.22 5.6.3: the SM-DP+ checks the download attempts left before anything is bound
    Path inv = dir.resolve("inventory.yaml");
    Files.writeString(
        inv,
        "profiles:\n"
            + "  - iccid: \""
            + Iccid.withCheckDigit("894900000000000801").value()
            + "\"\n    profileType: lab\n    profilePackage: generated\n    state: Released\n"
            + "    matchingId: USED-UP\n    maxDownloadAttempts: 2\n    downloadAttemptsUsed: 2\n");
    SmdpFixture f = new SmdpFixture();
    f.smdp =
        SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
            .inventory(inv)
            .clock(f.clock)
            .random(f.random)
            .build();
    f.euicc.matchingId = "USED-UP";
    assertFailed(
        f.authenticate(f.initiate()).header(), StatusCodes.DOWNLOAD_ORDER_RETRIES_EXCEEDED);

    Files.writeString(
        inv, Files.readString(inv).replace("downloadAttemptsUsed: 2", "downloadAttemptsUsed: 3"));
    assertThatThrownBy(() -> org.rspharness.smdp.inventory.Inventory.load(inv))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("profiles[0]: downloadAttemptsUsed: 3 is not between 0 and");
  }

  private static final String BAD_LUHN =
      badLuhn(Iccid.withCheckDigit("894900000000000802").value());
  private static final String BAD_EID = badEid(SmdpFixture.PKI.eid().value());

  private static String badLuhn(String iccid) {
    char last = iccid.charAt(iccid.length() - 1);
    return iccid.substring(0, iccid.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
  }

  private static String badEid(String eid) {
    char last = eid.charAt(31);
    return eid.substring(0, 31) + (char) ('0' + (last - '0' + 1) % 10);
  }

  private SmdpFixture withFixtureIdentifiers(Quirks quirks) throws Exception {
    Path inv = dir.resolve("lenient.yaml");
    Files.writeString(
        inv,
        "profiles:\n  - iccid: \""
            + BAD_LUHN
            + "\"\n    profileType: gold\n    profilePackage: generated\n");
    SmdpFixture f = new SmdpFixture();
    f.smdp =
        SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
            .inventory(inv)
            .quirks(quirks)
            .clock(f.clock)
            .random(f.random)
            .build();
    return f;
  }

  private static RspHttpResponse es2(SmdpFixture f, String function, String json) {
    return f.smdp.es2Endpoint().handle(SmdpFixture.post("/gsma/rsp2/es2plus/" + function, json));
  }

  @Test
  void strictByDefaultTheLenientIdentifiersQuirkAcceptsASuitesFixtureIdentifiers()
      throws Exception {
    String header =
        "\"header\":{\"functionRequesterIdentifier\":\"op\",\"functionCallIdentifier\":\"1\"}";
    String download = "{" + header + ",\"iccid\":\"" + BAD_LUHN + "\",\"eid\":\"" + BAD_EID + "\"}";
    String confirm =
        "{"
            + header
            + ",\"iccid\":\""
            + BAD_LUHN
            + "\",\"eid\":\""
            + BAD_EID
            + "\",\"matchingId\":\"FIXTURE_1\",\"releaseFlag\":true}";

    assertThatThrownBy(() -> withFixtureIdentifiers(Quirks.none()))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("Luhn");

    SmdpFixture lenient = withFixtureIdentifiers(Quirks.of(Quirk.LENIENT_IDENTIFIERS));
    assertThat(new String(es2(lenient, "downloadOrder", download).body()))
        .contains("Executed-Success");
    ConfirmOrderResponse c =
        RspJson.lenient()
            .read(es2(lenient, "confirmOrder", confirm).body(), ConfirmOrderResponse.class);
    assertThat(c.header().executed()).isTrue();
    assertThat(c.matchingId().value()).isEqualTo("FIXTURE_1");
    assertThat(lenient.smdp.orders().all())
        .singleElement()
        .satisfies(o -> assertThat(o.state()).isEqualTo(ProfileState.RELEASED));

    // the same requests to a strict SM-DP+ (order set up in code) are refused as invalid
    SmdpFixture strict =
        new SmdpFixture().start(SmdpFixture.available("894900000000000802", "gold").build());
    assertThat(new String(es2(strict, "downloadOrder", download).body()))
        .contains("\"status\":\"Failed\"")
        .contains("\"subjectCode\":\"1.2\"");
  }

  private static InitiateAuthenticationResponse initiate(
      SmdpFixture f, org.rspharness.core.transport.http.RspHttpHandler port) {
    RspHttpResponse r =
        port.handle(
            SmdpFixture.post(
                "/gsma/rsp2/es9plus/initiateAuthentication",
                SmdpFixture.json(
                    new InitiateAuthenticationRequest(
                        f.euicc.challenge(),
                        f.euicc.euiccInfo1(),
                        SmdpAddress.of(SmdpFixture.HOST)))));
    return RspJson.lenient().read(r.body(), InitiateAuthenticationResponse.class);
  }

  @Test
  void theSingleCurvePerPortQuirkServesBrainpoolOnlyOnTheBrainpoolPort() {
    SmdpFixture any = new SmdpFixture(Curve.BRAINPOOL_P256R1);
    any.start(SmdpFixture.released("894900000000000803", "CURVE-1").build());
    assertThat(initiate(any, any.smdp.es9Endpoint()).header().executed()).isTrue();

    SmdpFixture perPort = new SmdpFixture(Curve.BRAINPOOL_P256R1);
    perPort.start(
        Quirks.of(Quirk.SINGLE_CURVE_PER_PORT),
        SmdpFixture.released("894900000000000803", "CURVE-1").build());
    // SGP.22 5.6.1: no CI of the port's curve among the eUICC's: 8.8.2/3.1
    assertFailed(
        initiate(perPort, perPort.smdp.es9Endpoint()).header(),
        StatusCodes.SMDP_NO_SUPPORTED_CI_PKID);
    assertThat(initiate(perPort, perPort.smdp.es9BrainpoolEndpoint()).header().executed()).isTrue();
  }
}
