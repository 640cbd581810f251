package org.rspharness.smdp.es2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.function.SmdpCodes;

class Es2PlusEndpointTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final String P = "/gsma/rsp2/es2plus/";

  @Test
  void answersDownloadOrderWithExactlyHeaderAndIccid() throws Exception {
    SmdpFixture f =
        new SmdpFixture().start(SmdpFixture.available("894900000000001001", "gold").build());
    RspHttpResponse r =
        f.smdp
            .es2Endpoint()
            .handle(
                SmdpFixture.post(
                    P + "downloadOrder",
                    SmdpFixture.json(
                        new DownloadOrderRequest(Es2Support.HEADER, null, null, "gold"))));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    assertThat(M.readTree(r.body()).toString())
        .isEqualTo(
            "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}},\"iccid\":\""
                + Iccid.withCheckDigit("894900000000001001").value()
                + "\"}");
  }

  @Test
  void refusesBadHeadersAndBodiesWithCodes() throws Exception {
    SmdpFixture f = new SmdpFixture().start();
    RspHttpRequest xml =
        new RspHttpRequest(
            "POST",
            P + "releaseProfile",
            Map.of("content-type", "application/xml", "x-admin-protocol", "gsma/rsp/v2.2.0"),
            "{}".getBytes(),
            "x",
            List.of());
    assertCode(f.smdp.es2Endpoint().handle(xml), StatusCodes.HEADER_CONTENT_TYPE_INVALID.key());
    assertCode(
        f.smdp
            .es2Endpoint()
            .handle(
                SmdpFixture.post(
                    P + "releaseProfile",
                    "{\"iccid\":\"" + Iccid.withCheckDigit("894900000000001001").value() + "\"}")),
        SmdpCodes.MISSING_MEMBER.key());
    assertCode(
        f.smdp
            .es2Endpoint()
            .handle(
                SmdpFixture.post(
                    P + "releaseProfile",
                    "{\"header\":{\"functionRequesterIdentifier\":\"a\",\"functionCallIdentifier\":\"b\"},\"iccid\":\"12\"}")),
        SmdpCodes.MALFORMED_REQUEST.key());
    assertThat(
            f.smdp
                .es2Endpoint()
                .handle(SmdpFixture.post(P + "handleDownloadProgressInfo", "{}"))
                .status())
        .isEqualTo(404);
  }

  private static void assertCode(RspHttpResponse r, String key) throws Exception {
    var d = M.readTree(r.body()).get("header").get("functionExecutionStatus").get("statusCodeData");
    assertThat(d.get("subjectCode").asText() + "/" + d.get("reasonCode").asText()).isEqualTo(key);
  }
}
