package org.rspharness.lpa.es9;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.lpa.LpaBehaviour;

/** LPA behaviour profiles on ES9+: X-Admin-Protocol, User-Agent, a connection per call. */
class LpaBehaviourEs9Test {

  private static final String HOST = Es9PlusClientTest.HOST;
  private static TlsTestPki pki;
  private FakeEs9Server server;

  @BeforeAll
  static void pki() throws Exception {
    pki = TlsTestPki.create(Curve.NIST_P256, HOST);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Two initiateAuthentication calls with {@code behaviour}; the requests the server saw. */
  private List<RspHttpRequest> twoCalls(LpaBehaviour behaviour) throws Exception {
    String b64 = Base64.getEncoder().encodeToString(Es9PlusClientTest.SIGNED1);
    server =
        new FakeEs9Server(
            pki.dpTlsKey, pki.dpTls, r -> FakeEs9Server.json(Es9PlusClientTest.initiateOk(b64)));
    Es9PlusClient.Config c =
        behaviour.es9Config(
            Es9PlusClient.Config.defaults(List.of(pki.ci))
                .withResolve(Map.of(HOST, "127.0.0.1"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    try (Es9PlusClient es9 =
        new Es9PlusClient(c, EventLog.disabled())
            .connectionPerCall(behaviour.connectionPerCall())) {
      SmdpAddress smdp = SmdpAddress.of(HOST + ":" + server.port());
      var request =
          new InitiateAuthenticationRequest(
              new byte[16], new byte[] {(byte) 0xBF, 0x20, 0x00}, SmdpAddress.of(HOST));
      es9.initiateAuthentication(smdp, request);
      es9.initiateAuthentication(smdp, request);
    }
    return server.requests;
  }

  @Test
  void specSendsItsHeadersAndKeepsOneConnection() throws Exception {
    List<RspHttpRequest> r = twoCalls(LpaBehaviour.SPEC);
    assertThat(r).extracting(x -> x.header("X-Admin-Protocol")).containsOnly("gsma/rsp/v2.2.0");
    assertThat(r).extracting(x -> x.header("User-Agent")).containsOnly("gsma-rsp-lpad");
    assertThat(r.stream().map(RspHttpRequest::remoteAddress).distinct()).hasSize(1);
  }

  @Test
  void aConnectionPerCallOpensANewConnectionForEachCall() throws Exception {
    List<RspHttpRequest> r = twoCalls(LpaBehaviour.of(Map.of("connectionPerCall", true)));
    assertThat(r).extracting(x -> x.header("Connection")).containsOnly("close");
    assertThat(r.stream().map(RspHttpRequest::remoteAddress).distinct()).hasSize(2);
  }

  @Test
  void adminProtocolAndUserAgentAreTheProfilesValues() throws Exception {
    List<RspHttpRequest> r =
        twoCalls(LpaBehaviour.of(Map.of("preset", "chromeos-hermes", "userAgent", "lab-lpa/1.0")));
    assertThat(r).extracting(x -> x.header("X-Admin-Protocol")).containsOnly("gsma/rsp/v2.2.2");
    assertThat(r).extracting(x -> x.header("User-Agent")).containsOnly("lab-lpa/1.0");
  }
}
