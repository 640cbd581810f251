package org.rspharness.core.asn1;

/**
 * SGP.22 section 5.7.9: the named bits of the NotificationEvent BIT STRING, one per profile
 * management operation (install 0x80, enable 0x40, disable 0x20, delete 0x10 in the first octet).
 * The eUICC sets them in notifications; the SM-DP+ uses them in
 * NotificationConfigurationInformation.
 */
public enum NotificationOperation {
  /** notificationInstall(0). */
  INSTALL,
  /** notificationEnable(1). */
  ENABLE,
  /** notificationDisable(2). */
  DISABLE,
  /** notificationDelete(3). */
  DELETE;

  /** The named bit number (0..3). */
  public int bit() {
    return ordinal();
  }

  /** The operation of named bit {@code bit}. */
  public static NotificationOperation ofBit(int bit) {
    if (bit < 0 || bit > 3) {
      throw new IllegalArgumentException("NotificationEvent bit must be 0..3: " + bit);
    }
    return values()[bit];
  }
}
