package org.rspharness.smdp.inventory;

import java.util.List;

/**
 * The YAML inventory as written (see {@link Inventory} for an example). Records mirror the file;
 * unknown fields are errors.
 *
 * @param profiles the profile entries
 */
public record InventoryFile(List<Entry> profiles) {

  /**
   * One profile, or a pool of profiles (when {@code pool} is given instead of {@code iccid}).
   *
   * @param iccid the ICCID (19 or 20 digits, valid Luhn check digit)
   * @param pool an ICCID pool instead of one ICCID
   * @param profileType the operator's profile type name
   * @param profilePackage a UPP file (DER, relative to the YAML file's directory) or {@code
   *     generated} for a minimal profile
   * @param state initial state (SGP.22 name, default Available)
   * @param eid EID the order is linked to
   * @param matchingId the activation code token
   * @param confirmationCode confirmation code required from the end user
   * @param maxConfirmationCodeAttempts wrong codes tolerated (default 3)
   * @param maxDownloadAttempts downloads allowed (default 5)
   * @param downloadAttemptsUsed downloads already made (default 0): with {@code
   *     maxDownloadAttempts} it sets up an order whose attempts are used up
   * @param expiry when the order expires (ISO-8601 instant)
   * @param reusable lab profile downloadable again and again
   * @param pprs profile policy rules set (1 = ppr1, 2 = ppr2)
   * @param defaultSmdp offered to its EID through the default SM-DP+ address
   * @param smdsEventId an SM-DS EventID the eUICC may present as matchingId
   * @param metadata profile metadata
   */
  public record Entry(
      String iccid,
      Pool pool,
      String profileType,
      String profilePackage,
      String state,
      String eid,
      String matchingId,
      String confirmationCode,
      Integer maxConfirmationCodeAttempts,
      Integer maxDownloadAttempts,
      Integer downloadAttemptsUsed,
      String expiry,
      Boolean reusable,
      List<Integer> pprs,
      Boolean defaultSmdp,
      String smdsEventId,
      Metadata metadata) {}

  /**
   * A pool: {@code count} ICCIDs {@code prefix} + counter (zero-padded) + Luhn digit, {@code
   * length} digits in all.
   *
   * @param prefix leading digits (e.g. 8988247000)
   * @param count how many profiles
   * @param start first counter value (default 0)
   * @param length total ICCID length with the check digit (19 or 20, default 19)
   */
  public record Pool(String prefix, Integer count, Long start, Integer length) {}

  /**
   * Profile metadata.
   *
   * @param serviceProviderName at most 32 characters
   * @param profileName at most 64 characters
   * @param profileClass test, provisioning or operational
   * @param iconType jpg or png
   * @param icon base64 of the icon
   * @param notifications notification configuration
   * @param profileOwner the owner's MCC/MNC, 6 hex digits (e.g. 00F110), needed with PPRs
   */
  public record Metadata(
      String serviceProviderName,
      String profileName,
      String profileClass,
      String iconType,
      byte[] icon,
      List<Notification> notifications,
      String profileOwner) {}

  /**
   * One notification configuration entry.
   *
   * @param operations install, enable, disable, delete
   * @param address the notification address (FQDN)
   */
  public record Notification(List<String> operations, String address) {}
}
