package org.rspharness.smds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es11.EventEntry;
import org.rspharness.core.es11.InitiateAuthenticationRequestEs11;
import org.rspharness.core.es12.DeleteEventRequest;
import org.rspharness.core.es12.Es12Response;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.pki.Role;
import org.rspharness.core.pki.RoleOverride;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.euicc.testkit.EuiccPeer;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smds.es12.SmdsUnreachableException;

/**
 * SGP.22 sections 5.8 and 5.9 in memory: each check of ES11 and ES12 at the SM-DS with its code,
 * and the ES11 paths as LPAs send them.
 */
class SmdsServicesTest {

  private static final String ROOT = "testrootsmds.example.com";
  private static final RequestHeader H = new RequestHeader("smdp", "1");

  private final SmdpFixture f = new SmdpFixture();
  private final Eid eid = SmdpFixture.PKI.eid();

  private SmdsSimulator smds(org.rspharness.core.pki.CredentialSource pki) {
    return SmdsSimulator.builder(pki, ROOT)
        .clock(f.clock)
        .random(RandomSource.seeded(5))
        .events(f.events)
        .build();
  }

  private static String code(ResponseHeader h) {
    StatusCodeData d = h.functionExecutionStatus().statusCodeData();
    return d.subjectCode() + "/" + d.reasonCode();
  }

  private InitiateAuthenticationResponse initiate(SmdsSimulator s, EuiccPeer e, String address) {
    return s.es11()
        .initiateAuthentication(
            new InitiateAuthenticationRequestEs11(
                e.challenge(), e.euiccInfo1(), SmdpAddress.of(address)));
  }

  @Test
  void es11AnswersTheEventsOfTheAuthenticatedEidOnly() {
    SmdsSimulator s = smds(SmdpFixture.PKI);
    s.es12().registerEvent(new RegisterEventRequest(H, eid, "smdp.example.com", "EV-1", false));
    s.es12()
        .registerEvent(
            new RegisterEventRequest(
                H,
                org.rspharness.certs.DeviceIdentities.eid(eid, 2),
                "x.example.com",
                "EV-2",
                false));
    InitiateAuthenticationResponse ia = initiate(s, f.euicc, ROOT);
    assertThat(ia.header().executed()).isTrue();
    AuthenticateClientResponseEs11 ac =
        s.es11()
            .authenticateClient(
                new AuthenticateClientRequest(ia.transactionId(), f.euicc.authenticateServer(ia)));
    assertThat(ac.header().executed()).isTrue();
    assertThat(ac.eventEntries()).containsExactly(new EventEntry("EV-1", "smdp.example.com"));
  }

  @Test
  void es11InitiateAuthenticationChecksAddressSvnAndCi() {
    SmdsSimulator s = smds(SmdpFixture.PKI);
    assertThat(code(initiate(s, f.euicc, "other.example.com").header())).isEqualTo("8.9.1/3.8");
    f.euicc.svn = new byte[] {3, 0, 0};
    assertThat(code(initiate(s, f.euicc, ROOT).header())).isEqualTo("8.9.3/3.1");
    f.euicc.svn = new byte[] {2, 2, 0};
    List<byte[]> ids = List.copyOf(f.euicc.ciPkIds);
    f.euicc.ciPkIds.clear();
    f.euicc.ciPkIds.add(new byte[20]);
    assertThat(code(initiate(s, f.euicc, ROOT).header())).isEqualTo("8.9.2/3.1");
    f.euicc.ciPkIds.clear();
    f.euicc.ciPkIds.addAll(ids);
    // an SM-DS without a DSauth certificate for the eUICC's CI
    SmdsSimulator bare =
        smds(
            new RoleOverride(
                SmdpFixture.PKI,
                Role.DS_AUTH,
                Map.of(
                    Curve.BRAINPOOL_P256R1,
                    SmdpFixture.PKI.credential(Role.DS_AUTH, Curve.BRAINPOOL_P256R1)),
                "no NIST DSauth"));
    assertThat(code(initiate(bare, f.euicc, ROOT).header())).isEqualTo("8.9.4/3.7");
  }

