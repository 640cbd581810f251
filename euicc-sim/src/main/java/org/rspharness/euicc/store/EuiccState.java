package org.rspharness.euicc.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything an eUICC keeps across power cycles, as one immutable value: a change is a new state
 * committed at once, which is what makes profile installation atomic.
 *
 * @param version format version of the state file ({@link #FORMAT_VERSION})
 * @param profiles installed profiles, in installation order
 * @param notifications pending notifications, in sequence-number order
 * @param nextSeqNumber the next notification sequence number
 * @param nextIsdpIndex the index of the next ISD-P AID to allocate
 * @param defaultDpAddress the default SM-DP+ address, or null
 * @param rootDsAddress the root SM-DS address
 * @param setup where the card's identity comes from (written by {@code euicc init}), or null
 */
public record EuiccState(
    int version,
    List<ProfileRecord> profiles,
    List<NotificationRecord> notifications,
    int nextSeqNumber,
    int nextIsdpIndex,
    String defaultDpAddress,
    String rootDsAddress,
    Setup setup) {

  /**
   * How a card file names its identity, so {@code euicc serve --state FILE} needs nothing else.
   *
   * @param pkiDirectory the PKI directory (SGP.26 layout) holding CERT.EUICC, SK.EUICC, EUM, CI
   * @param curves the curves used (SGP.26 file tags, e.g. NIST, BRP)
   * @param eid the EID of the eUICC certificate, so commands that need no key need not read the
   *     PKI; null in files written before it was recorded
   */
  public record Setup(String pkiDirectory, List<String> curves, String eid) {
    /** Validates and copies. */
    public Setup {
      if (pkiDirectory == null || curves == null) {
        throw new IllegalArgumentException("pkiDirectory and curves must be set");
      }
      curves = List.copyOf(curves);
    }

    /** A setup that does not record the EID. */
    public Setup(String pkiDirectory, List<String> curves) {
      this(pkiDirectory, curves, null);
    }
  }

  /** The format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Validates and copies. */
  public EuiccState {
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "state version " + version + " not supported (expected " + FORMAT_VERSION + ")");
    }
    profiles = List.copyOf(profiles);
    notifications = List.copyOf(notifications);
    if (rootDsAddress == null) {
      throw new IllegalArgumentException("rootDsAddress must be set");
    }
  }

  /** A factory-fresh state. */
  public static EuiccState initial(String defaultDpAddress, String rootDsAddress) {
    return new EuiccState(
        FORMAT_VERSION, List.of(), List.of(), 0, 0, defaultDpAddress, rootDsAddress, null);
  }

  /** The profile with {@code iccid}, if installed. */
  public Optional<ProfileRecord> profileByIccid(String iccid) {
    return profiles.stream().filter(p -> p.iccid().equals(iccid)).findFirst();
  }

  /** The profile whose ISD-P AID is {@code aidHex} (case-insensitive), if installed. */
  public Optional<ProfileRecord> profileByAid(String aidHex) {
    return profiles.stream().filter(p -> p.isdpAid().equalsIgnoreCase(aidHex)).findFirst();
  }

  /** Bytes of profile data in use. */
  public long usedMemory() {
    long sum = 0;
    for (ProfileRecord p : profiles) {
      sum += p.size();
    }
    return sum;
  }

  /** This state with {@code profiles}. */
  public EuiccState withProfiles(List<ProfileRecord> list) {
    return new EuiccState(
        version,
        list,
        notifications,
        nextSeqNumber,
        nextIsdpIndex,
        defaultDpAddress,
        rootDsAddress,
        setup);
  }

  /** This state with the profile of {@code iccid} replaced by {@code change} applied to it. */
  public EuiccState updateProfile(String iccid, UnaryOperator<ProfileRecord> change) {
    List<ProfileRecord> list = new ArrayList<>(profiles.size());
    for (ProfileRecord p : profiles) {
      list.add(p.iccid().equals(iccid) ? change.apply(p) : p);
    }
    return withProfiles(list);
  }

  /** This state with {@code notification} appended and the sequence counter advanced past it. */
  public EuiccState addNotification(NotificationRecord notification) {
    List<NotificationRecord> list = new ArrayList<>(notifications);
    list.add(notification);
    return new EuiccState(
        version,
        profiles,
        list,
        Math.max(nextSeqNumber, notification.seqNumber() + 1),
        nextIsdpIndex,
        defaultDpAddress,
        rootDsAddress,
        setup);
  }

  /** This state with {@code list} as the pending notifications. */
  public EuiccState withNotifications(List<NotificationRecord> list) {
    return new EuiccState(
        version,
        profiles,
        list,
        nextSeqNumber,
        nextIsdpIndex,
        defaultDpAddress,
        rootDsAddress,
        setup);
  }

  /** This state with the ISD-P index advanced. */
  public EuiccState withNextIsdpIndex(int index) {
    return new EuiccState(
        version,
        profiles,
        notifications,
        nextSeqNumber,
        index,
        defaultDpAddress,
        rootDsAddress,
        setup);
  }

  /** This state with another default SM-DP+ address (null: none). */
  public EuiccState withDefaultDpAddress(String address) {
    return new EuiccState(
        version,
        profiles,
        notifications,
        nextSeqNumber,
        nextIsdpIndex,
        address,
        rootDsAddress,
        setup);
  }

  /** This state with {@code s} as its setup. */
  public EuiccState withSetup(Setup s) {
    return new EuiccState(
        version,
        profiles,
        notifications,
        nextSeqNumber,
        nextIsdpIndex,
        defaultDpAddress,
        rootDsAddress,
        s);
  }
}
