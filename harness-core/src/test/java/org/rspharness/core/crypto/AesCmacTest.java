package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.rspharness.core.random.RandomSource;

class AesCmacTest {

  private static final List<Vectors.Rec> RFC4493 = Vectors.load("rfc4493-aes-cmac.txt");

  @Test
  void derivesTheRfc4493Subkeys() {
    Vectors.Rec keys = RFC4493.get(0);
    AesCmac cmac = new AesCmac(keys.hex("key"));
    assertThat(cmac.subkey1()).isEqualTo(keys.hex("k1"));
    assertThat(cmac.subkey2()).isEqualTo(keys.hex("k2"));
  }

  @Test
  void matchesAllFourRfc4493Examples() {
    AesCmac cmac = new AesCmac(RFC4493.get(0).hex("key"));
    List<Vectors.Rec> examples = RFC4493.subList(1, RFC4493.size());
    assertThat(examples).hasSize(4);
    for (Vectors.Rec v : examples) {
      assertThat(cmac.mac(v.hex("message"))).as(v.text("message")).isEqualTo(v.hex("mac"));
    }
  }

  @Test
  void agreesWithBouncyCastleCmacForEveryLengthUpTo100() {
    RandomSource random = RandomSource.seeded(4493);
    byte[] key = random.bytes(16);
    AesCmac ours = new AesCmac(key);
    for (int len = 0; len <= 100; len++) {
      byte[] m = random.bytes(len);
      assertThat(ours.mac(m)).as("length " + len).isEqualTo(bouncyCastleCmac(key, m));
    }
  }

  @Test
  void macsTwoPartsAsTheirConcatenationForEverySplitAndAcrossChunks() {
    RandomSource random = RandomSource.seeded(38);
    byte[] key = random.bytes(16);
    AesCmac ours = new AesCmac(key);
    // lengths around the block and around the chunk the cipher is fed in (1024 bytes)
    for (int len : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 48, 1023, 1024, 1025, 1040, 3000}) {
      byte[] m = random.bytes(len);
      byte[] expected = bouncyCastleCmac(key, m);
      int step = len > 100 ? 7 : 1;
      for (int split = 0; split <= len; split += step) {
        byte[] a = new byte[split + 5];
        System.arraycopy(m, 0, a, 2, split);
        byte[] b = new byte[len - split + 3];
        System.arraycopy(m, split, b, 1, len - split);
        assertThat(ours.mac(a, 2, split, b, 1, len - split))
            .as("length " + len + " split at " + split)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void macsASliceOfALargerArray() {
    Vectors.Rec ex3 = RFC4493.get(3);
    byte[] m = ex3.hex("message");
    byte[] framed = new byte[m.length + 7];
    System.arraycopy(m, 0, framed, 3, m.length);
    assertThat(new AesCmac(RFC4493.get(0).hex("key")).mac(framed, 3, m.length))
        .isEqualTo(ex3.hex("mac"));
  }

  @Test
  void rejectsAKeyThatIsNot16Bytes() {
    assertThatThrownBy(() -> new AesCmac(new byte[24]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key")
        .hasMessageContaining("24");
  }

  /** AES-CMAC of {@code m} by Bouncy Castle's own implementation, the independent reference. */
  private static byte[] bouncyCastleCmac(byte[] key, byte[] m) {
    CMac bc = new CMac(AESEngine.newInstance());
    bc.init(new KeyParameter(key));
    bc.update(m, 0, m.length);
    byte[] out = new byte[16];
    bc.doFinal(out, 0);
    return out;
  }
}
