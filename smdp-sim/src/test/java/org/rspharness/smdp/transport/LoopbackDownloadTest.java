package org.rspharness.smdp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.es9.RealBppDownloadTest;

/**
 * A download up to the bound profile package over loopback HTTPS on each curve: the simulator's
 * ES9+ endpoint behind {@link SmdpServer}, a real HTTPS client trusting only the CI, the real eUICC
 * of the services' tests, which installs the package.
 */
class LoopbackDownloadTest {

  private static final String BASE = "/gsma/rsp2/es9plus/";

  /**
   * The services' fixture PKI starts in 2025 for its manual clock, so its DPtls has expired for a
   * real TLS client: reissue DPtls under the same CIs, valid now (SmdpServer only reads DPtls).
   */
  private static final TestPki TLS =
      TestPki.builder()
          .ci(SmdpFixture.PKI.ci(Curve.NIST_P256))
          .ci(SmdpFixture.PKI.ci(Curve.BRAINPOOL_P256R1))
          .random(RandomSource.seeded(77))
          .smdpHost(SmdpFixture.HOST)
          .build();

  @ParameterizedTest
  @EnumSource(Curve.class)
  void downloadsABoundProfilePackageOverTls(Curve curve) throws Exception {
    SmdpFixture f = new SmdpFixture(curve);
    f.realBinder = true;
    f.start(SmdpFixture.released("894900000000000058", "LOOP-1").build());
    f.euicc.matchingId = "LOOP-1";
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SmdpServer server =
            SmdpServer.start(
                TLS,
                SmdpServer.Config.es9Only(SmdpFixture.HOST, 0).withBrainpoolPort(0),
                f.smdp.es9Endpoint(),
                null,
                registry,
                f.events);
        RspHttpClient client =
            new RspHttpClient(
                RspHttpClient.Config.defaults(
                        TlsContexts.client(
                            List.of(SmdpFixture.PKI.ci(curve).certificate()),
                            null,
                            List.of(),
                            TlsOptions.sgp22()),
                        "lpa")
                    .withResolve(Map.of(SmdpFixture.HOST, "127.0.0.1"))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)),
                f.events)) {
      int port = server.es9Port(curve).orElseThrow();
      RspJson json = RspJson.strict();

      InitiateAuthenticationResponse ia =
          json.read(
              call(
                  client,
                  port,
                  "initiateAuthentication",
                  json.write(
                      new InitiateAuthenticationRequest(
                          f.euicc.challenge(),
                          f.euicc.euiccInfo1(),
                          SmdpAddress.of(SmdpFixture.HOST)))),
              InitiateAuthenticationResponse.class);
      byte[] asr = f.euicc.authenticateServer(ia);
      AuthenticateClientResponseEs9 ac =
          json.read(
              call(
                  client,
                  port,
                  "authenticateClient",
                  json.write(new AuthenticateClientRequest(ia.transactionId(), asr))),
              AuthenticateClientResponseEs9.class);
      byte[] pdr = f.euicc.prepareDownload(ac, asr, null);
      GetBoundProfilePackageResponse bpp =
          json.read(
              call(
                  client,
                  port,
                  "getBoundProfilePackage",
                  json.write(new GetBoundProfilePackageRequest(ac.transactionId(), pdr))),
              GetBoundProfilePackageResponse.class);
      assertThat(bpp.header().executed()).isTrue();

      RealBppDownloadTest.assertInstalled(
          f,
          f.euicc.es10().loadBoundProfilePackage(bpp.boundProfilePackage()),
          ac,
          Iccid.withCheckDigit("894900000000000058"));
      assertThat(
              registry
                  .get("smdp.es9.requests")
                  .tag("function", "getBoundProfilePackage")
                  .tag("status", "2xx")
                  .timer()
                  .count())
          .isEqualTo(1);
    }
  }

  private static byte[] call(RspHttpClient client, int port, String function, byte[] body)
      throws Exception {
    RspHttpResponse r =
        client.post(
            URI.create("https://" + SmdpFixture.HOST + ":" + port + BASE + function),
            Map.of(
                "Content-Type", "application/json",
                "X-Admin-Protocol", "gsma/rsp/v2.2.0",
                "User-Agent", "gsma-rsp-lpad"),
            body,
            function);
    assertThat(r.status()).as(function).isEqualTo(200);
    return r.body();
  }
}
