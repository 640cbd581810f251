package org.rspharness.smdp.es9;

import com.beanit.asn1bean.ber.types.BerBitString;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.rsp.PprIds;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.order.Order;

/**
 * SGP.22 section 3.1.3.0: the SM-DP+'s eligibility check of an order's profile against the eUICC's
 * EUICCInfo2 (forbidden PPRs, test-profile support, free memory), made in ES9+.AuthenticateClient.
 */
final class Eligibility {

  private Eligibility() {}

  /**
   * SGP.22 3.1.3.0: refuses with 8.2.5/4.3 (no eligible profile) or 8.1/4.8 (insufficient memory);
   * no EUICCInfo2 is not checked.
   */
  static void check(Order order, EUICCInfo2 info2, Eid eid) {
    if (info2 == null) {
      return;
    }
    PprIds forbidden = info2.getForbiddenProfilePolicyRules();
    if (forbidden != null) {
      boolean[] bits = bits(forbidden);
      for (int p : order.pprs()) {
        if (p < bits.length && bits[p]) {
          throw new FunctionFailure(
              StatusCodes.NO_ELIGIBLE_PROFILE,
              eid.value(),
              "the profile carries PPR" + p + ", which the eUICC forbids");
        }
      }
    }
    if ("test".equals(order.metadata().profileClass())) {
      boolean[] caps =
          info2.getRspCapability() == null ? new boolean[0] : bits(info2.getRspCapability());
      if (caps.length <= 3 || !caps[3]) {
        throw new FunctionFailure(
            StatusCodes.NO_ELIGIBLE_PROFILE,
            eid.value(),
            "test profile, eUICC lacks testProfileSupport");
      }
    }
    if (info2.getExtCardResource() != null) {
      long free = freeNonVolatileMemory(info2.getExtCardResource().value);
      int needed = order.profilePackage().length;
      if (free >= 0 && free < needed) {
        throw new FunctionFailure(
            StatusCodes.EUICC_INSUFFICIENT_MEMORY,
            eid.value(),
            "eUICC has " + free + " bytes free, the profile needs " + needed);
      }
    }
  }

  /** The bits of a BIT STRING; none when it does not decode. */
  static boolean[] bits(BerBitString b) {
    try {
      return b.getValueAsBooleans();
    } catch (RuntimeException e) {
      return new boolean[0];
    }
  }

  /** ETSI TS 102 226 extended card resource: tag 82 = free non-volatile memory; -1 if absent. */
  static long freeNonVolatileMemory(byte[] ecr) {
    try {
      for (Tlv t : Tlv.parseAll(ecr)) {
        if (t.tag() == 0x82 && t.valueLength() <= 8) {
          long v = 0;
          for (byte b : t.value()) {
            v = (v << 8) | (b & 0xFF);
          }
          return v;
        }
      }
    } catch (CodecException e) {
      return -1;
    }
    return -1;
  }
}
