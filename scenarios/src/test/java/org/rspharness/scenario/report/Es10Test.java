package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class Es10Test {

  @Test
  void commandDataOfShortAndExtendedApdus() {
    assertThat(Es10.commandData(Hex.decode("80E2910003BF2E00"))).isEqualTo(Hex.decode("BF2E00"));
    assertThat(Es10.commandData(Hex.decode("80E29100000003BF2E00")))
        .isEqualTo(Hex.decode("BF2E00"));
    // no data, Le only, or an Lc running past the end: nothing
    assertThat(Es10.commandData(Hex.decode("80E29100"))).isEmpty();
    assertThat(Es10.commandData(Hex.decode("01C0000000"))).isEmpty();
    assertThat(Es10.commandData(Hex.decode("80E2910009BF2E00"))).isEmpty();
  }

  @Test
  void storeDataBlocksAndGetResponse() {
    assertThat(Es10.moreBlocks(Hex.decode("81E2110078"))).isTrue();
    assertThat(Es10.moreBlocks(Hex.decode("81E2910178"))).isFalse();
    assertThat(Es10.isGetResponse(Hex.decode("01C0000000"))).isTrue();
    assertThat(Es10.moreData(Hex.decode("BF2E6110"))).isTrue();
    assertThat(Es10.moreData(Hex.decode("9000"))).isFalse();
    assertThat(Es10.responseData(Hex.decode("BF2E009000"))).isEqualTo(Hex.decode("BF2E00"));
  }

  @Test
  void tagNamesDependOnTheParentForContextTags() {
    assertThat(Es10.name(0, 0xBF38)).isEqualTo("AuthenticateServer");
    assertThat(Es10.name(0xBF36, 0xA3)).isEqualTo("sequenceOf86");
    assertThat(Es10.name(0xBF27, 0xA2)).isEqualTo("finalResult");
    assertThat(Es10.name(0xA2, 0xA1)).isEqualTo("errorResult");
    assertThat(Es10.name(0x30, 0x80)).isNull();
  }

  @Test
  void es10CommandsAreNamedByTheCardsOneTable() {
    // the same names as fault rules and KPIs use (euicc-sim's Es10CommandNames)
    assertThat(Es10.command(0xBF34))
        .isEqualTo(org.rspharness.euicc.card.Es10CommandNames.of(0xBF34))
        .isEqualTo("eUICCMemoryReset");
    assertThat(Es10.name(0, 0xBF2D)).isEqualTo("GetProfilesInfo");
    assertThat(Es10.command(0xBF99)).isNull();
    assertThat(Es10.command(0xBF23)).isNull();
    // data types that are no ES10 request keep their ASN.1 names
    assertThat(Es10.name(0, 0xBF23)).isEqualTo("InitialiseSecureChannelRequest");
    assertThat(Es10.name(0, 0xBF36)).isEqualTo("BoundProfilePackage");
    assertThat(Es10.command(0xBF36)).isEqualTo("LoadBoundProfilePackage");
  }

  @Test
  void chartTicksAreRound() {
    assertThat(Charts.niceStep(40_000_000)).isEqualTo(10_000_000);
    assertThat(Charts.niceStep(3_872_000_000L)).isEqualTo(1_000_000_000);
    assertThat(Charts.niceStep(0)).isEqualTo(1);
    assertThat(Charts.compact(250_000)).isEqualTo("250 \u00b5s");
    assertThat(Charts.compact(1_500_000_000)).isEqualTo("1.5 s");
  }
}
