package org.rspharness.smdp.order;

import java.util.List;

/**
 * SGP.22 section 4.4 profile metadata the SM-DP+ sends in StoreMetadataRequest.
 *
 * @param serviceProviderName at most 32 characters
 * @param profileName at most 64 characters
 * @param profileClass {@code test}, {@code provisioning} or {@code operational}
 * @param iconType {@code jpg} or {@code png}, or null without icon
 * @param icon the icon bytes (at most 1024), or null
 * @param notifications which events notify which addresses
 * @param profileOwner the profile owner's MCC/MNC as 6 hex digits of the 3-byte TS 24.008 coding
 *     (e.g. {@code 00F110} for 001/01), or null; profiles with PPRs need it for the RAT check
 */
public record OrderMetadata(
    String serviceProviderName,
    String profileName,
    String profileClass,
    String iconType,
    byte[] icon,
    List<NotificationTarget> notifications,
    String profileOwner) {

  /** Metadata without a profile owner. */
  public OrderMetadata(
      String serviceProviderName,
      String profileName,
      String profileClass,
      String iconType,
      byte[] icon,
      List<NotificationTarget> notifications) {
    this(serviceProviderName, profileName, profileClass, iconType, icon, notifications, null);
  }

  public OrderMetadata {
    if (profileOwner != null && !profileOwner.matches("[0-9A-Fa-f]{6}")) {
      throw new IllegalArgumentException(
          "profileOwner: expected the MCC/MNC as 6 hex digits such as 00F110, got '"
              + profileOwner
              + "'");
    }
    serviceProviderName = serviceProviderName == null ? "" : serviceProviderName;
    profileName = profileName == null ? "" : profileName;
    profileClass = profileClass == null ? "operational" : profileClass;
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    if (serviceProviderName.length() > 32) {
      throw new IllegalArgumentException("serviceProviderName: longer than 32 characters");
    }
    if (profileName.length() > 64) {
      throw new IllegalArgumentException("profileName: longer than 64 characters");
    }
    if (profileClassNumber(profileClass) < 0) {
      throw new IllegalArgumentException(
          "profileClass: '" + profileClass + "' is not test, provisioning or operational");
    }
    if (iconType != null && !iconType.equals("jpg") && !iconType.equals("png")) {
      throw new IllegalArgumentException("iconType: '" + iconType + "' is not jpg or png");
    }
    if (icon != null && icon.length > 1024) {
      throw new IllegalArgumentException("icon: longer than 1024 bytes");
    }
    if ((icon == null) != (iconType == null)) {
      throw new IllegalArgumentException("icon and iconType go together");
    }
  }

  /** Plain metadata for tests: operational, no icon, no notification address. */
  public static OrderMetadata of(String serviceProviderName, String profileName) {
    return new OrderMetadata(serviceProviderName, profileName, "operational", null, null, null);
  }

  /** ProfileClass value of SGP.22: test(0), provisioning(1), operational(2); -1 if unknown. */
  public static int profileClassNumber(String profileClass) {
    return switch (profileClass) {
      case "test" -> 0;
      case "provisioning" -> 1;
      case "operational" -> 2;
      default -> -1;
    };
  }
}
