package org.rspharness.core.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * SGP.22 section 2.6.4.2 (v3 numbering; BSP key derivation): the BSP session keys of one download,
 * or the PPKs a ReplaceSessionKeys installs.
 *
 * <p>Derivation: KeyData = X9.63-KDF-SHA-256(ShS, SharedInfo, 48) with SharedInfo = keyType (0x88,
 * AES) || keyLength (0x10, 16 bytes) || LV(hostId) || LV(EID), each L one byte; KeyData is split,
 * in this order, into the initial MAC chaining value, S-ENC and S-MAC. Checked against the
 * published pySim BSP vectors (one of them taken from a third-party SM-DP+ trace).
 *
 * @param initialMacChainingValue 16 bytes
 * @param sEnc S-ENC (or PPK-ENC), 16 bytes
 * @param sMac S-MAC (or PPK-MAC), 16 bytes
 */
public record SessionKeys(byte[] initialMacChainingValue, byte[] sEnc, byte[] sMac) {

  /** Key type of the SharedInfo: AES. */
  public static final int KEY_TYPE_AES = 0x88;

  /** Key length of the SharedInfo: 16 bytes. */
  public static final int KEY_LENGTH = 0x10;

  public SessionKeys {
    initialMacChainingValue = copy16(initialMacChainingValue, "initialMacChainingValue");
    sEnc = copy16(sEnc, "sEnc");
    sMac = copy16(sMac, "sMac");
  }

  /** Derives the session keys from the ECKA shared secret, the hostId and the EID (16 bytes). */
  public static SessionKeys derive(byte[] sharedSecret, byte[] hostId, byte[] eid) {
    byte[] out = X963Kdf.sha256(sharedSecret, sharedInfo(hostId, eid), 3 * KEY_LENGTH);
    return new SessionKeys(
        Arrays.copyOfRange(out, 0, 16),
        Arrays.copyOfRange(out, 16, 32),
        Arrays.copyOfRange(out, 32, 48));
  }

  /** SharedInfo = 0x88 || 0x10 || LV(hostId) || LV(eid). */
  public static byte[] sharedInfo(byte[] hostId, byte[] eid) {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(eid, "eid");
    if (hostId.length == 0 || hostId.length > 127) {
      throw new IllegalArgumentException("hostId: " + hostId.length + " bytes, expected 1..127");
    }
    if (eid.length == 0 || eid.length > 127) {
      throw new IllegalArgumentException("eid: " + eid.length + " bytes, expected 1..127");
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(4 + hostId.length + eid.length);
    b.write(KEY_TYPE_AES);
    b.write(KEY_LENGTH);
    b.write(hostId.length);
    b.writeBytes(hostId);
    b.write(eid.length);
    b.writeBytes(eid);
    return b.toByteArray();
  }

  @Override
  public byte[] initialMacChainingValue() {
    return initialMacChainingValue.clone();
  }

  @Override
  public byte[] sEnc() {
    return sEnc.clone();
  }

  @Override
  public byte[] sMac() {
    return sMac.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKeys k
        && Arrays.equals(k.initialMacChainingValue, initialMacChainingValue)
        && Arrays.equals(k.sEnc, sEnc)
        && Arrays.equals(k.sMac, sMac);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(initialMacChainingValue) + Arrays.hashCode(sEnc))
        + Arrays.hashCode(sMac);
  }

  /** Key values are hidden; tests compare the accessors. */
  @Override
  public String toString() {
    return "SessionKeys[keys hidden]";
  }

  private static byte[] copy16(byte[] v, String name) {
    if (v == null || v.length != 16) {
      throw new IllegalArgumentException(
          name + ": expected 16 bytes, got " + (v == null ? "none" : v.length));
    }
    return v.clone();
  }
}
