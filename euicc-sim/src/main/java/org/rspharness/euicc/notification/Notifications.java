package org.rspharness.euicc.notification;

import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.config.EuiccIdentity.CurveCredentials;
import org.rspharness.euicc.store.NotificationRecord;

/**
 * SGP.22 sections 3.5, 5.7.9 and 5.7.10: building, signing and presenting notifications.
 *
 * <p>What is signed (checked on a real eUICC's captured notifications): the
 * ProfileInstallationResult signature euiccSignPIR covers the whole ProfileInstallationResultData
 * TLV ('BF27' tag and length included); an OtherSignedNotification's euiccNotificationSignature
 * covers the whole tbsOtherNotification TLV ('BF2F' ...). Both with SK.EUICC.ECDSA, plain r||s
 * under '5F37'.
 */
public final class Notifications {

  /** Tag of NotificationMetadata / tbsOtherNotification. */
  public static final int METADATA_TAG = 0xBF2F;

  /** Tag of ProfileInstallationResult. */
  public static final int PIR_TAG = 0xBF37;

  /** Tag of ProfileInstallationResultData. */
  public static final int PIR_DATA_TAG = 0xBF27;

  private Notifications() {}

  /**
   * NotificationMetadata 'BF2F' { [0] seqNumber, [1] event, notificationAddress, iccid? }.
   *
   * @param iccidEf the ICCID in EF.ICCID coding (10 bytes), or null
   */
  public static byte[] metadata(
      int seqNumber, NotificationOperation event, String address, byte[] iccidEf) {
    TlvBuilder b =
        TlvBuilder.constructed(METADATA_TAG)
            .add(0x80, Der.integer(seqNumber))
            .add(0x81, Der.bitString(event.bit()))
            .addEncoded(Der.utf8(0x0C, address));
    if (iccidEf != null) {
      b.add(0x5A, iccidEf);
    }
    return b.build();
  }

  /** Signs {@code signed} (a whole 'BF27' or 'BF2F' TLV) into a stored notification. */
  public static NotificationRecord sign(
      int seqNumber,
      NotificationOperation event,
      String address,
      String iccid,
      byte[] signed,
      CurveCredentials credentials,
      RandomSource random) {
    byte[] signature = Ecdsa.sign(credentials.euiccKey(), signed, random);
    return new NotificationRecord(
        seqNumber,
        event.bit(),
        address,
        iccid,
        Hex.encode(signed),
        Hex.encode(signature),
        credentials.curve().fileTag());
  }

  /** The signed ProfileInstallationResult 'BF37' { BF27, 5F37 } of a stored install result. */
  public static byte[] profileInstallationResult(byte[] pirData, byte[] signature) {
    return TlvBuilder.constructed(PIR_TAG).addEncoded(pirData).add(0x5F37, signature).build();
  }

  /**
   * The PendingNotification of {@code record}: a ProfileInstallationResult, or an
   * OtherSignedNotification '30' { BF2F, 5F37, CERT.EUICC, CERT.EUM } with the certificates of the
   * curve that signed it.
   */
  public static byte[] pendingNotification(NotificationRecord record, EuiccIdentity identity) {
    byte[] signed = Hex.decode(record.signed());
    byte[] signature = Hex.decode(record.signature());
    if (record.event() == NotificationOperation.INSTALL.bit()) {
      return profileInstallationResult(signed, signature);
    }
    CurveCredentials c =
        identity
            .credentials(Curve.parse(record.curve()))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "notification "
                            + record.seqNumber()
                            + " signed on "
                            + record.curve()
                            + ", which this identity lacks"));
    return TlvBuilder.constructed(0x30)
        .addEncoded(signed)
        .add(0x5F37, signature)
        .addEncoded(c.euiccCertificateDer())
        .addEncoded(c.eumCertificateDer())
        .build();
  }

  /** The NotificationMetadata 'BF2F' of {@code record}, as ListNotification lists it. */
  public static byte[] listedMetadata(NotificationRecord record) {
    Tlv signed = Tlv.parse(Hex.decode(record.signed()));
    if (signed.tag() == METADATA_TAG) {
      return signed.encoded();
    }
    return signed.get(METADATA_TAG).encoded();
  }

  /** TLV helper for callers composing 'BF27'. */
  static byte[] tlv(int tag, byte[] value) {
    return TlvWriter.encode(tag, value);
  }
}
