package org.rspharness.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * Per-thread JDK AES cipher instances. {@link Cipher#getInstance} and a fresh instance's first use
 * cost tens of microseconds, far more than AES over a 1 KB segment, so sessions borrow these and
 * re-initialise them (well under a microsecond) for every operation instead of owning their own.
 * Callers must init and finish within one method call, never keep one across calls.
 */
final class AesCiphers {

  private static final ThreadLocal<AesCiphers> PER_THREAD =
      ThreadLocal.withInitial(AesCiphers::new);

  /** Bytes of input {@link AesCmac} feeds the cipher at a time (a multiple of the block). */
  static final int CHUNK = 1024;

  final Cipher ecb;
  final Cipher cbc;

  /**
   * AES-CBC for CMAC only: apart from {@link #cbc}, which encrypts under another key, so that
   * neither instance expands its key schedule again on every call of a session (the JDK keeps the
   * schedule of the last key).
   */
  final Cipher cmac;

  /** Output CMAC's chained blocks go to (only the last block is kept). */
  final byte[] cmacScratch = new byte[CHUNK + 16];

  private byte[] scratch = new byte[1024];

  private AesCiphers() {
    try {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      cbc = Cipher.getInstance("AES/CBC/NoPadding");
      cmac = Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is mandatory in every JDK", e);
    }
  }

  static AesCiphers get() {
    return PER_THREAD.get();
  }

  /** A buffer of this thread of at least {@code n} bytes, for output copied out at once. */
  byte[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }
}
