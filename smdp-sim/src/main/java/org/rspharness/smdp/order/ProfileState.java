package org.rspharness.smdp.order;

/** SGP.22 section 3.1.1 / 5.3: the state of a profile (and its download order) on the SM-DP+. */
public enum ProfileState {
  /** In the inventory, free to be reserved by ES2+.DownloadOrder. */
  AVAILABLE("Available"),
  /** Reserved by DownloadOrder without an EID. */
  ALLOCATED("Allocated"),
  /** Reserved by DownloadOrder for one EID. */
  LINKED("Linked"),
  /** ConfirmOrder done, waiting for ReleaseProfile. */
  CONFIRMED("Confirmed"),
  /** Downloadable: an eUICC may fetch it (ES9+). */
  RELEASED("Released"),
  /** A bound profile package was delivered; the installation result is pending. */
  DOWNLOADED("Downloaded"),
  /** The eUICC reported a successful installation. */
  INSTALLED("Installed"),
  /** The download or installation failed for good. */
  ERROR("Error"),
  /** Withdrawn from use (CancelOrder with Unavailable). */
  UNAVAILABLE("Unavailable");

  private final String specName;

  ProfileState(String specName) {
    this.specName = specName;
  }

  /** The name SGP.22 writes, e.g. {@code Released}. */
  public String specName() {
    return specName;
  }

  /** Parses the SGP.22 name or the enum name, any case. */
  public static ProfileState parse(String s) {
    for (ProfileState p : values()) {
      if (p.specName.equalsIgnoreCase(s) || p.name().equalsIgnoreCase(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "state: unknown '" + s + "'; one of " + java.util.Arrays.toString(specNames()));
  }

  static String[] specNames() {
    ProfileState[] v = values();
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i].specName;
    }
    return out;
  }

  @Override
  public String toString() {
    return specName;
  }
}
