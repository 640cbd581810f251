package org.rspharness.smdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.time.ManualClock;
import org.rspharness.euicc.testkit.EuiccPeer;

class SmdpSimulatorTest {

  @TempDir Path dir;

  @Test
  void assemblesFromAYamlInventoryAndServesEs9OverItsHandler() throws Exception {
    Path yaml = dir.resolve("inv.yaml");
    Files.writeString(
        yaml,
        """
        profiles:
          - iccid: "%s"
            profileType: lab
            state: Released
            matchingId: YAML-1
            metadata: {serviceProviderName: Yaml Mobile, profileName: From YAML}
        """
            .formatted(Iccid.withCheckDigit("894900000000001101").value()));
    ManualClock clock = ManualClock.at(SmdpFixture.NOW);
    SmdpSimulator smdp =
        SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
            .inventory(yaml)
            .clock(clock)
            .random(RandomSource.seeded(5))
            .build();
    EuiccPeer euicc =
        SmdpFixture.peer(
            SmdpFixture.PKI, org.rspharness.core.crypto.Curve.NIST_P256, 6, SmdpFixture.CARD_CLOCK);
    euicc.matchingId = "YAML-1";
    var r1 =
        smdp.es9Endpoint()
            .handle(
                SmdpFixture.post(
                    "/gsma/rsp2/es9plus/initiateAuthentication",
                    SmdpFixture.json(
                        new InitiateAuthenticationRequest(
                            euicc.challenge(),
                            euicc.euiccInfo1(),
                            SmdpAddress.of(SmdpFixture.HOST)))));
    var ia = RspJson.strict().read(r1.body(), InitiateAuthenticationResponse.class);
    var r2 =
        smdp.es9Endpoint()
            .handle(
                SmdpFixture.post(
                    "/gsma/rsp2/es9plus/authenticateClient",
                    SmdpFixture.json(
                        new AuthenticateClientRequest(
                            ia.transactionId(), euicc.authenticateServer(ia)))));
    var ac = RspJson.strict().read(r2.body(), AuthenticateClientResponseEs9.class);
    assertThat(ac.header().executed()).isTrue();
    assertThat(new String(ac.profileMetadata(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Yaml Mobile");
    assertThat(smdp.orders().size()).isEqualTo(1);
    assertThat(smdp.sessions().size()).isEqualTo(1);
  }
}
