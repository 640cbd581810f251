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

  final Cipher ecb;
  final Cipher cbc;

  private AesCiphers() {
    try {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      cbc = Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is mandatory in every JDK", e);
    }
  }

  static AesCiphers get() {
    return PER_THREAD.get();
  }
}
