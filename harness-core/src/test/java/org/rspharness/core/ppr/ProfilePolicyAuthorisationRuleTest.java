package org.rspharness.core.ppr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.core.ppr.ProfilePolicyAuthorisationRule.PPR1;
import static org.rspharness.core.ppr.ProfilePolicyAuthorisationRule.PPR2;
import static org.rspharness.core.ppr.ProfilePolicyAuthorisationRule.consentRequired;
import static org.rspharness.core.ppr.ProfilePolicyAuthorisationRule.notAllowed;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

/** SGP.22 section 2.9.2.2: the RAT's matching rule, as the LPA and the eUICC both apply it. */
class ProfilePolicyAuthorisationRuleTest {

  private static final byte[] OWNER = Hex.decode("21F354"); // MCC 123, MNC 45

  private static ProfilePolicyAuthorisationRule rule(int pprs, boolean consent, String... ops) {
    return new ProfilePolicyAuthorisationRule(
        pprs, List.of(ops).stream().map(Hex::decode).toList(), consent);
  }

  @Test
  void everyOperatorWildcardAllowsBothPprsForAnyOwner() {
    List<ProfilePolicyAuthorisationRule> rat = List.of(rule(PPR1 | PPR2, false, "EEEEEE"));
    assertThat(notAllowed(rat, PPR1 | PPR2, OWNER)).isZero();
    assertThat(notAllowed(rat, PPR1 | PPR2, Hex.decode("62F210"))).isZero();
  }

  @Test
  void wildcardMncMatchesEveryNetworkOfTheCountryOnly() {
    List<ProfilePolicyAuthorisationRule> rat = List.of(rule(PPR1, false, "21F3EE"));
    assertThat(notAllowed(rat, PPR1, OWNER)).isZero();
    assertThat(notAllowed(rat, PPR1, Hex.decode("22F354"))).isEqualTo(PPR1); // MCC 223
  }

  @Test
  void wildcardMccMatchesTheNetworkInEveryCountry() {
    List<ProfilePolicyAuthorisationRule> rat = List.of(rule(PPR2, false, "EEEE54"));
    assertThat(notAllowed(rat, PPR2, OWNER)).isZero();
    assertThat(notAllowed(rat, PPR2, Hex.decode("21F355"))).isEqualTo(PPR2);
  }

  @Test
  void aRuleAllowsOnlyThePprsItLists() {
    List<ProfilePolicyAuthorisationRule> rat = List.of(rule(PPR1, false, "EEEEEE"));
    assertThat(notAllowed(rat, PPR1 | PPR2, OWNER)).isEqualTo(PPR2);
    assertThat(notAllowed(List.of(), PPR1, OWNER)).isEqualTo(PPR1);
    assertThat(notAllowed(List.of(), 0, OWNER)).isZero(); // no PPR, nothing to allow
  }

  @Test
  void eachPprMayBeAllowedByARuleOfItsOwn() {
    List<ProfilePolicyAuthorisationRule> rat =
        List.of(rule(PPR1, false, "21F354"), rule(PPR2, false, "21F3EE"));
    assertThat(notAllowed(rat, PPR1 | PPR2, OWNER)).isZero();
  }

  @Test
  void aProfileWithoutOwnerOrWithAnOddLengthOwnerMatchesNoRule() {
    List<ProfilePolicyAuthorisationRule> rat = List.of(rule(PPR1 | PPR2, false, "EEEEEE"));
    assertThat(notAllowed(rat, PPR1, null)).isEqualTo(PPR1);
    assertThat(notAllowed(rat, PPR1, Hex.decode("21F3"))).isEqualTo(PPR1);
  }

  @Test
  void theFirstRuleAllowingAPprDecidesWhetherTheUserMustConsent() {
    List<ProfilePolicyAuthorisationRule> rat =
        List.of(rule(PPR1, true, "21F354"), rule(PPR1 | PPR2, false, "EEEEEE"));
    assertThat(consentRequired(rat, PPR1, OWNER)).isTrue();
    assertThat(consentRequired(rat, PPR2, OWNER)).isFalse();
    assertThat(consentRequired(rat, PPR1, Hex.decode("62F210"))).isFalse(); // second rule
    assertThat(consentRequired(rat, 0, OWNER)).isFalse();
  }
}
