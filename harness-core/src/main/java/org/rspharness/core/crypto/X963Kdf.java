package org.rspharness.core.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The key derivation function of ANSI X9.63 (also BSI TR-03111 and SEC 1 section 3.6.1) with
 * SHA-256: output = SHA-256(Z || counter || SharedInfo) for counter = 1, 2, ... (32-bit big
 * endian), truncated to the requested length.
 */
public final class X963Kdf {

  private X963Kdf() {}

  /** Derives {@code length} bytes from {@code z} and {@code sharedInfo} (may be empty). */
  public static byte[] sha256(byte[] z, byte[] sharedInfo, int length) {
    Objects.requireNonNull(z, "z");
    byte[] info = sharedInfo == null ? new byte[0] : sharedInfo;
    if (length < 0) {
      throw new IllegalArgumentException("length: negative");
    }
    byte[] out = new byte[length];
    byte[] block = new byte[32];
    SHA256Digest d = new SHA256Digest();
    int counter = 1;
    for (int off = 0; off < length; off += 32, counter++) {
      d.update(z, 0, z.length);
      d.update((byte) (counter >>> 24));
      d.update((byte) (counter >>> 16));
      d.update((byte) (counter >>> 8));
      d.update((byte) counter);
      d.update(info, 0, info.length);
      d.doFinal(block, 0);
      System.arraycopy(block, 0, out, off, Math.min(32, length - off));
    }
    return out;
  }
}
