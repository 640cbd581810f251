package org.rspharness.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493) over the JDK's AES, 16-byte tag.
 *
 * <p>The whole message goes through one AES-CBC call with a zero IV after the last block has been
 * padded and XORed with the subkey, so the JDK's intrinsic CBC does the work. Thread-safe: the
 * cipher is borrowed per call from a per-thread cache.
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
    int blocks = len == 0 ? 1 : (len + 15) / 16;
    byte[] buf = new byte[blocks * 16];
    System.arraycopy(message, off, buf, 0, len);
    byte[] subkey;
    if (len != 0 && len % 16 == 0) {
      subkey = k1;
    } else {
      buf[len] = (byte) 0x80;
      subkey = k2;
    }
    int last = buf.length - 16;
    for (int i = 0; i < 16; i++) {
      buf[last + i] ^= subkey[i];
    }
    try {
      Cipher cbc = AesCiphers.get().cbc;
      cbc.init(Cipher.ENCRYPT_MODE, key, ZERO_IV);
      cbc.doFinal(buf, 0, buf.length, buf, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC over whole blocks cannot fail", e);
    }
    byte[] tag = new byte[16];
    System.arraycopy(buf, last, tag, 0, 16);
    return tag;
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
