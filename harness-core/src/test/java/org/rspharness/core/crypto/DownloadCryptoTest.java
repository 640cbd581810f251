package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.util.Hex;

/** Both sides of one profile download's crypto, end to end, on each curve. */
class DownloadCryptoTest {

  private static final byte[] EID = Hex.decode("89049032123451234512345678901235");
  private static final byte[] HOST_ID = "harness".getBytes(StandardCharsets.US_ASCII);

  @Test
  void smdpAndEuiccDeriveTheSameKeysAndTheBppUnwrapsOnBothCurves() {
    for (Curve c : Curve.values()) {
      RandomSource random = RandomSource.seeded(c.ordinal());
      OneTimeKeyPair euicc = OneTimeKeyPair.generate(c, random);
      OneTimeKeyPair smdp = OneTimeKeyPair.generate(c, random);
      // Each side only sees the other's 5F49 bytes.
      EcPublicKey euiccOtpkAtSmdp = EcPublicKey.decode(c, euicc.publicKey().encoded());
      EcPublicKey smdpOtpkAtEuicc = EcPublicKey.decode(c, smdp.publicKey().encoded());
      SessionKeys atSmdp =
          SessionKeys.derive(Ecka.sharedSecret(smdp.privateKey(), euiccOtpkAtSmdp), HOST_ID, EID);
      SessionKeys atEuicc =
          SessionKeys.derive(Ecka.sharedSecret(euicc.privateKey(), smdpOtpkAtEuicc), HOST_ID, EID);
      assertThat(atEuicc).as(c.name()).isEqualTo(atSmdp);

      BspSession wrap = BspSession.create(atSmdp);
      BspSession unwrap = BspSession.create(atEuicc);
      byte[] profile = random.bytes(3000);
      List<byte[]> segments = wrap.wrapEncryptedSegments(0x86, profile);
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      segments.forEach(s -> got.writeBytes(unwrap.unwrap(s)));
      assertThat(got.toByteArray()).isEqualTo(profile);
    }
  }

  @Test
  void aSessionMayMoveBetweenThreadsAndMacsMayRunConcurrently() throws Exception {
    SessionKeys keys = SessionKeys.derive(new byte[32], HOST_ID, EID);
    BspSession wrap = BspSession.create(keys);
    BspSession unwrap = BspSession.create(keys);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 20; i++) {
        byte[] data = new byte[] {(byte) i};
        byte[] seg =
            CompletableFuture.supplyAsync(() -> wrap.wrapEncrypted(0x86, data), pool).get();
        assertThat(CompletableFuture.supplyAsync(() -> unwrap.unwrap(seg), pool).get())
            .isEqualTo(data);
      }
      AesCmac cmac = new AesCmac(new byte[16]);
      byte[] expected = cmac.mac(new byte[1000]);
      List<CompletableFuture<byte[]>> runs =
          java.util.stream.IntStream.range(0, 200)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> cmac.mac(new byte[1000]), pool))
              .toList();
      for (CompletableFuture<byte[]> r : runs) {
        assertThat(r.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
