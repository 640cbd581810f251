package org.rspharness.euicc.notification;

/**
 * SGP.22 section 5.7.9: NotificationEvent, a BIT STRING with one bit per profile management
 * operation (install 0x80, enable 0x40, disable 0x20, delete 0x10 in the first octet).
 */
public enum NotificationEvent {
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

  /** The event of named bit {@code bit}. */
  public static NotificationEvent ofBit(int bit) {
    if (bit < 0 || bit > 3) {
      throw new IllegalArgumentException("NotificationEvent bit must be 0..3: " + bit);
    }
    return values()[bit];
  }
}
