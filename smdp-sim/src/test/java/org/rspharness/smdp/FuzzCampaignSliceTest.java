package org.rspharness.smdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded slice of {@link FuzzCampaign}: mutated requests to every ES9+ and ES2+ function
 * over TLS through the Netty server, certificate-structure mutations included.
 */
class FuzzCampaignSliceTest {

  @Test
  void mutatedRequestsOverTlsGetNoInternalErrorAndNoHttp500() throws Exception {
    FuzzCampaign.Result r = FuzzCampaign.run(120, 11, 2, Duration.ofMinutes(2), null);

    assertThat(r.perFunction()).hasSize(9).allSatisfy((f, n) -> assertThat(n).isEqualTo(120));
    assertThat(r.count("Failed 1.2/4.2")).as(r.byFunction().toString()).isZero();
    assertThat(r.count("HTTP 500")).as(r.byFunction().toString()).isZero();
    assertThat(r.transport()).as("transport errors").isZero();
    // every answer is a spec code (CertificateStrictnessTest pins which certificate defect gets
    // which)
    assertThat(r.byFunction().values())
        .allSatisfy(
            m ->
                assertThat(m.keySet())
                    .allMatch(k -> k.matches("Executed-Success|204|Failed [0-9.]+/[0-9.]+")));
    // the seed sessions are put back before each authenticateClient, so mutations get past the
    // transactionId to the certificate and signature checks instead of stopping at 8.10.1/3.9
    java.util.Map<String, Long> auth = r.byFunction().get("authenticateClient");
    assertThat(auth.getOrDefault("Failed 8.10.1/3.9", 0L)).as(auth.toString()).isLessThan(30);
    assertThat(auth.keySet()).as(auth.toString()).contains("Failed 8.1.3/6.1");
  }
}
