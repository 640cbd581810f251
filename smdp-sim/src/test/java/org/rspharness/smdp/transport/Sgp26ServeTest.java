package org.rspharness.smdp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.tls.TlsContexts;
import org.rspharness.core.transport.tls.TlsOptions;

/** The server runs unchanged on the GSMA SGP.26 test certificates (when the folder is present). */
class Sgp26ServeTest {

  private static Path sgp26() {
    return ReferenceData.require("sgp26");
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void servesEs9WithTheSgp26DpTlsCertificate(Curve curve) throws Exception {
    CredentialSource sgp26 = PkiDirectory.load(sgp26());
    Assumptions.assumeTrue(
        sgp26.dpTls(curve).certificate().getNotAfter().after(new Date()),
        "the SGP.26 DPtls certificate has expired: regenerate it under the SGP.26 CI");
    String host = "testsmdpplus1.example.com";
    try (SmdpServer server =
            SmdpServer.start(
                sgp26,
                SmdpServer.Config.es9Only(host, 0).withBrainpoolPort(0),
                TransportFixtures.echo(),
                null,
                new SimpleMeterRegistry(),
                EventLog.disabled());
        RspHttpClient client =
            new RspHttpClient(
                RspHttpClient.Config.defaults(
                        TlsContexts.client(
                            List.of(sgp26.ci(curve).certificate()),
                            null,
                            List.of(),
                            TlsOptions.sgp22()),
                        "test-client")
                    .withResolve(Map.of(host, "127.0.0.1"))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                EventLog.disabled())) {
      RspHttpResponse r =
          TransportFixtures.post(
              client,
              host,
              server.es9Port(curve).orElseThrow(),
              "/gsma/rsp2/es9plus/initiateAuthentication");
      assertThat(r.status()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8))
          .isEqualTo("/gsma/rsp2/es9plus/initiateAuthentication|0");
    }
  }
}
