package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class SessionKeysTest {

  private static final List<Vectors.Rec> PYSIM = Vectors.load("sgp22-bsp-pysim.txt");

  @Test
  void sharedInfoIsKeyTypeKeyLengthThenLvHostIdThenLvEid() {
    byte[] info =
        SessionKeys.sharedInfo(
            Hex.decode("8080808080808080"), Hex.decode("89049032123451234512345678901235"));
    assertThat(Hex.encode(info))
        .isEqualTo("8810" + "08" + "8080808080808080" + "10" + "89049032123451234512345678901235");
  }

  @Test
  void derivesThePySimVectorKeysInMcvEncMacOrder() {
    for (String name : new String[] {"kdf-pysim", "kdf-mode51"}) {
      Vectors.Rec v = Vectors.byCase(PYSIM, name);
      SessionKeys keys = SessionKeys.derive(v.hex("shared_secret"), v.hex("host_id"), v.hex("eid"));
      assertThat(keys.initialMacChainingValue()).as(name).isEqualTo(v.hex("initial_mcv"));
      assertThat(keys.sEnc()).as(name).isEqualTo(v.hex("s_enc"));
      assertThat(keys.sMac()).as(name).isEqualTo(v.hex("s_mac"));
    }
  }

  @Test
  void fromEckaOfTheThirdPartyTraceToItsSessionKeys() {
    Vectors.Rec ecka = Vectors.byCase(PYSIM, "ecka-mode51-p256");
    Vectors.Rec kdf = Vectors.byCase(PYSIM, "kdf-mode51");
    byte[] shs =
        Ecka.sharedSecret(
            EcPrivateKey.fromScalar(Curve.NIST_P256, ecka.hex("smdp_otsk")),
            EcPublicKey.decode(Curve.NIST_P256, ecka.hex("euicc_otpk")));
    SessionKeys keys = SessionKeys.derive(shs, kdf.hex("host_id"), kdf.hex("eid"));
    assertThat(keys.sEnc()).isEqualTo(kdf.hex("s_enc"));
  }

  @Test
  void valueSemanticsAndDefensiveCopies() {
    byte[] a = new byte[16];
    SessionKeys k1 = new SessionKeys(a, new byte[16], new byte[16]);
    a[0] = 1;
    assertThat(k1.initialMacChainingValue()[0]).isZero();
    assertThat(k1).isEqualTo(new SessionKeys(new byte[16], new byte[16], new byte[16]));
    k1.sEnc()[0] = 9;
    assertThat(k1.sEnc()[0]).isZero();
    assertThat(k1.toString()).contains("hidden");
  }

  @Test
  void rejectsWrongKeyLengthsAndEmptyHostId() {
    assertThatThrownBy(() -> new SessionKeys(new byte[16], new byte[15], new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sEnc");
    assertThatThrownBy(() -> SessionKeys.sharedInfo(new byte[0], new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hostId");
  }
}