  @Test
  void es11AuthenticateClientChecksTransactionIdSignatureAndChallenge() {
    SmdsSimulator s = smds(SmdpFixture.PKI);
    AuthenticateClientResponseEs11 unknown =
        s.es11()
            .authenticateClient(
                new AuthenticateClientRequest(
                    TransactionId.fromHex("00112233445566778899AABBCCDDEEFF"), new byte[] {1}));
    assertThat(code(unknown.header())).isEqualTo("8.10.1/3.9");

    InitiateAuthenticationResponse ia = initiate(s, f.euicc, ROOT);
    byte[] asr = f.euicc.authenticateServer(ia);
    asr[asr.length - 200] ^= 1; // inside the signed part or a certificate: either is refused
    AuthenticateClientResponseEs11 tampered =
        s.es11().authenticateClient(new AuthenticateClientRequest(ia.transactionId(), asr));
    assertThat(tampered.header().executed()).isFalse();

    InitiateAuthenticationResponse ia2 = initiate(s, f.euicc, ROOT);
    f.euicc.serverChallengeOverride = new byte[16];
    AuthenticateClientResponseEs11 badChallenge =
        s.es11()
            .authenticateClient(
                new AuthenticateClientRequest(
                    ia2.transactionId(), f.euicc.authenticateServer(ia2)));
    assertThat(code(badChallenge.header())).isEqualTo("8.1/6.1");
  }

  @Test
  void es12RefusesADuplicateAndAnUnknownEvent() {
    SmdsSimulator s = smds(SmdpFixture.PKI);
    RegisterEventRequest r = new RegisterEventRequest(H, eid, "smdp.example.com", "EV-1", false);
    assertThat(s.es12().registerEvent(r).header().executed()).isTrue();
    assertThat(code(s.es12().registerEvent(r).header())).isEqualTo("8.9.5/3.3");
    assertThat(code(s.es12().deleteEvent(new DeleteEventRequest(H, eid, "EV-X")).header()))
        .isEqualTo("8.9.5/3.9");
    assertThat(s.es12().deleteEvent(new DeleteEventRequest(H, eid, "EV-1")).header().executed())
        .isTrue();
    assertThat(s.events().all()).isEmpty();
  }

  @Test
  void anAlternativeSmdsWhoseRootCannotBeReachedKeepsNothingAndAnswers8_9_4_2() {
    SmdsSimulator alt =
        SmdsSimulator.builder(SmdpFixture.PKI, "testsmds2.example.com")
            .events(f.events)
            .forwardTo(
                SmdpAddress.of(ROOT),
                new org.rspharness.smds.es12.Es12() {
                  @Override
                  public Es12Response registerEvent(SmdpAddress smds, RegisterEventRequest r)
                      throws SmdsUnreachableException {
                    throw new SmdsUnreachableException("connection refused", null);
                  }

                  @Override
                  public Es12Response deleteEvent(SmdpAddress smds, DeleteEventRequest r)
                      throws SmdsUnreachableException {
                    throw new SmdsUnreachableException("connection refused", null);
                  }
                })
            .build();
    Es12Response r =
        alt.es12()
            .registerEvent(new RegisterEventRequest(H, eid, "smdp.example.com", "EV-1", true));
    assertThat(code(r.header())).isEqualTo("8.9/4.2");
    assertThat(alt.events().all()).isEmpty();
    // without forwardingIndicator the alternative SM-DS keeps the event alone
    assertThat(
            alt.es12()
                .registerEvent(new RegisterEventRequest(H, eid, "smdp.example.com", "EV-2", false))
                .header()
                .executed())
        .isTrue();
  }

  @Test
  void es11IsServedOnTheEs11AndTheEs9PlusPathsAndEs12OnlyOnItsOwnEndpoint() {
    SmdsSimulator s = smds(SmdpFixture.PKI);
    String body =
        "{\"euiccChallenge\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"euiccInfo1\":\"vyAA\","
            + "\"smdpAddress\":\""
            + ROOT
            + "\"}";
    for (String path :
        List.of(
            "/gsma/rsp2/es11/initiateAuthentication",
            "/gsma/rsp2/es9plus/initiateAuthentication")) {
      RspHttpResponse r = s.es11Endpoint().handle(SmdpFixture.post(path, body));
      assertThat(r.status()).as(path).isEqualTo(200);
      // euiccInfo1 BF20 00 is refused as such, not as an unknown path
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("Failed");
    }
    assertThat(
            s.es11Endpoint()
                .handle(SmdpFixture.post("/gsma/rsp2/es12/registerEvent", "{}"))
                .status())
        .isEqualTo(404);
    RspHttpRequest noCert = SmdpFixture.post("/gsma/rsp2/es12/registerEvent", "{}");
    assertThat(s.es12Endpoint().handle(noCert).status()).isEqualTo(403);
    RspHttpResponse malformed =
        s.es11Endpoint().handle(SmdpFixture.post("/gsma/rsp2/es11/authenticateClient", "{"));
    assertThat(malformed.status()).isEqualTo(200);
    assertThat(new String(malformed.body(), StandardCharsets.UTF_8)).contains("\"1.2\"");
  }
}
