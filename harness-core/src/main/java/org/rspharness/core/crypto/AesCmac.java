package org.rspharness.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493) over the JDK's AES, 16-byte tag.
 *
 * <p>The message goes through AES-CBC with a zero IV, a chunk at a time into a per-thread scratch
 * buffer (no copy of the message), and the last block, padded and XORed with the subkey, ends it:
 * the JDK's intrinsic CBC does the work. Thread-safe: the cipher is borrowed per call from a
 * per-thread cache.
 */
public final class AesCmac {

  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

  private final SecretKeySpec key;
  private final byte[] k1;
  private final byte[] k2;

  /** A CMAC under the 16-byte AES key {@code key}. */
  public AesCmac(byte[] key) {
    if (key == null || key.length != 16) {
      throw new IllegalArgumentException(
          "key: expected 16 bytes (AES-128), got " + (key == null ? "none" : key.length));
    }
    this.key = new SecretKeySpec(key, "AES");
    try {
      Cipher ecb = AesCiphers.get().ecb;
      ecb.init(Cipher.ENCRYPT_MODE, this.key);
      byte[] l = ecb.doFinal(new byte[16]);
      this.k1 = doubled(l);
      this.k2 = doubled(k1);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is mandatory in every JDK", e);
    }
  }

  /** Subkey K1 (for tests against RFC 4493). */
  byte[] subkey1() {
    return k1.clone();
  }

  /** Subkey K2 (for tests against RFC 4493). */
  byte[] subkey2() {
    return k2.clone();
  }

  /** The 16-byte CMAC of {@code message}. */
  public byte[] mac(byte[] message) {
    return mac(message, 0, message.length);
  }

  /** The 16-byte CMAC of {@code message[off, off+len)}. */
  public byte[] mac(byte[] message, int off, int len) {
    return mac(message, off, len, message, off + len, 0);
  }

  /**
   * The 16-byte CMAC of the concatenation {@code a[aOff, aOff+aLen) || b[bOff, bOff+bLen)}, without
   * building it (BSP MACs a chaining value followed by a segment).
   */
  public byte[] mac(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    int total = aLen + bLen;
    // every block but the last goes through AES-CBC as it is; the last is padded and XORed first
    int head = total == 0 ? 0 : (total - 1) / 16 * 16;
    AesCiphers ciphers = AesCiphers.get();
    Cipher cbc = ciphers.cmac;
    byte[] out = ciphers.cmacScratch;
    try {
      cbc.init(Cipher.ENCRYPT_MODE, key, ZERO_IV);
      int fromA = Math.min(aLen, head);
      feed(cbc, a, aOff, fromA, out);
      feed(cbc, b, bOff, head - fromA, out);
      byte[] last = new byte[16];
      int lastLength = total - head;
      int lastFromA = Math.max(0, aLen - head);
      System.arraycopy(a, aOff + Math.min(head, aLen), last, 0, lastFromA);
      System.arraycopy(b, bOff + Math.max(0, head - aLen), last, lastFromA, lastLength - lastFromA);
      byte[] subkey;
      if (lastLength == 16) {
        subkey = k1;
      } else {
        last[lastLength] = (byte) 0x80;
        subkey = k2;
      }
      for (int i = 0; i < 16; i++) {
        last[i] ^= subkey[i];
      }
      cbc.doFinal(last, 0, 16, last, 0);
      return last;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC over whole blocks cannot fail", e);
    }
  }

  /** Chains {@code len} bytes through {@code cbc}; its output is not needed, only its state. */
  private static void feed(Cipher cbc, byte[] in, int off, int len, byte[] out)
      throws GeneralSecurityException {
    for (int done = 0; done < len; ) {
      int n = Math.min(AesCiphers.CHUNK, len - done);
      cbc.update(in, off + done, n, out, 0);
      done += n;
    }
  }

  /** Multiplication by x in GF(2^128) (left shift, conditional XOR with 0x87). */
  private static byte[] doubled(byte[] in) {
    byte[] out = new byte[16];
    int carry = 0;
    for (int i = 15; i >= 0; i--) {
      int b = in[i] & 0xFF;
      out[i] = (byte) ((b << 1) | carry);
      carry = b >>> 7;
    }
    if ((in[0] & 0x80) != 0) {
      out[15] ^= (byte) 0x87;
    }
    return out;
  }
}
