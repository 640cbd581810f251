package org.rspharness.core.random;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Deterministic {@link RandomSource}: SHA-256 in counter mode over the seed. Chosen over {@code
 * SecureRandom.getInstance("SHA1PRNG")} because that one's output for a given seed is not specified
 * across JDKs, and replays must match on any machine. SHA-256 is the JDK's (the same bytes as any
 * other), so a command that never draws from a seeded source loads no Bouncy Castle class.
 */
final class SeededRandomSource implements RandomSource {

  private final byte[] seed;
  private final MessageDigest sha = sha256();
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
    MessageDigest d = sha256();
    d.update(seed);
    d.update(label.getBytes(StandardCharsets.UTF_8));
    return new SeededRandomSource(d.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
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
    sha.update(seed);
    long c = counter++;
    for (int shift = 56; shift >= 0; shift -= 8) {
      sha.update((byte) (c >>> shift));
    }
    try {
      sha.digest(block, 0, block.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 output is 32 bytes", e);
    }
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
