package org.rspharness.core.random;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Deterministic {@link RandomSource}: SHA-256 in counter mode over the seed. Chosen over {@code
 * SecureRandom.getInstance("SHA1PRNG")} because that one's output for a given seed is not specified
 * across JDKs, and replays must match on any machine.
 */
final class SeededRandomSource implements RandomSource {

  private final byte[] seed;
  private final SHA256Digest sha = new SHA256Digest();
  private long counter;
  private final byte[] block = new byte[32];
  private int available;
  private final SecureRandom view;

  SeededRandomSource(long seed) {
    this(ByteBuffer.allocate(8).putLong(seed).array());
  }

  private SeededRandomSource(byte[] seed) {
    this.seed = seed;
    this.view = new ViewRandom(this);
  }

  /**
   * An independent deterministic source for {@code label}: SHA-256(seed || label) seeds it, so each
   * session or device of a seeded run gets its own stream and thread interleaving cannot change who
   * draws which bytes.
   */
  @Override
  public RandomSource derive(String label) {
    SHA256Digest d = new SHA256Digest();
    d.update(seed, 0, seed.length);
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    d.update(l, 0, l.length);
    byte[] child = new byte[32];
    d.doFinal(child, 0);
    return new SeededRandomSource(child);
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    int filled = 0;
    while (filled < out.length) {
      if (available == 0) {
        refill();
      }
      int n = Math.min(available, out.length - filled);
      System.arraycopy(block, block.length - available, out, filled, n);
      available -= n;
      filled += n;
    }
  }

  private void refill() {
    // Called with the monitor held (nextBytes is synchronized), so the digest is not shared.
    sha.update(seed, 0, seed.length);
    long c = counter++;
    for (int shift = 56; shift >= 0; shift -= 8) {
      sha.update((byte) (c >>> shift));
    }
    sha.doFinal(block, 0);
    available = block.length;
  }

  @Override
  public SecureRandom asSecureRandom() {
    return view;
  }

  /** SecureRandom whose every byte comes from the seeded source. */
  private static final class ViewRandom extends SecureRandom {
    private final transient SeededRandomSource source;

    ViewRandom(SeededRandomSource source) {
      super(new byte[0]);
      this.source = source;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (source != null) {
        source.nextBytes(bytes);
      }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
      byte[] out = new byte[numBytes];
      nextBytes(out);
      return out;
    }

    @Override
    public void setSeed(long seed) {
      // Ignored: the sequence is fixed by the source's seed (the super constructor calls this).
    }

    @Override
    public void setSeed(byte[] seed) {
      // Ignored for the same reason.
    }
  }
}
