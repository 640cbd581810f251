package org.rspharness.smdp.es9;

import com.beanit.asn1bean.ber.types.BerOctetString;
import com.beanit.asn1bean.ber.types.string.BerUTF8String;
import java.util.Arrays;
import org.rspharness.asn1.rsp.IconType;
import org.rspharness.asn1.rsp.NotificationConfigurationInformation;
import org.rspharness.asn1.rsp.NotificationEvent;
import org.rspharness.asn1.rsp.OperatorID;
import org.rspharness.asn1.rsp.PprIds;
import org.rspharness.asn1.rsp.ProfileClass;
import org.rspharness.asn1.rsp.StoreMetadataRequest;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.util.Hex;
import org.rspharness.smdp.order.NotificationTarget;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderMetadata;

/**
 * SGP.22 sections 4.4 and 5.4: the profile metadata the SM-DP+ answers in ES9+.AuthenticateClient,
 * a StoreMetadataRequest (BF25) built from the order.
 */
final class ProfileMetadata {

  private ProfileMetadata() {}

  /**
   * SGP.22 5.4: the StoreMetadataRequest of {@code order}; {@code paddedAddresses} puts spaces
   * around the notification addresses (a quirk).
   */
  static byte[] storeMetadataRequest(Order order, boolean paddedAddresses) {
    OrderMetadata m = order.metadata();
    StoreMetadataRequest smr = new StoreMetadataRequest();
    smr.setIccid(new org.rspharness.asn1.rsp.Iccid(order.iccid().toEfIccid()));
    smr.setServiceProviderName(new BerUTF8String(m.serviceProviderName()));
    smr.setProfileName(new BerUTF8String(m.profileName()));
    if (m.icon() != null) {
      smr.setIconType(new IconType("png".equals(m.iconType()) ? 1 : 0));
      smr.setIcon(new BerOctetString(m.icon()));
    }
    smr.setProfileClass(new ProfileClass(OrderMetadata.profileClassNumber(m.profileClass())));
    if (m.profileOwner() != null) {
      OperatorID owner = new OperatorID();
      owner.setMccMnc(new BerOctetString(Hex.decode(m.profileOwner())));
      smr.setProfileOwner(owner);
    }
    if (!m.notifications().isEmpty()) {
      StoreMetadataRequest.NotificationConfigurationInfo nci =
          new StoreMetadataRequest.NotificationConfigurationInfo();
      for (NotificationTarget t : m.notifications()) {
        NotificationConfigurationInformation info = new NotificationConfigurationInformation();
        info.setProfileManagementOperation(new NotificationEvent(operationBits(t)));
        String addr = paddedAddresses ? " " + t.address() + " " : t.address();
        info.setNotificationAddress(new BerUTF8String(addr));
        nci.getNotificationConfigurationInformation().add(info);
      }
      smr.setNotificationConfigurationInfo(nci);
    }
    if (!order.pprs().isEmpty()) {
      int max = order.pprs().stream().mapToInt(Integer::intValue).max().orElse(0);
      boolean[] ppr = new boolean[max + 1];
      order.pprs().forEach(p -> ppr[p] = true);
      smr.setProfilePolicyRules(new PprIds(ppr));
    }
    return Asn1Codec.encode(smr);
  }

  /** The NotificationEvent bits of a target, up to its highest operation (DER: no trailing 0s). */
  private static boolean[] operationBits(NotificationTarget t) {
    boolean[] ops = new boolean[4];
    for (NotificationOperation op : t.operations()) {
      ops[op.bit()] = true;
    }
    int used = 0;
    for (int i = 0; i < 4; i++) {
      if (ops[i]) {
        used = i + 1;
      }
    }
    return Arrays.copyOf(ops, used);
  }
}
