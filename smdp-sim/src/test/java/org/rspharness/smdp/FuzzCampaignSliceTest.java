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
    // which: here the seed session is used up by its first success, so most later requests stop
    // at 8.10.1/3.9 before the certificates)
    assertThat(r.byFunction().values())
        .allSatisfy(
            m ->
                assertThat(m.keySet())
                    .allMatch(k -> k.matches("Executed-Success|204|Failed [0-9.]+/[0-9.]+")));
  }
}
