package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.store.ProfileRecord;
import org.rspharness.euicc.store.StateStore;

/** Real GSMA TS.48 test profile packages install, their ProfileHeader ICCID read as plain BCD. */
class Ts48ProfileTest {

  @ParameterizedTest
  @ValueSource(strings = {"TS48v2_SAIP2.3_NoBERTLV.der", "TS48v5_SAIP2.3_BERTLV_SUCI.der"})
  void ts48ProfileInstalls(String name) throws Exception {
    Path file = ReferenceData.require("profiles/" + name);
    byte[] upp = Files.readAllBytes(file);
    String iccid =
        Hex.encode(Tlv.parseAll(upp).get(0).get(0x83).value()).toUpperCase().replaceAll("F+$", "");
    Euicc euicc = Fixture.euicc(StateStore.inMemory());
    Fixture.Download d = Fixture.start(euicc, Curve.BRAINPOOL_P256R1).authenticate().prepare();
    TestSmdp.Options o = new TestSmdp.Options();
    o.replaceSessionKeys = true;
    byte[] pir = d.load(d.smdp.bind(d.euiccOtpk, Profiles.metadata(iccid), upp, o));
    assertThat(Tlv.parse(pir).get(0xBF27).get(0xA2).find(0xA0)).isPresent();
    ProfileRecord p = euicc.state().profiles().get(0);
    assertThat(p.iccid()).isEqualTo(iccid);
    assertThat(p.size()).isEqualTo(upp.length);
    assertThat(p.sha256())
        .isEqualToIgnoringCase(Hex.encode(MessageDigest.getInstance("SHA-256").digest(upp)));
  }
}
