package org.rspharness.core.crypto;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SGP.22 section 2.6.4 (BSP, formerly SCP03t, after GlobalPlatform Amendment F): protection of the
 * segments of a Bound Profile Package, one implementation for both sides: the SM-DP+ wraps, the
 * eUICC unwraps.
 *
 * <p>The rules, as implemented and checked against published vectors (pySim's BSP unit tests,
 * including a third-party SM-DP+ trace, and pySim's test BPP):
 *
 * <ul>
 *   <li>A protected segment is {@code tag || length || data || C-MAC}: one tag byte (0x87
 *       ConfigureISDP / ReplaceSessionKeys, 0x88 StoreMetadata, 0x86 profile data), a BER length
 *       that counts the data <em>and</em> the 8 MAC bytes, then the data (ciphertext, or plaintext
 *       for MAC-only segments) and the 8-byte C-MAC.
 *   <li>C-MAC = the first 8 bytes of AES-CMAC(S-MAC, MCV || tag || length || data), with the tag
 *       and length bytes exactly as sent. The full 16-byte CMAC becomes the MAC chaining value
 *       (MCV) of the next segment; the first MCV is the initial MCV from the key derivation.
 *   <li>Encryption: AES-128-CBC under S-ENC with IV = AES-ECB(S-ENC, block counter as a 16-byte
 *       big-endian number). The counter starts at 1 and advances by one per segment, for MAC-only
 *       segments too. Plaintext is always padded with 0x80 then 0x00s to a multiple of 16 (a full
 *       block of padding when already aligned). MAC-only data is not padded.
 *   <li>ReplaceSessionKeys (PPK): S-ENC, S-MAC and the MCV are replaced and the block counter
 *       starts again at 1 (pySim's third-party vector for the first 0x86 segment after
 *       ReplaceSessionKeys uses counter 1).
 *   <li>A segment, tag, length and MAC included, is at most 1020 bytes, so at most 1008 bytes of
 *       ciphertext (1007 bytes of plaintext) or of MAC-only data fit one segment. pySim's own test
 *       BPP has 1036-byte segments: {@link #create(SessionKeys, int)} allows a larger limit for
 *       such quirks.
 *   <li>In the BPP the protected segment is itself the element of its sequence ({@code [7]}, {@code
 *       [8]}, {@code [6]} OCTET STRING have the tags 87, 88, 86). pySim's test BPP instead puts the
 *       whole segment TLV inside such an element (tag and length twice); a reader that meets that
 *       quirk passes the element's value here.
 * </ul>
 *
 * <p>Failures raise {@link BspException}; a failed unwrap changes nothing, so a replayed or
 * reordered segment fails on its MAC (the chain no longer matches) and the session stays usable for
 * the expected one. Not thread-safe: one instance per download and side (it may move between
 * threads between calls). The JDK {@link Cipher} instances come from a per-thread cache and are
 * re-initialised per operation: creating them per session cost more than the AES work itself.
 */
public final class BspSession {

  /** Maximum segment length of SGP.22, tag, length and MAC included. */
  public static final int MAX_SEGMENT_LENGTH = 1020;

  /** Length of the C-MAC carried in a segment. */
  public static final int MAC_LENGTH = 8;

  /** Tag of profile-data segments (sequenceOf86). */
  public static final int TAG_PROFILE_DATA = 0x86;

  /** Tag of encrypted ConfigureISDP and ReplaceSessionKeys segments (sequences of 87). */
  public static final int TAG_ENCRYPTED_COMMAND = 0x87;

  /** Tag of MAC-only StoreMetadata segments (sequenceOf88). */
  public static final int TAG_MAC_ONLY = 0x88;

  private final int maxSegmentLength;
  private SecretKeySpec encKey;
  private AesCmac cmac;
  private byte[] mcv;
  private long counter;

  private BspSession(SessionKeys keys, int maxSegmentLength) {
    if (maxSegmentLength < 1 + 1 + 16 + MAC_LENGTH || maxSegmentLength > 65535 + 4) {
      throw new IllegalArgumentException(
          "maxSegmentLength: " + maxSegmentLength + " out of range 26..65539");
    }
    this.maxSegmentLength = maxSegmentLength;
    install(keys);
  }

  /** A session under {@code keys} with the SGP.22 segment limit of 1020 bytes. */
  public static BspSession create(SessionKeys keys) {
    return new BspSession(Objects.requireNonNull(keys, "keys"), MAX_SEGMENT_LENGTH);
  }

  /**
   * A session with another segment limit, for interoperability quirks and fault scenarios
   * (over-long segments); both wrap and unwrap obey it.
   */
  public static BspSession create(SessionKeys keys, int maxSegmentLength) {
    return new BspSession(Objects.requireNonNull(keys, "keys"), maxSegmentLength);
  }

  /**
   * SGP.22 ReplaceSessionKeys (the BPP's secondSequenceOf87): from the next segment on, PPK-ENC,
   * PPK-MAC and the given initial MCV protect the data, and the block counter restarts at 1.
   */
  public void replaceSessionKeys(SessionKeys ppk) {
    install(Objects.requireNonNull(ppk, "ppk"));
  }

  private void install(SessionKeys keys) {
    this.encKey = new SecretKeySpec(keys.sEnc(), "AES");
    this.cmac = new AesCmac(keys.sMac());
    this.mcv = keys.initialMacChainingValue();
    this.counter = 1;
  }

  /** The block counter the next segment will use (starts at 1). */
  public long blockCounter() {
    return counter;
  }

  /** The MAC chaining value the next segment's C-MAC will start from. */
  public byte[] macChainingValue() {
    return mcv.clone();
  }

  /** The segment limit of this session (1020 unless created otherwise). */
  public int maxSegmentLength() {
    return maxSegmentLength;
  }

  /** The largest plaintext one encrypted segment can carry (1007 bytes at the 1020 limit). */
  public int maxEncryptedPayload() {
    int best = -1;
    for (int p = 0; segmentLength(paddedLength(p)) <= maxSegmentLength; p++) {
      best = p;
    }
    return best;
  }

  /** The largest data one MAC-only segment can carry (1008 bytes at the 1020 limit). */
  public int maxMacOnlyPayload() {
    int best = -1;
    for (int d = 0; segmentLength(d) <= maxSegmentLength; d++) {
      best = d;
    }
    return best;
  }

  /**
   * Encrypts and MACs one segment: {@code tag || L || AES-CBC(plaintext || 80 00..) || C-MAC}.
   *
   * @throws IllegalArgumentException if the plaintext does not fit one segment
   */
  public byte[] wrapEncrypted(int tag, byte[] plaintext) {
    checkTag(tag);
    Objects.requireNonNull(plaintext, "plaintext");
    return wrapEncrypted(tag, plaintext, 0, plaintext.length);
  }

  private byte[] wrapEncrypted(int tag, byte[] plaintext, int off, int len) {
    checkTag(tag);
    int padded = paddedLength(len);
    if (segmentLength(padded) > maxSegmentLength) {
      throw new IllegalArgumentException(
          "plaintext: "
              + len
              + " bytes do not fit one segment of "
              + maxSegmentLength
              + " bytes (at most "
              + maxEncryptedPayload()
              + ")");
    }
    // the ciphertext goes straight into the segment: whole blocks from the plaintext as it is,
    // then the last block with its padding
    int valueLength = padded + MAC_LENGTH;
    byte[] segment = new byte[1 + lengthFieldSize(valueLength) + valueLength];
    int at = putHeader(segment, tag, valueLength);
    int whole = len / 16 * 16;
    byte[] last = new byte[16];
    System.arraycopy(plaintext, off + whole, last, 0, len - whole);
    last[len - whole] = (byte) 0x80;
    try {
      IvParameterSpec iv = new IvParameterSpec(icv(counter));
      Cipher cbc = AesCiphers.get().cbc;
      cbc.init(Cipher.ENCRYPT_MODE, encKey, iv);
      int written = whole == 0 ? 0 : cbc.update(plaintext, off, whole, segment, at);
      cbc.doFinal(last, 0, 16, segment, at + written);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC over whole blocks cannot fail", e);
    }
    return macAndCommit(segment, at + padded);
  }

  /**
   * Splits {@code data} into as few encrypted segments as the limit allows, in order (for the
   * sequenceOf86 of a profile).
   */
  public List<byte[]> wrapEncryptedSegments(int tag, byte[] data) {
    Objects.requireNonNull(data, "data");
    int max = maxEncryptedPayload();
    List<byte[]> out = new ArrayList<>(data.length / max + 1);
    int off = 0;
    do {
      int n = Math.min(max, data.length - off);
      out.add(wrapEncrypted(tag, data, off, n));
      off += n;
    } while (off < data.length);
    return out;
  }

  /**
   * MACs one segment without encryption: {@code tag || L || data || C-MAC}; the block counter
   * advances all the same.
   *
   * @throws IllegalArgumentException if the data do not fit one segment
   */
  public byte[] wrapMacOnly(int tag, byte[] data) {
    checkTag(tag);
    Objects.requireNonNull(data, "data");
    if (segmentLength(data.length) > maxSegmentLength) {
      throw new IllegalArgumentException(
          "data: "
              + data.length
              + " bytes do not fit one MAC-only segment of "
              + maxSegmentLength
              + " bytes (at most "
              + maxMacOnlyPayload()
              + ")");
    }
    int valueLength = data.length + MAC_LENGTH;
    byte[] segment = new byte[1 + lengthFieldSize(valueLength) + valueLength];
    int at = putHeader(segment, tag, valueLength);
    System.arraycopy(data, 0, segment, at, data.length);
    return macAndCommit(segment, at + data.length);
  }

  /** Verifies and decrypts one encrypted segment, returning the plaintext without padding. */
  public byte[] unwrapEncrypted(byte[] segment) {
    Parsed p = parse(segment);
    int ctLength = p.dataLength();
    if (ctLength == 0 || ctLength % 16 != 0) {
      throw new BspException(
          BspException.Reason.BAD_LENGTH,
          "ciphertext of " + ctLength + " bytes is not a non-empty multiple of 16");
    }
    byte[] fullMac = verifyMac(segment, p);
    // decrypted into a buffer of this thread, then copied out without the padding
    AesCiphers ciphers = AesCiphers.get();
    byte[] plain = ciphers.scratch(ctLength);
    try {
      IvParameterSpec iv = new IvParameterSpec(icv(counter));
      Cipher cbc = ciphers.cbc;
      cbc.init(Cipher.DECRYPT_MODE, encKey, iv);
      cbc.doFinal(segment, p.headerLength, ctLength, plain, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC over whole blocks cannot fail", e);
    }
    int end = ctLength - 1;
    while (end >= 0 && ctLength - end <= 16 && plain[end] == 0) {
      end--;
    }
    if (end < 0 || plain[end] != (byte) 0x80 || ctLength - end > 16) {
      throw new BspException(
          BspException.Reason.BAD_PADDING,
          "decrypted segment (counter " + counter + ") does not end in 80 00..00 padding");
    }
    commit(fullMac);
    return Arrays.copyOf(plain, end);
  }

  /** Verifies one MAC-only segment, returning its data; the block counter advances. */
  public byte[] unwrapMacOnly(byte[] segment) {
    Parsed p = parse(segment);
    byte[] fullMac = verifyMac(segment, p);
    commit(fullMac);
    return Arrays.copyOfRange(segment, p.headerLength, p.headerLength + p.dataLength());
  }

  /** Unwraps by tag: 0x88 is MAC-only, every other tag encrypted. */
  public byte[] unwrap(byte[] segment) {
    if (segment != null && segment.length > 0 && (segment[0] & 0xFF) == TAG_MAC_ONLY) {
      return unwrapMacOnly(segment);
    }
    return unwrapEncrypted(segment);
  }

  /** Writes the C-MAC of {@code segment[0, covered)} after it and moves the chain on. */
  private byte[] macAndCommit(byte[] segment, int covered) {
    byte[] fullMac = cmac.mac(mcv, 0, 16, segment, 0, covered);
    System.arraycopy(fullMac, 0, segment, covered, MAC_LENGTH);
    commit(fullMac);
    return segment;
  }

  private byte[] verifyMac(byte[] segment, Parsed p) {
    int covered = p.headerLength + p.dataLength();
    byte[] fullMac = cmac.mac(mcv, 0, 16, segment, 0, covered);
    int diff = 0;
    for (int i = 0; i < MAC_LENGTH; i++) {
      diff |= fullMac[i] ^ segment[covered + i]; // constant time, as MessageDigest.isEqual
    }
    if (diff != 0) {
      throw new BspException(
          BspException.Reason.MAC_MISMATCH,
          String.format(
              "C-MAC of segment with tag %02X (counter %d) does not match: wrong key, altered"
                  + " data, or a segment out of order",
              segment[0] & 0xFF, counter));
    }
    return fullMac;
  }

  private void commit(byte[] fullMac) {
    mcv = fullMac;
    counter++;
  }

  private byte[] icv(long blockNumber) {
    byte[] block = new byte[16];
    for (int i = 0; i < 8; i++) {
      block[15 - i] = (byte) (blockNumber >>> (8 * i));
    }
    try {
      Cipher ecb = AesCiphers.get().ecb;
      ecb.init(Cipher.ENCRYPT_MODE, encKey);
      return ecb.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-ECB over one block cannot fail", e);
    }
  }

  private record Parsed(int headerLength, int valueLength) {
    int dataLength() {
      return valueLength - MAC_LENGTH;
    }
  }

  private Parsed parse(byte[] s) {
    if (s == null || s.length < 2) {
      throw new BspException(
          BspException.Reason.TRUNCATED,
          "segment of " + (s == null ? 0 : s.length) + " bytes has no tag and length");
    }
    if ((s[0] & 0x1F) == 0x1F) {
      throw new BspException(
          BspException.Reason.BAD_HEADER,
          String.format("tag %02X.. is multi-byte; BSP segments have a one-byte tag", s[0]));
    }
    int first = s[1] & 0xFF;
    int headerLength;
    int valueLength;
    if (first < 0x80) {
      headerLength = 2;
      valueLength = first;
    } else if (first == 0x81 || first == 0x82) {
      int n = first & 0x7F;
      if (s.length < 2 + n) {
        throw new BspException(BspException.Reason.TRUNCATED, "length field cut short");
      }
      headerLength = 2 + n;
      valueLength = 0;
      for (int i = 0; i < n; i++) {
        valueLength = (valueLength << 8) | (s[2 + i] & 0xFF);
      }
    } else {
      throw new BspException(
          BspException.Reason.BAD_HEADER,
          String.format("length byte %02X is not a 1-3 byte definite BER length", first));
    }
    long total = (long) headerLength + valueLength;
    if (total > maxSegmentLength) {
      throw new BspException(
          BspException.Reason.SEGMENT_TOO_LONG,
          "segment of " + total + " bytes exceeds the limit of " + maxSegmentLength);
    }
    if (s.length < total) {
      throw new BspException(
          BspException.Reason.TRUNCATED,
          "length says " + valueLength + " value bytes, " + (s.length - headerLength) + " present");
    }
    if (s.length > total) {
      throw new BspException(
          BspException.Reason.TRAILING_BYTES, (s.length - total) + " bytes after the segment");
    }
    if (valueLength < MAC_LENGTH) {
      throw new BspException(
          BspException.Reason.BAD_LENGTH,
          "value of " + valueLength + " bytes is shorter than the 8-byte C-MAC");
    }
    return new Parsed(headerLength, valueLength);
  }

  private static void checkTag(int tag) {
    if (tag < 0x01 || tag > 0xFE || (tag & 0x1F) == 0x1F) {
      throw new IllegalArgumentException(String.format("tag: %X is not a one-byte BER tag", tag));
    }
  }

  private static int paddedLength(int plaintextLength) {
    return (plaintextLength / 16 + 1) * 16;
  }

  private static int segmentLength(int dataLength) {
    int valueLength = dataLength + MAC_LENGTH;
    return lengthFieldSize(valueLength) + 1 + valueLength;
  }

  private static int lengthFieldSize(int valueLength) {
    return valueLength < 0x80 ? 1 : valueLength < 0x100 ? 2 : 3;
  }

  /** Writes {@code tag} and the BER length of {@code valueLength}; returns where the value goes. */
  private static int putHeader(byte[] segment, int tag, int valueLength) {
    segment[0] = (byte) tag;
    if (valueLength < 0x80) {
      segment[1] = (byte) valueLength;
      return 2;
    } else if (valueLength < 0x100) {
      segment[1] = (byte) 0x81;
      segment[2] = (byte) valueLength;
      return 3;
    }
    segment[1] = (byte) 0x82;
    segment[2] = (byte) (valueLength >>> 8);
    segment[3] = (byte) valueLength;
    return 4;
  }
}
