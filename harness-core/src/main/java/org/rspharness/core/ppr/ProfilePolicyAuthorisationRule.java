package org.rspharness.core.ppr;

import java.util.List;

/**
 * SGP.22 section 2.9.2.2: one rule (PPAR) of the eUICC's Rules Authorisation Table (RAT), and the
 * one matching rule both the LPA (before consent) and the eUICC (at StoreMetadata) apply. A PPR of
 * a profile is allowed when some rule lists that PPR and names the profile owner among its allowed
 * operators; each PPR is looked up on its own, and the first rule that allows it is the one whose
 * flags apply to it (e.g. whether the end user must consent).
 *
 * @param pprIds the PPRs the rule allows, as the first byte of the PprIds bit string: {@link #PPR1}
 *     (bit 1, 0x40) and {@link #PPR2} (bit 2, 0x20)
 * @param allowedOperators the profile owners it applies to, each a 3-byte TS 24.008 MCC/MNC in
 *     which a nibble 'E' matches any digit ({@code EEEEEE}: every operator)
 * @param consentRequired pprFlags bit 0: the end user must consent to the PPRs this rule allows
 */
public record ProfilePolicyAuthorisationRule(
    int pprIds, List<byte[]> allowedOperators, boolean consentRequired) {

  /** PPR1, "disabling of this profile not allowed": bit 1 of the PprIds/PPR bit strings. */
  public static final int PPR1 = 0x40;

  /** PPR2, "deletion of this profile not allowed": bit 2 of the PprIds/PPR bit strings. */
  public static final int PPR2 = 0x20;

  /** Copies the operator list (the arrays themselves are read only). */
  public ProfilePolicyAuthorisationRule {
    allowedOperators = List.copyOf(allowedOperators);
  }

  /**
   * SGP.22 section 2.9.2.2: whether this rule allows {@code ppr} (one of {@link #PPR1}, {@link
   * #PPR2}) for a profile owned by {@code ownerMccMnc} (null: the profile names no owner, which no
   * rule matches).
   */
  public boolean allows(int ppr, byte[] ownerMccMnc) {
    if ((pprIds & ppr) == 0 || ownerMccMnc == null) {
      return false;
    }
    for (byte[] operator : allowedOperators) {
      if (mccMncMatches(operator, ownerMccMnc)) {
        return true;
      }
    }
    return false;
  }

  /**
   * SGP.22 section 2.9.2.2: the PPRs among {@code pprs} (a profile's PPR byte: {@link #PPR1},
   * {@link #PPR2}; other bits are ignored) that no rule of {@code rat} allows for {@code
   * ownerMccMnc}, as the same kind of byte: 0 when the profile may be installed.
   */
  public static int notAllowed(List<ProfilePolicyAuthorisationRule> rat, int pprs, byte[] owner) {
    int missing = 0;
    for (int ppr : new int[] {PPR1, PPR2}) {
      if ((pprs & ppr) != 0 && first(rat, ppr, owner) == null) {
        missing |= ppr;
      }
    }
    return missing;
  }

  /**
   * SGP.22 section 2.9.2.2: whether the end user must consent to the PPRs among {@code pprs}: the
   * first rule allowing one of them sets consentRequired.
   */
  public static boolean consentRequired(
      List<ProfilePolicyAuthorisationRule> rat, int pprs, byte[] owner) {
    for (int ppr : new int[] {PPR1, PPR2}) {
      ProfilePolicyAuthorisationRule rule = (pprs & ppr) == 0 ? null : first(rat, ppr, owner);
      if (rule != null && rule.consentRequired()) {
        return true;
      }
    }
    return false;
  }

  /** The PPR's name as SGP.22 writes it, for messages. */
  public static String name(int ppr) {
    return ppr == PPR1 ? "PPR1" : ppr == PPR2 ? "PPR2" : "PPR1 and PPR2";
  }

  private static ProfilePolicyAuthorisationRule first(
      List<ProfilePolicyAuthorisationRule> rat, int ppr, byte[] owner) {
    for (ProfilePolicyAuthorisationRule rule : rat) {
      if (rule.allows(ppr, owner)) {
        return rule;
      }
    }
    return null;
  }

  /** SGP.22 section 2.9.2.2: 'E' nibbles of the rule's MCC/MNC match any digit of the owner's. */
  static boolean mccMncMatches(byte[] rule, byte[] owner) {
    if (rule == null || rule.length != owner.length) {
      return false;
    }
    for (int i = 0; i < rule.length; i++) {
      int r = rule[i] & 0xFF;
      int o = owner[i] & 0xFF;
      if ((r >> 4) != 0xE && (r >> 4) != (o >> 4)) {
        return false;
      }
      if ((r & 0xF) != 0xE && (r & 0xF) != (o & 0xF)) {
        return false;
      }
    }
    return true;
  }
}
