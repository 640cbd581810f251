package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.util.Hex;
import org.rspharness.smdp.SmdpFixture;

/** SGP.22 v3 section 6.6 on the SM-DP+: the ASN.1 binding beside JSON on the same handler. */
class Es9Asn1EndpointTest {

  private static RspHttpRequest post(String contentType, byte[] body) {
    return new RspHttpRequest(
        "POST",
        Es9Asn1Binding.PATH,
        Map.of("content-type", contentType, "x-admin-protocol", "gsma/rsp/v2.2.0"),
        body,
        "127.0.0.1:1",
        List.of());
  }

  @Test
  void aFunctionErrorIsAnAsn1ErrorInAnHttp200() {
    SmdpFixture f = new SmdpFixture().start();
    byte[] req =
        Es9Asn1Binding.encodeRequest(
            new InitiateAuthenticationRequest(
                f.euicc.challenge(), f.euicc.euiccInfo1(), SmdpAddress.of("other.example.com")));
    RspHttpResponse r = f.smdp.es9Endpoint().handle(post(Es9Asn1Binding.CONTENT_TYPE, req));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo(Es9Asn1Binding.CONTENT_TYPE);
    // invalidDpAddress(1): the JSON binding's 8.8.1/3.8
    assertThat(Hex.encode(r.body())).isEqualTo("A206BF3903810101");
  }

  @Test
  void anotherMediaTypeIs415AndABodyThatDoesNotDecodeIs400() {
    SmdpFixture f = new SmdpFixture().start();
    assertThat(f.smdp.es9Endpoint().handle(post("application/json", new byte[] {0x30, 0})).status())
        .isEqualTo(415);
    assertThat(
            f.smdp
                .es9Endpoint()
                .handle(post(Es9Asn1Binding.CONTENT_TYPE, Hex.decode("A203BF3900")))
                .status())
        .isEqualTo(400);
  }
}
