package org.rspharness.lpa.es10;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;

/**
 * SGP.22 section 4.2 (ES10b.AuthenticateServer ctxParams1) DeviceInfo: the TAC, the device
 * capabilities (highest supported release per technology) and the optional IMEI the LPA tells the
 * eUICC and, through euiccSigned1, the SM-DP+.
 *
 * @param tac Type Allocation Code, 4 bytes (8 BCD digits)
 * @param imei IMEI, 8 bytes, or null
 * @param capabilities DeviceCapabilities context tag number (0 gsm, 1 utran, 2 cdma2000onex, 3
 *     cdma2000hrpd, 4 cdma2000ehrpd, 5 eutran, 6 contactless, 7 rspCrl, 8 rspRpm/nrEpc, ...) to a
 *     3-byte version, in ascending tag order
 */
public record DeviceInfo(byte[] tac, byte[] imei, Map<Integer, byte[]> capabilities) {

  /** Names of the DeviceCapabilities members by context tag number, for configuration. */
  public static final Map<String, Integer> CAPABILITY_TAGS =
      Map.ofEntries(
          Map.entry("gsm", 0),
          Map.entry("utran", 1),
          Map.entry("cdma2000onex", 2),
          Map.entry("cdma2000hrpd", 3),
          Map.entry("cdma2000ehrpd", 4),
          Map.entry("eutran", 5),
          Map.entry("contactless", 6),
          Map.entry("rspcrl", 7),
          Map.entry("rsprpm", 8),
          Map.entry("nr5gc", 9),
          Map.entry("eutran5gc", 10));

  public DeviceInfo {
    if (tac == null || tac.length != 4) {
      throw new IllegalArgumentException("deviceInfo.tac must be 4 bytes");
    }
    if (imei != null && imei.length != 8) {
      throw new IllegalArgumentException("deviceInfo.imei must be 8 bytes");
    }
    if (capabilities == null) {
      throw new IllegalArgumentException("deviceInfo.deviceCapabilities must not be null");
    }
    Map<Integer, byte[]> sorted = new LinkedHashMap<>();
    capabilities.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              if (e.getKey() < 0 || e.getKey() > 30) {
                throw new IllegalArgumentException(
                    "deviceInfo.deviceCapabilities: tag number out of range: " + e.getKey());
              }
              if (e.getValue() == null || e.getValue().length != 3) {
                throw new IllegalArgumentException(
                    "deviceInfo.deviceCapabilities[" + e.getKey() + "] must be 3 bytes");
              }
              sorted.put(e.getKey(), e.getValue().clone());
            });
    capabilities = java.util.Collections.unmodifiableMap(sorted);
    tac = tac.clone();
    imei = imei == null ? null : imei.clone();
  }

  /**
   * A device with TAC and IMEI given as decimal digits (BCD, one digit per nibble, IMEI padded with
   * F to 16 nibbles) and capabilities gsm, utran and eutran at release 15.
   */
  public static DeviceInfo of(String tacDigits, String imeiDigits) {
    Map<Integer, byte[]> caps = new LinkedHashMap<>();
    caps.put(0, new byte[] {15, 0, 0});
    caps.put(1, new byte[] {15, 0, 0});
    caps.put(5, new byte[] {15, 0, 0});
    return new DeviceInfo(
        bcd("deviceInfo.tac", tacDigits, 8),
        imeiDigits == null ? null : bcd("deviceInfo.imei", imeiDigits, 16),
        caps);
  }

  /** The default device of the harness: TAC 35290611, IMEI 352906110000000. */
  public static DeviceInfo defaults() {
    return of("35290611", "352906110000000");
  }

  /** The same device with other capabilities. */
  public DeviceInfo withCapabilities(Map<Integer, byte[]> newCapabilities) {
    return new DeviceInfo(tac, imei, newCapabilities);
  }

  @Override
  public byte[] tac() {
    return tac.clone();
  }

  @Override
  public byte[] imei() {
    return imei == null ? null : imei.clone();
  }

  /** The DeviceInfo SEQUENCE with the given (context) tag, e.g. A1 inside ctxParams1. */
  public byte[] encode(int tag) {
    ByteArrayOutputStream caps = new ByteArrayOutputStream();
    capabilities.forEach((n, v) -> caps.writeBytes(TlvWriter.encode(0x80 | n, v)));
    TlvBuilder b =
        TlvBuilder.constructed(tag)
            .add(0x80, tac)
            .addEncoded(TlvWriter.encode(0xA1, caps.toByteArray()));
    b.addIfPresent(0x82, imei);
    return b.build();
  }

  private static byte[] bcd(String field, String digits, int nibbles) {
    if (digits == null || digits.isEmpty() || digits.length() > nibbles) {
      throw new IllegalArgumentException(field + ": expected 1 to " + nibbles + " digits");
    }
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(field + ": expected decimal digits, got '" + digits + "'");
    }
    char[] padded = new char[nibbles];
    Arrays.fill(padded, 'F');
    digits.getChars(0, digits.length(), padded, 0);
    return java.util.HexFormat.of().parseHex(new String(padded));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceInfo d
        && Arrays.equals(tac, d.tac)
        && Arrays.equals(imei, d.imei)
        && capabilities.keySet().equals(d.capabilities.keySet())
        && capabilities.entrySet().stream()
            .allMatch(e -> Arrays.equals(e.getValue(), d.capabilities.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tac) * 31 + Arrays.hashCode(imei);
  }

  @Override
  public String toString() {
    return "DeviceInfo[tac="
        + java.util.HexFormat.of().formatHex(tac)
        + ", imei="
        + (imei == null ? "-" : java.util.HexFormat.of().formatHex(imei))
        + ", capabilities="
        + capabilities.keySet()
        + "]";
  }
}
