package org.rspharness.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class RandomSourceTest {

  @Test
  void theSameSeedGivesTheSameBytesAcrossInstancesAndChunkings() {
    byte[] whole = RandomSource.seeded(42).bytes(100);
    RandomSource chunked = RandomSource.seeded(42);
    byte[] first = chunked.bytes(7);
    byte[] rest = chunked.bytes(93);
    assertThat(first).isEqualTo(java.util.Arrays.copyOfRange(whole, 0, 7));
    assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(whole, 7, 100));
    assertThat(RandomSource.seeded(43).bytes(100)).isNotEqualTo(whole);
  }

  @Test
  void seededStreamIsSha256InCounterModeOverTheSeed() throws Exception {
    // First block = SHA-256(seed as 8 big-endian bytes || counter 0 as 8 big-endian bytes).
    var sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(Hex.decode("000000000000002A"));
    sha.update(new byte[8]);
    assertThat(RandomSource.seeded(42).bytes(32)).isEqualTo(sha.digest());
  }

  @Test
  void derivedStreamsAreIndependentOfDrawOrder() {
    RandomSource a = RandomSource.seeded(1);
    RandomSource b = RandomSource.seeded(1);
    a.bytes(50); // the parent's own use must not shift the children
    assertThat(a.derive("device-1").bytes(16)).isEqualTo(b.derive("device-1").bytes(16));
    assertThat(a.derive("device-1").bytes(16)).isNotEqualTo(a.derive("device-2").bytes(16));
  }

  @Test
  void theSecureRandomViewDrawsFromTheSeededStream() {
    byte[] direct = RandomSource.seeded(5).bytes(24);
    byte[] viaView = new byte[24];
    RandomSource.seeded(5).asSecureRandom().nextBytes(viaView);
    assertThat(viaView).isEqualTo(direct);
  }
}
