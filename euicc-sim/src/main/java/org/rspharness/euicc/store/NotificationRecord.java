package org.rspharness.euicc.store;

/**
 * One pending notification: its metadata for ListNotification and the signed part with its
 * signature; the certificates of an OtherSignedNotification are added when it is retrieved, so they
 * are not stored once per notification.
 *
 * @param seqNumber the sequence number
 * @param event the NotificationOperation bit: 0 install, 1 enable, 2 disable, 3 delete
 * @param address the notification address
 * @param iccid the ICCID digits, or null
 * @param signed the signed TLV as produced ('BF27' ProfileInstallationResultData for install,
 *     'BF2F' tbsOtherNotification otherwise), hex
 * @param signature the r||s signature over {@code signed}, hex
 * @param curve the SGP.26 file tag of the curve whose eUICC certificate signed it (NIST / BRP)
 */
public record NotificationRecord(
    int seqNumber,
    int event,
    String address,
    String iccid,
    String signed,
    String signature,
    String curve) {

  /** Validates. */
  public NotificationRecord {
    if (event < 0 || event > 3) {
      throw new IllegalArgumentException("event must be 0..3: " + event);
    }
    if (address == null || signed == null || signature == null || curve == null) {
      throw new IllegalArgumentException("address, signed, signature and curve must be set");
    }
  }
}
