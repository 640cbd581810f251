package org.rspharness.core.random;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Deterministic {@link RandomSource}: SHA-256 in counter mode over the seed. Chosen over {@code
 * SecureRandom.getInstance("SHA1PRNG")} because that one's output for a given seed is not specified
 * across JDKs, and replays must match on any machine.
 */
final class SeededRandomSource implements RandomSource {

  private final byte[] seed;
  private long counter;
  private final byte[] block = new byte[32];
  private int available;
  private final SecureRandom view;

  SeededRandomSource(long seed) {
    this.seed = ByteBuffer.allocate(8).putLong(seed).array();
    this.view = new ViewRandom(this);
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
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(seed);
      sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
      System.arraycopy(sha.digest(), 0, block, 0, block.length);
      available = block.length;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
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
